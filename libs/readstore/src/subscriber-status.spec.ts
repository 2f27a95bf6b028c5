import { subscriberState, type SubscriberStatusDoc } from './subscriber-status';

const report = (change: Partial<SubscriberStatusDoc> = {}): SubscriberStatusDoc => ({
  _id: 'projection:stock',
  kind: 'projection',
  name: 'stock',
  owner: 'worker-a',
  rebuilding: false,
  caughtUp: true,
  updatedAt: '2026-12-02T00:00:00.000Z',
  ...change,
});
const failing = {
  position: '42',
  eventId: 'e-42',
  type: 'StockReceived',
  streamId: 'stock-SKU@WH',
  revision: 3,
  error: 'boom',
  attempts: 2,
  since: '2026-12-02T00:00:00.000Z',
  lastAttemptAt: '2026-12-02T00:00:01.000Z',
  nextAttemptAt: '2026-12-02T00:00:03.000Z',
};
const held = (owner: string) => ({ owner, expiresAt: Date.parse('2026-12-02T00:00:15.000Z') });

describe('subscriberState: where a subscriber stands, from its lease and its holder report', () => {
  it('is stopped when nobody holds the lease, whatever the last report said', () => {
    expect(subscriberState(null, report({ failing }))).toBe('stopped');
    expect(subscriberState(null, null)).toBe('stopped');
  });

  it('follows the report of the lease holder: failing before rebuilding before running', () => {
    expect(subscriberState(held('worker-a'), report())).toBe('running');
    expect(subscriberState(held('worker-a'), report({ caughtUp: false }))).toBe('catching-up');
    expect(subscriberState(held('worker-a'), report({ rebuilding: true }))).toBe('rebuilding');
    expect(subscriberState(held('worker-a'), report({ rebuilding: true, failing }))).toBe('failing');
  });

  it('ignores a report left by a former holder: the new one is catching up until it reports', () => {
    expect(subscriberState(held('worker-b'), report({ failing }))).toBe('catching-up');
    expect(subscriberState(held('worker-b'), null)).toBe('catching-up');
  });
});
