import { formatCountdown, openLiveStream, type EventSourceLike, type LiveState } from './live-stream';

/** An EventSource the test drives: frames, errors and the browser's own reconnection state. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, Array<(event: { data: string; lastEventId: string }) => void>>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: { data: string; lastEventId: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  emit(type: string, data: object, id = ''): void {
    for (const l of this.listeners.get(type) ?? []) l({ data: JSON.stringify(data), lastEventId: id });
  }
  fail(readyState: number): void {
    this.readyState = readyState;
    this.onerror?.({});
  }
}

describe('live stream (SSE with resume and the server clock)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const setup = () => {
    const sources: FakeSource[] = [];
    const frames: Array<[string, unknown, string | undefined]> = [];
    const states: LiveState[] = [];
    let pcNow = Date.parse('2026-12-01T02:00:00Z');
    const stream = openLiveStream({
      url: (last) => `/lots/L-1/live${last ? `?lastEventId=${last}` : ''}`,
      events: ['snapshot', 'bid', 'clock'],
      onFrame: (event, data, id) => frames.push([event, data, id]),
      onState: (s) => states.push(s),
      retryMs: 1000,
      eventSource: (url) => {
        const s = new FakeSource(url);
        sources.push(s);
        return s;
      },
      now: () => pcNow,
    });
    return { stream, sources, frames, states, advancePc: (ms: number) => (pcNow += ms) };
  };

  it('measures the server clock from the frames that carry it, not from the PC', () => {
    const { stream, sources } = setup();
    sources[0]?.open();
    // The server is 90 s ahead of this PC; a frame delayed in transit looks less ahead, and the least delayed counts.
    sources[0]?.emit('snapshot', { serverTime: '2026-12-01T02:01:30.000Z' }, '3');
    sources[0]?.emit('clock', { serverTime: '2026-12-01T02:01:29.000Z' });
    expect(stream.clockOffsetMs()).toBe(90_000);
    expect(stream.serverNow()).toBe(Date.parse('2026-12-01T02:01:30Z'));
    expect(stream.lastEventId()).toBe('3');
  });

  it('shows reconnecting while the browser reconnects, and resumes from the last id when it re-opens the stream itself', () => {
    const { stream, sources, frames, states } = setup();
    sources[0]?.open();
    sources[0]?.emit('bid', { pricePerUnit: 400 }, '4');
    sources[0]?.fail(0);
    expect(stream.state()).toBe('reconnecting');
    // The browser gave up (e.g. 503 with Retry-After): the wrapper re-opens after its wait, with the last id.
    sources[0]?.fail(2);
    expect(sources).toHaveLength(1);
    jest.advanceTimersByTime(1000);
    expect(sources[1]?.url).toBe('/lots/L-1/live?lastEventId=4');
    sources[1]?.open();
    sources[1]?.emit('bid', { pricePerUnit: 410 }, '5');
    expect(frames.map((f) => f[2])).toEqual(['4', '5']);
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    stream.close();
    expect(sources[1]?.closed).toBe(true);
    sources[1]?.emit('bid', { pricePerUnit: 420 }, '6');
    expect(frames).toHaveLength(2);
  });

  it('writes countdowns on the server clock as h:mm:ss or m:ss', () => {
    expect(formatCountdown(3_909_000)).toBe('1:05:09');
    expect(formatCountdown(247_000)).toBe('4:07');
    expect(formatCountdown(2_100)).toBe('0:03');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
