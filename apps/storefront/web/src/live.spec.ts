import type { EventSourceLike } from '@gx/web/live/live-stream';
import { watchCampaign, watchOrder, withProgress, type CampaignProgress, type LiveEvent } from './live';
import type { Campaign } from './models';

type Listener = (event: { data: string; lastEventId: string }) => void;

/** An EventSource stand-in: the URLs opened, the listeners by event name, and whether it was closed. */
function fakeEventSource() {
  const opened: string[] = [];
  const listeners = new Map<string, Listener>();
  const source: EventSourceLike & { closed: boolean } = {
    readyState: 1,
    onopen: null,
    onerror: null,
    closed: false,
    addEventListener: (type, listener) => listeners.set(type, listener),
    close: () => (source.closed = true),
  };
  const eventSource = (url: string) => {
    opened.push(url);
    return source;
  };
  return { opened, listeners, source, eventSource };
}

describe('live campaign progress (on the shared live stream)', () => {
  it('opens the campaign stream, passes frames on with their log position, and stops after the outcome', () => {
    const { opened, listeners, source, eventSource } = fakeEventSource();
    const frames: Array<[LiveEvent, number, string | undefined]> = [];
    watchCampaign('GB-1', (event, data, position) => frames.push([event, data.remaining, position]), {
      eventSource,
    });
    expect(opened).toEqual(['/campaigns/GB-1/live']);
    expect([...listeners.keys()]).toEqual(['progress', 'sold_out', 'succeeded', 'failed']);
    listeners.get('progress')?.({ data: JSON.stringify({ remaining: 3 }), lastEventId: '41' });
    expect(source.closed).toBe(false);
    listeners.get('succeeded')?.({ data: JSON.stringify({ remaining: 0 }), lastEventId: '57' });
    expect(frames).toEqual([
      ['progress', 3, '41'],
      ['succeeded', 0, '57'],
    ]);
    expect(source.closed).toBe(true);
  });

  it('shows the figures of a frame on the campaign', () => {
    const campaign = {
      campaignId: 'GB-1',
      status: 'published',
      held: 0,
      remaining: 5,
      progress: { minimum: 2, committed: 0, percent: 0, reached: false },
    } as Campaign;
    const frame: CampaignProgress = {
      campaignId: 'GB-1',
      status: 'published',
      quota: 5,
      held: 5,
      remaining: 0,
      committed: 5,
      minimum: 2,
      percent: 100,
      reached: true,
      saleUnit: { unit: 'kg', base: 1000 },
    };
    expect(withProgress(campaign, frame)).toMatchObject({
      remaining: 0,
      held: 5,
      progress: { committed: 5, reached: true },
    });
  });
});

describe('live changes of my order', () => {
  it('opens the order stream with the token in the URL (resuming after the last frame), passes changes on with their position, and stops once settled', () => {
    const { opened, listeners, source, eventSource } = fakeEventSource();
    let token = 'tok-1';
    const changes: Array<[string, string, string | undefined]> = [];
    watchOrder('GB-1-0001', (change, position) => changes.push([change.status, change.paymentStatus, position]), {
      token: () => token,
      eventSource,
    });
    expect(opened).toEqual(['/orders/GB-1-0001/live?access_token=tok-1']);
    expect([...listeners.keys()]).toEqual(['order']);
    token = 'tok-2';
    listeners.get('order')?.({
      data: JSON.stringify({
        orderId: 'GB-1-0001',
        status: 'cancelled',
        paymentStatus: 'refund_pending',
        settled: false,
      }),
      lastEventId: '70',
    });
    expect(source.closed).toBe(false);
    listeners.get('order')?.({
      data: JSON.stringify({ orderId: 'GB-1-0001', status: 'cancelled', paymentStatus: 'refunded', settled: true }),
      lastEventId: '75',
    });
    expect(changes).toEqual([
      ['cancelled', 'refund_pending', '70'],
      ['cancelled', 'refunded', '75'],
    ]);
    expect(source.closed).toBe(true);
  });
});
