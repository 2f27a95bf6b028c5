import { parkingStream, type ParkingEvent, type StuckEventRef } from '@gx/domain/operations/parking.events';
import type { EventStore } from '@gx/eventstore/event-store.port';
import type { DocumentStore, LeaseHolder } from './document-store.port';
import { processManagerCheckpoint } from './process-managers';
import { GENERATIONS_COLLECTION, projectionLease, type GenerationDoc } from './projector/generations';
import {
  SUBSCRIBER_STATUS,
  subscriberId,
  type StuckEvent,
  type SubscriberKind,
  type SubscriberStatusDoc,
} from './worker/subscriber-report';

export {
  SUBSCRIBER_STATUS,
  subscriberId,
  type StuckEvent,
  type SubscriberKind,
  type SubscriberStatusDoc,
} from './worker/subscriber-report';

/** Where a subscriber stands fleet-wide, as the stores tell it. */
export type SubscriberState = 'running' | 'catching-up' | 'failing' | 'stopped' | 'rebuilding';

/** An event an operator parked: the subscriber skipped it, and the log keeps who did it and why. */
export interface ParkedEvent extends StuckEventRef {
  reason: string;
  parkedBy: string;
  parkedAt: string;
  /** Log position of the audit event recording the park. */
  recordedAt: string;
}

/** A projection's or process manager's status read from the stores, valid in any process. */
export interface SubscriberOverview {
  kind: SubscriberKind;
  name: string;
  state: SubscriberState;
  /** True when a worker holds the lease and runs it. */
  running: boolean;
  /** The lease holder (`<host>:<pid>:<random>`) and until when it holds the lease. */
  owner?: string;
  leaseExpiresAt?: string;
  /** Active generation of a projection (0 before the first build). */
  generation?: number;
  checkpoint: string | null;
  head: string;
  /** head − checkpoint, in log positions. */
  lag: number;
  failing?: StuckEvent;
  parked: ParkedEvent[];
}

/**
 * The state a subscriber is in: nobody holds its lease → stopped; otherwise what its lease holder
 * last reported (a report by a former holder is stale and ignored).
 */
export function subscriberState(holder: LeaseHolder | null, report: SubscriberStatusDoc | null): SubscriberState {
  if (!holder) return 'stopped';
  const current = report?.owner === holder.owner ? report : null;
  if (current?.failing) return 'failing';
  if (current?.rebuilding) return 'rebuilding';
  return current?.caughtUp ? 'running' : 'catching-up';
}

/** Reads subscribers' status from leases, checkpoints, status documents and parking streams. */
export class SubscriberStatusReader {
  constructor(
    private readonly events: EventStore,
    private readonly store: DocumentStore,
  ) {}

  /** Names of the process managers some worker has reported on (the operations app does not run them). */
  async processManagers(): Promise<string[]> {
    const docs = await this.store.find<SubscriberStatusDoc>(SUBSCRIBER_STATUS, { kind: 'process-manager' });
    return docs.map((d) => d.name).sort();
  }

  async read(kind: SubscriberKind, name: string, head: string): Promise<SubscriberOverview> {
    const lease = kind === 'projection' ? projectionLease(name) : processManagerCheckpoint(name);
    const [holder, report, generation, parked] = await Promise.all([
      this.store.leaseHolder(lease),
      this.store.get<SubscriberStatusDoc>(SUBSCRIBER_STATUS, subscriberId(kind, name)),
      kind === 'projection' ? this.store.get<GenerationDoc>(GENERATIONS_COLLECTION, name) : Promise.resolve(null),
      this.parked(kind, name),
    ]);
    const checkpointName = kind === 'projection' ? generation?.checkpoint : processManagerCheckpoint(name);
    const checkpoint = checkpointName ? await this.store.getCheckpoint(checkpointName) : null;
    const lag = BigInt(head) - BigInt(checkpoint ?? '0');
    const state = subscriberState(holder, report);
    return {
      kind,
      name,
      state,
      running: holder !== null,
      ...(holder ? { owner: holder.owner, leaseExpiresAt: new Date(holder.expiresAt).toISOString() } : {}),
      ...(kind === 'projection' ? { generation: generation?.generation ?? 0 } : {}),
      checkpoint,
      head,
      lag: lag > 0n ? Number(lag) : 0,
      ...(state === 'failing' && report?.failing ? { failing: report.failing } : {}),
      parked,
    };
  }

  /** Every event parked on a subscriber, from its parking stream. */
  async parked(kind: SubscriberKind, name: string): Promise<ParkedEvent[]> {
    const recorded = await this.events.readStream(parkingStream(kind, name));
    return recorded.flatMap((e) => {
      // Only the parking decider appends to this stream, so its events have its shapes.
      const action = e as unknown as ParkingEvent;
      if (action.type !== 'SubscriberEventParked') return [];
      return [
        {
          ...action.data.event,
          reason: action.data.reason,
          parkedBy: e.metadata.actor,
          parkedAt: e.metadata.occurredAt,
          recordedAt: e.position,
        },
      ];
    });
  }
}
