import { joinBlock, timeLeft } from './campaign-rules';

describe('campaign rules on the screen', () => {
  const open = {
    status: 'published' as const,
    remaining: 3,
    opensAt: '2026-12-01T00:00:00Z',
    cutoffAt: '2026-12-03T00:00:00Z',
  };
  const now = Date.parse('2026-12-02T00:00:00Z');

  it('says why a campaign cannot be joined', () => {
    expect(joinBlock(open, now)).toBeNull();
    expect(joinBlock({ ...open, remaining: 0 }, now)).toBe('sold_out');
    expect(joinBlock(open, Date.parse('2026-12-03T00:00:00Z'))).toBe('cutoff_passed');
    expect(joinBlock({ ...open, opensAt: '2026-12-02T08:00:00Z' }, now)).toBe('not_open');
    // An operator ran the cut-off early: it has passed though its time has not come.
    expect(joinBlock({ ...open, status: 'succeeded' }, now)).toBe('cutoff_passed');
    expect(joinBlock({ ...open, status: 'failed' }, now)).toBe('cutoff_passed');
    expect(joinBlock({ ...open, status: 'cancelled' }, now)).toBe('closed');
    expect(joinBlock({ ...open, status: 'succeeded' }, Date.parse('2026-12-04T00:00:00Z'))).toBe('cutoff_passed');
  });

  it('counts down to the cut-off', () => {
    expect(timeLeft('2026-12-03T03:04:05Z', now)).toBe('1天 03:04:05');
    expect(timeLeft('2026-12-02T00:00:09Z', now, 'en')).toBe('00:00:09');
    expect(timeLeft('2026-12-01T00:00:00Z', now)).toBe('00:00:00');
  });
});
