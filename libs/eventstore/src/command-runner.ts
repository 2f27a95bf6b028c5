import type { Decider, DomainEvent } from '@gx/domain/shared/decider';
import { isDomainError } from '@gx/domain/shared/domain-error';
import {
  ConcurrencyError,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from './event-store.port';
import { newEventId } from './event-id';
import { StreamStateCache, type CachedStream } from './stream-state-cache';

/** A decider the runner can execute: the domain's decider (its name and event schema versions included). */
export type RunnableDecider<C extends { type: string }, E extends DomainEvent, S> = Decider<C, E, S>;

/** Who asked, why, and the deterministic id that makes a repeat a no-op. */
export interface CommandContext {
  commandId: string;
  actor: string;
  correlationId: string;
  causationId?: string;
  /** ISO 8601 time at which the command is decided (also written as metadata.occurredAt). */
  now: string;
}

/** What a caller gets back: its own events (or the first run's, on a repeat) and the stream after them. */
export interface CommandOutcome<E extends DomainEvent, S> {
  events: E[];
  state: S;
  /** Revision of the stream after the command (-1: the stream does not exist). */
  revision: number;
  /** A log position at or after the command's last event ('0' for an empty log). */
  position: string;
  /** True when the command id had been seen before and nothing was appended. */
  replayed: boolean;
}

/** Receives one observation per executed command (metrics). */
export type CommandObserver = (
  commandType: string,
  outcome: 'ok' | 'rejected' | 'error' | 'replayed',
  seconds: number,
) => void;

/**
 * Receives every revision conflict of a batch, by stream category (`campaign` of `campaign-42`):
 * `retry` when the batch is decided again, `exhausted` when it ran out of retries (metrics).
 */
export type ContentionObserver = (category: string, outcome: 'retry' | 'exhausted') => void;

export interface CommandRunnerOptions {
  /** `mailbox` (default): per-stream queue with group commit and cached state. `plain`: read-decide-append-retry
   * per command with no cache, kept only so the benchmark can compare the two. */
  mode?: 'mailbox' | 'plain';
  maxRetries?: number;
  /** Most commands decided and appended together in one group commit. */
  maxBatch?: number;
  cacheSize?: number;
  observer?: CommandObserver;
  contention?: ContentionObserver;
}

interface Pending {
  command: { type: string };
  ctx: CommandContext;
  started: number;
  resolve(outcome: CommandOutcome<DomainEvent, unknown>): void;
  reject(error: unknown): void;
}

interface Mailbox {
  decider: RunnableDecider<{ type: string }, DomainEvent, unknown>;
  queue: Pending[];
  running: boolean;
}

type AnyDecider = RunnableDecider<{ type: string }, DomainEvent, unknown>;

/** What deciding a batch produced, before anything is appended or answered. */
interface BatchPlan {
  toAppend: NewEvent[];
  /** command id → [first, last] revision its events will take. */
  newIds: Map<string, [number, number]>;
  /** Each decided command, in order: its events and the state after them, or its rejection. */
  decided: Array<{ p: Pending; events: DomainEvent[]; state: unknown } | { p: Pending; error: unknown }>;
  replays: Pending[];
  /** The state after the whole batch. */
  state: unknown;
}

/**
 * Executes commands against event-sourced streams. Commands for one stream queue in an in-process
 * mailbox and are decided one after another against the cached state; the events of a whole batch
 * are appended at once with the expected revision (group commit). A revision conflict (another
 * process wrote) reloads the stream's tail and re-decides the batch, a bounded number of times.
 */
export class CommandRunner {
  private readonly mailboxes = new Map<string, Mailbox>();
  private readonly cache: StreamStateCache;
  private readonly mode: 'mailbox' | 'plain';
  private readonly maxRetries: number;
  private readonly maxBatch: number;

  constructor(
    private readonly store: EventStore,
    private readonly options: CommandRunnerOptions = {},
  ) {
    this.mode = options.mode ?? 'mailbox';
    this.maxRetries = options.maxRetries ?? 10;
    this.maxBatch = options.maxBatch ?? 256;
    this.cache = new StreamStateCache(options.cacheSize ?? 10_000);
  }

  /** Decide `command` on `streamId` and append its events; rejects with the decider's DomainError. */
  execute<C extends { type: string }, E extends DomainEvent, S>(
    decider: RunnableDecider<C, E, S>,
    streamId: string,
    command: C,
    ctx: CommandContext,
  ): Promise<CommandOutcome<E, S>> {
    return new Promise<CommandOutcome<E, S>>((resolve, reject) => {
      const pending: Pending = {
        command,
        ctx,
        started: performance.now(),
        resolve: resolve as Pending['resolve'],
        reject,
      };
      if (this.mode === 'plain') {
        void this.runPlain(decider as unknown as AnyDecider, streamId, pending);
        return;
      }
      let box = this.mailboxes.get(streamId);
      if (!box) {
        box = { decider: decider as unknown as AnyDecider, queue: [], running: false };
        this.mailboxes.set(streamId, box);
      }
      box.queue.push(pending);
      if (!box.running) void this.drain(streamId, box);
    });
  }

  /** Current state of a stream (through the cache, catching up its tail). */
  async load<C extends { type: string }, E extends DomainEvent, S>(
    decider: RunnableDecider<C, E, S>,
    streamId: string,
  ): Promise<{ state: S; revision: number; position: string }> {
    const entry = await this.catchUp(decider as unknown as AnyDecider, streamId, this.cache.get(streamId));
    return { state: entry.state as S, revision: entry.revision, position: entry.position };
  }

  private async drain(streamId: string, box: Mailbox): Promise<void> {
    box.running = true;
    try {
      while (box.queue.length > 0) {
        const batch = box.queue.splice(0, this.maxBatch);
        await this.processBatch(box.decider, streamId, batch);
      }
    } finally {
      box.running = false;
      if (box.queue.length === 0) this.mailboxes.delete(streamId);
      else void this.drain(streamId, box);
    }
  }

  /**
   * Decide a batch and append its events at once. A cached state is decided on without reading the
   * store first: when the batch appends, the expected revision proves the state was current (another
   * process's append makes it fail, and the batch is re-decided on the stream's tail). A batch that
   * appends nothing — only rejections and replays — has no such proof, so before its answers go out
   * the tail is read, and the batch is decided again if the stream moved on meanwhile.
   */
  private async processBatch(decider: AnyDecider, streamId: string, batch: Pending[]): Promise<void> {
    let entry: CachedStream | undefined = this.cache.get(streamId);
    // `trusted`: decide on `entry` as it is; `current`: `entry` was read from the store for this batch.
    let trusted = entry !== undefined && entry.decider === decider.name;
    let current = false;
    for (let attempt = 0; ; attempt++) {
      try {
        if (!trusted || entry === undefined) {
          entry = await this.catchUp(decider, streamId, entry);
          trusted = current = true;
        }
        const known: CachedStream = entry;
        const plan = this.decide(decider, known, batch);
        if (plan.toAppend.length === 0 && !current) {
          entry = await this.catchUp(decider, streamId, known);
          current = true;
          if (entry.revision !== known.revision) continue;
        }
        const committed = await this.commit(decider, streamId, known, plan);
        this.cache.set(streamId, committed);
        this.answer(streamId, committed, plan);
        return;
      } catch (e) {
        if (e instanceof ConcurrencyError) this.conflicted(streamId, attempt);
        if (e instanceof ConcurrencyError && attempt < this.maxRetries) {
          // Someone else appended: keep what we know and read only the tail on the next attempt.
          this.cache.delete(streamId);
          trusted = current = false;
          await backoff(attempt);
          continue;
        }
        this.cache.delete(streamId);
        for (const p of batch) this.finish(p, 'error', () => p.reject(e));
        return;
      }
    }
  }

  /** Decide every pending command in order on `entry`, collecting the events to append. */
  private decide(decider: AnyDecider, entry: CachedStream, batch: Pending[]): BatchPlan {
    let state = entry.state;
    const plan: BatchPlan = { toAppend: [], newIds: new Map(), decided: [], replays: [], state };
    for (const p of batch) {
      if (entry.commandIds.has(p.ctx.commandId) || plan.newIds.has(p.ctx.commandId)) {
        plan.replays.push(p);
        continue;
      }
      let events: DomainEvent[];
      try {
        events = decider.decide(p.command, state);
      } catch (e) {
        plan.decided.push({ p, error: e });
        continue;
      }
      const first = entry.revision + 1 + plan.toAppend.length;
      for (const event of events) {
        state = decider.evolve(state, event);
        plan.toAppend.push(this.toNewEvent(decider, event, p.ctx));
      }
      if (events.length > 0) plan.newIds.set(p.ctx.commandId, [first, first + events.length - 1]);
      plan.decided.push({ p, events, state });
    }
    plan.state = state;
    return plan;
  }

  /** Append the batch's events (if any) with the expected revision; the stream's entry after them. */
  private async commit(
    decider: AnyDecider,
    streamId: string,
    entry: CachedStream,
    plan: BatchPlan,
  ): Promise<CachedStream> {
    if (plan.toAppend.length === 0) return entry;
    const expected = entry.revision < 0 ? 'no_stream' : entry.revision;
    const result = await this.store.append(streamId, plan.toAppend, expected);
    return {
      decider: decider.name,
      state: plan.state,
      revision: result.nextRevision,
      position: result.position,
      // The map belongs to the entry being replaced, so it is extended in place (no O(n) copy per batch).
      commandIds: mergeInto(entry.commandIds, plan.newIds),
    };
  }

  /** Answer every caller of a committed batch, in order. */
  private answer(streamId: string, next: CachedStream, plan: BatchPlan): void {
    for (const d of plan.decided) {
      if ('error' in d) {
        const error = d.error;
        this.finish(d.p, isDomainError(error) ? 'rejected' : 'error', () => d.p.reject(error));
      } else {
        const outcome = {
          events: d.events,
          state: d.state,
          revision: next.revision,
          position: next.position,
          replayed: false,
        };
        this.finish(d.p, 'ok', () => d.p.resolve(outcome));
      }
    }
    for (const p of plan.replays) void this.replay(streamId, next, p);
  }

  /** Answer a repeated command with the events its first execution appended. */
  private async replay(streamId: string, entry: CachedStream, p: Pending): Promise<void> {
    try {
      const range = entry.commandIds.get(p.ctx.commandId);
      if (!range) throw new Error(`command ${p.ctx.commandId} not found on ${streamId}`);
      const recorded = await this.store.readStream(streamId, {
        fromRevision: range[0],
        maxCount: range[1] - range[0] + 1,
      });
      const events = recorded.map(asDomainEvent);
      const position = recorded.at(-1)?.position ?? entry.position;
      this.finish(p, 'replayed', () =>
        p.resolve({ events, state: entry.state, revision: entry.revision, position, replayed: true }),
      );
    } catch (e) {
      this.finish(p, 'error', () => p.reject(e));
    }
  }

  /** Bring a cached entry (or nothing) up to the stream's current revision by folding its tail. */
  private async catchUp(decider: AnyDecider, streamId: string, entry?: CachedStream): Promise<CachedStream> {
    const base: CachedStream =
      entry && entry.decider === decider.name
        ? entry
        : { decider: decider.name, state: decider.initialState, revision: -1, position: '0', commandIds: new Map() };
    const tail = await this.store.readStream(streamId, { fromRevision: base.revision + 1 });
    if (tail.length === 0) return base;
    let state = base.state;
    const commandIds = base.commandIds;
    for (const event of tail) {
      state = decider.evolve(state, asDomainEvent(event));
      const id = event.metadata.commandId;
      if (id) {
        const range = commandIds.get(id);
        commandIds.set(id, range ? [range[0], event.revision] : [event.revision, event.revision]);
      }
    }
    const last = tail[tail.length - 1];
    return { decider: decider.name, state, revision: last.revision, position: last.position, commandIds };
  }

  /** Read-decide-append-retry for one command, without mailbox or cache (benchmark baseline only). */
  private async runPlain(decider: AnyDecider, streamId: string, p: Pending): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const entry = await this.catchUp(decider, streamId);
        const plan = this.decide(decider, entry, [p]);
        this.answer(streamId, await this.commit(decider, streamId, entry, plan), plan);
        return;
      } catch (e) {
        if (e instanceof ConcurrencyError) this.conflicted(streamId, attempt);
        if (e instanceof ConcurrencyError && attempt < this.maxRetries) {
          await backoff(attempt);
          continue;
        }
        this.finish(p, 'error', () => p.reject(e));
        return;
      }
    }
  }

  private toNewEvent(decider: AnyDecider, event: DomainEvent, ctx: CommandContext): NewEvent {
    const schemaVersions = decider.schemaVersions as Record<string, number> | undefined;
    const metadata: EventMetadata = {
      schemaVersion: schemaVersions?.[event.type] ?? 1,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId ?? ctx.commandId,
      actor: ctx.actor,
      occurredAt: ctx.now,
      commandId: ctx.commandId,
    };
    return { id: newEventId(), type: event.type, data: event.data, metadata };
  }

  private conflicted(streamId: string, attempt: number): void {
    const dash = streamId.indexOf('-');
    this.options.contention?.(
      dash > 0 ? streamId.slice(0, dash) : streamId,
      attempt < this.maxRetries ? 'retry' : 'exhausted',
    );
  }

  private finish(p: Pending, outcome: 'ok' | 'rejected' | 'error' | 'replayed', answer: () => void): void {
    this.options.observer?.(p.command.type, outcome, (performance.now() - p.started) / 1000);
    answer();
  }
}

function mergeInto<K, V>(target: Map<K, V>, source: Map<K, V>): Map<K, V> {
  for (const [k, v] of source) target.set(k, v);
  return target;
}

function asDomainEvent(event: RecordedEvent): DomainEvent {
  return { type: event.type, data: event.data };
}

/** Jittered exponential backoff so that competing processes stop colliding. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.min(50, 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
