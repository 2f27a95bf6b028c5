/**
 * A server-sent events stream for live screens (the auction board today, campaign progress later): an
 * EventSource that resumes where it stopped and says when it is reconnecting, and the server's clock as
 * measured from the stream, so countdowns follow the server and not the PC.
 */

/** Where the stream stands: `reconnecting` while the connection is down and being re-established. */
export type LiveState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What the stream needs of EventSource (the browser's, or a fake in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  addEventListener(type: string, listener: (event: { data: string; lastEventId: string }) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export interface LiveStreamOptions {
  /**
   * The URL to connect to, given the id of the last frame seen (undefined at first). EventSource sends
   * `Last-Event-ID` itself when it reconnects; a connection the wrapper re-opens after the browser gave
   * up (an HTTP error such as 429 or 503) passes the id in the URL instead.
   */
  url: (lastEventId: string | undefined) => string;
  /** Event names to listen for (`event:` of the frames). */
  events: string[];
  onFrame: (event: string, data: unknown, id: string | undefined) => void;
  onState?: (state: LiveState) => void;
  /** First wait before the wrapper re-opens a stream the browser gave up on; doubled up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Default: the browser's EventSource. */
  eventSource?: EventSourceFactory;
  /** Default: Date.now (tests pass their own). */
  now?: () => number;
}

/** An open live stream. */
export interface LiveStream {
  state(): LiveState;
  /** Server time minus this PC's time, in ms, as measured from the stream (0 until measured). */
  clockOffsetMs(): number;
  /** The server's "now" in epoch ms. */
  serverNow(): number;
  /** The id of the last frame received. */
  lastEventId(): string | undefined;
  close(): void;
}

const CONNECTING = 0;
const CLOSED = 2;
/** How many recent clock samples count: the largest is the one least delayed in transit. */
const CLOCK_SAMPLES = 5;

/** `serverTime` of a frame, when it has one (snapshots, market and clock frames carry the moment they were sent). */
function serverTimeOf(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as { serverTime?: unknown }).serverTime;
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** Open a live stream; frames go to `onFrame` in order, state changes to `onState`. */
export function openLiveStream(options: LiveStreamOptions): LiveStream {
  const now = options.now ?? (() => Date.now());
  const factory: EventSourceFactory =
    options.eventSource ?? ((url) => new EventSource(url) as unknown as EventSourceLike);
  const firstRetry = options.retryMs ?? 1000;
  const maxRetry = options.maxRetryMs ?? 30_000;
  let state: LiveState = 'connecting';
  let lastId: string | undefined;
  let source: EventSourceLike | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retry = firstRetry;
  const samples: number[] = [];
  let offset = 0;

  const setState = (next: LiveState): void => {
    if (state === next) return;
    state = next;
    options.onState?.(next);
  };

  function connect(): void {
    const es = factory(options.url(lastId));
    source = es;
    es.onopen = () => {
      retry = firstRetry;
      setState('open');
    };
    es.onerror = () => {
      if (state === 'closed' || source !== es) return;
      if (es.readyState === CONNECTING) {
        // The browser reconnects by itself, sending Last-Event-ID.
        setState('reconnecting');
        return;
      }
      if (es.readyState === CLOSED) {
        // The browser gave up (an HTTP error, or 204 at the end): re-open later, resuming from the last id.
        es.close();
        setState('reconnecting');
        timer = setTimeout(connect, retry);
        retry = Math.min(retry * 2, maxRetry);
      }
    };
    for (const name of options.events) {
      es.addEventListener(name, (event) => {
        if (source !== es || state === 'closed') return;
        if (event.lastEventId) lastId = event.lastEventId;
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        const serverTime = serverTimeOf(data);
        if (serverTime !== undefined) {
          samples.push(serverTime - now());
          if (samples.length > CLOCK_SAMPLES) samples.shift();
          offset = Math.max(...samples);
        }
        setState('open');
        options.onFrame(name, data, event.lastEventId || undefined);
      });
    }
  }

  connect();
  return {
    state: () => state,
    clockOffsetMs: () => offset,
    serverNow: () => now() + offset,
    lastEventId: () => lastId,
    close() {
      if (timer) clearTimeout(timer);
      source?.close();
      setState('closed');
    },
  };
}

/** `ms` as a countdown `1:05:09`, `4:07`, `0:03`; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
