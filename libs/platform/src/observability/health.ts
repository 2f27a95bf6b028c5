import { Injectable } from '@nestjs/common';

/** Result of one readiness check. */
export interface HealthCheckResult {
  status: 'up' | 'down';
  details?: Record<string, unknown>;
}

/** A named readiness check (a store ping, a projection's lag…). */
export interface HealthIndicator {
  name: string;
  check: () => Promise<HealthCheckResult>;
}

/** What `GET /health` answers. */
export interface HealthReport {
  status: 'up' | 'down';
  app: string;
  checks: Record<string, HealthCheckResult>;
}

/** A check that has not answered within this time counts as down, so /health itself never hangs. */
const CHECK_TIMEOUT_MS = 3_000;

/** Registry of the app's readiness checks; any module registers its own in `onModuleInit`. */
@Injectable()
export class HealthRegistry {
  private readonly indicators = new Map<string, HealthIndicator>();

  /** Add a check; names are unique so two modules cannot silently hide each other's check. */
  register(indicator: HealthIndicator): void {
    if (this.indicators.has(indicator.name)) throw new Error(`health check "${indicator.name}" is already registered`);
    this.indicators.set(indicator.name, indicator);
  }

  /** Run every check concurrently; the app is up only when all are. */
  async report(app: string): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.indicators.values()].map(async (i) => [i.name, await runCheck(i)] as const),
    );
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, r]) => r.status === 'up') ? 'up' : 'down';
    return { status, app, checks };
  }
}

async function runCheck(indicator: HealthIndicator): Promise<HealthCheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthCheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 'down', details: { error: `no answer within ${CHECK_TIMEOUT_MS} ms` } }),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      indicator.check().catch((err: unknown) => ({
        status: 'down' as const,
        details: { error: err instanceof Error ? err.message : String(err) },
      })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
