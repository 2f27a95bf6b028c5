import { shanghaiDate } from '@gx/domain';

describe('business dates', () => {
  it('uses the Asia/Shanghai calendar: 16:30 UTC is already the next day', () => {
    expect(shanghaiDate(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(shanghaiDate(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });
});
