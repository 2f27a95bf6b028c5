import type { StoreDiagnostics } from './store-faults';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './event-store.port';

/** Turns `data` of one event type from schema version `fromVersion` into version `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: unknown): unknown;
}

/**
 * Brings a recorded event to the newest schema version its type has upcasters for, one step at a time,
 * and sets `metadata.schemaVersion` accordingly. Events already current are returned as they are.
 */
export class UpcasterChain {
  private readonly steps = new Map<string, Map<number, Upcaster>>();

  constructor(upcasters: readonly Upcaster[]) {
    for (const upcaster of upcasters) {
      if (!Number.isSafeInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
        throw new RangeError(`upcaster for ${upcaster.type}: fromVersion must be an integer >= 1`);
      }
      const byVersion = this.steps.get(upcaster.type) ?? new Map<number, Upcaster>();
      if (byVersion.has(upcaster.fromVersion)) {
        throw new Error(`two upcasters for ${upcaster.type} from version ${upcaster.fromVersion}`);
      }
      byVersion.set(upcaster.fromVersion, upcaster);
      this.steps.set(upcaster.type, byVersion);
    }
  }

  upcast(event: RecordedEvent): RecordedEvent {
    const byVersion = this.steps.get(event.type);
    if (!byVersion) return event;
    // Events written before schema versions were recorded count as version 1.
    const stored = event.metadata.schemaVersion;
    let version = typeof stored === 'number' ? stored : 1;
    let data = event.data;
    for (let step = byVersion.get(version); step; step = byVersion.get(version)) {
      data = step.upcast(data);
      version += 1;
    }
    if (version === stored) return event;
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  }
}

/** An EventStore that upcasts old schema versions on every read path; appends pass through unchanged. */
export class UpcastingEventStore implements EventStore {
  private readonly chain: UpcasterChain;

  constructor(
    /** The adapter underneath (diagnostics and fault-injection tests reach the SQLite connection through it). */
    readonly inner: EventStore,
    upcasters: readonly Upcaster[],
  ) {
    this.chain = new UpcasterChain(upcasters);
  }

  append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(streamId, events, expectedRevision);
  }

  async readStream(streamId: string, options?: { fromRevision?: number; maxCount?: number }): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((event) => this.chain.upcast(event));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readAll(options)).map((event) => this.chain.upcast(event));
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const inner = this.inner.subscribeToAll(options);
    const chain = this.chain;
    return {
      stop: () => inner.stop(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield chain.upcast(event);
      },
    };
  }

  headPosition(): Promise<string> {
    return this.inner.headPosition();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  get diagnostics(): StoreDiagnostics | undefined {
    return this.inner.diagnostics;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
