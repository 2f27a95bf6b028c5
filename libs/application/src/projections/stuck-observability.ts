import { Gauge, type Registry } from 'prom-client';
import type { HealthCheckResult } from '@gx/platform';
import type { StuckEvent } from '@gx/readstore';

/** What the worker knows in-process about one of its projections or process managers. */
interface SubscriberHealth {
  name: string;
  state: string;
  checkpoint: string | null;
  head: string;
  lag: number;
  running: boolean;
  owner?: string;
  error?: string;
  failing?: StuckEvent;
}

/**
 * The worker's /health check of its projections or process managers: down (503) while one of them
 * is stuck on an event or has failed, naming it, the event (position, type, stream) and the error.
 */
export function subscriberHealth(statuses: SubscriberHealth[]): HealthCheckResult {
  const bad = statuses.filter((s) => s.state === 'failing' || s.state === 'failed');
  return {
    status: bad.length === 0 ? 'up' : 'down',
    details: Object.fromEntries(
      statuses.map((s) => [
        s.name,
        {
          state: s.state,
          checkpoint: s.checkpoint,
          head: s.head,
          lag: s.lag,
          running: s.running,
          ...(s.owner ? { owner: s.owner } : {}),
          ...(s.error === undefined ? {} : { error: s.error }),
          ...(s.failing ? { failing: s.failing } : {}),
        },
      ]),
    ),
  };
}

// Error messages become a label: keep them to one short line.
const ERROR_LABEL_LENGTH = 200;

/**
 * `<metric>{<label>, position, event_type, stream, error}` = failed attempts, one series per stuck
 * subscriber (none while all are healthy), so an alert names what is stuck and on which event.
 */
export function registerStuckGauge(
  registry: Registry,
  metric: string,
  label: string,
  statuses: () => Promise<SubscriberHealth[]>,
): void {
  new Gauge({
    name: metric,
    help: `Failed attempts on the event a ${label.replace('_', ' ')} is stuck on (retried with backoff until it passes or is parked)`,
    labelNames: [label, 'position', 'event_type', 'stream', 'error'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { name, failing } of await statuses()) {
        if (!failing) continue;
        const error = failing.error.replace(/\s+/g, ' ').slice(0, ERROR_LABEL_LENGTH);
        this.set(
          { [label]: name, position: failing.position, event_type: failing.type, stream: failing.streamId, error },
          failing.attempts,
        );
      }
    },
  });
}
