/** A stream's folded state as of `revision`, with the command ids already applied to it. */
export interface CachedStream {
  decider: string;
  state: unknown;
  revision: number;
  position: string;
  /** command id → [first, last] revision of the events it appended. */
  commandIds: Map<string, [number, number]>;
}

/** Least-recently-used cache of stream states, so a hot stream is never re-read. */
export class StreamStateCache {
  private readonly entries = new Map<string, CachedStream>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): CachedStream | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, entry: CachedStream): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}
