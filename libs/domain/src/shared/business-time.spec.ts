import { asOfInstant, shanghaiDate, shanghaiDayEnd, shanghaiDayStart, shanghaiIso } from '@gx/domain';

describe('business dates', () => {
  it('uses the Asia/Shanghai calendar: 16:30 UTC is already the next day', () => {
    expect(shanghaiDate(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(shanghaiDate(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });

  it('writes business times with their +08:00 offset', () => {
    expect(shanghaiIso('2026-12-01T04:00:00.000Z')).toBe('2026-12-01T12:00:00+08:00');
    expect(shanghaiIso(new Date('2026-11-30T23:30:00.250Z'))).toBe('2026-12-01T07:30:00.250+08:00');
    expect(Date.parse(shanghaiIso('2026-12-01T04:00:00Z'))).toBe(Date.parse('2026-12-01T04:00:00Z'));
  });

  it('a date-only day is that day in Beijing, not midnight UTC', () => {
    expect(shanghaiDayStart('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(shanghaiDayEnd('2026-12-01').toISOString()).toBe('2026-12-01T15:59:59.999Z');
  });

  it('asOf=2026-12-01 is the end of that Beijing day; a time is kept', () => {
    expect(asOfInstant('2026-12-01').toISOString()).toBe('2026-12-01T15:59:59.999Z');
    expect(asOfInstant('2026-12-01T08:00:00+08:00').toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});
