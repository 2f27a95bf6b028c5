import { formatDate, formatDateTime, formatMoney, formatQuantity, formatTime, shanghaiDate } from './format';

const pear = {
  baseUnit: 'g',
  saleUnits: [
    { unit: '斤', base: 500 },
    { unit: 'kg', base: 1000 },
  ],
};
const eggs = { baseUnit: 'piece', saleUnits: [{ unit: '箱', base: 30 }] };

describe('formatMoney', () => {
  it('shows yuan with two decimals from fen', () => {
    expect(formatMoney(1280)).toBe('¥12.80');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(0)).toBe('¥0.00');
  });
  it('groups thousands and keeps the sign in front', () => {
    expect(formatMoney(123456)).toBe('¥1,234.56');
    expect(formatMoney(-300)).toBe('-¥3.00');
    expect(formatMoney(100_000_000)).toBe('¥1,000,000.00');
  });
});

describe('formatQuantity', () => {
  it('shows base units in the first sale unit of the SKU', () => {
    expect(formatQuantity(1500, pear)).toBe('3 斤');
    expect(formatQuantity(60, eggs)).toBe('2 箱');
  });
  it('keeps at most two decimals of a part unit', () => {
    expect(formatQuantity(1250, pear)).toBe('2.5 斤');
    expect(formatQuantity(10, eggs)).toBe('0.33 箱');
  });
  it('falls back to the base unit, named in the locale', () => {
    expect(formatQuantity(700, { baseUnit: 'g', saleUnits: [] })).toBe('700 克');
    expect(formatQuantity(7, { baseUnit: 'piece', saleUnits: [] }, 'en')).toBe('7 pcs');
  });
});

describe('formatDateTime', () => {
  it('shows the Beijing date, weekday and time', () => {
    expect(formatDateTime('2026-12-03T10:00:00Z')).toBe('12月3日 周四 18:00');
    expect(formatDateTime('2026-12-03T10:00:00Z', 'en')).toBe('Thu, Dec 3 18:00');
  });
  it('moves to the next Beijing day after 16:00 UTC', () => {
    expect(formatDateTime('2026-12-03T16:30:00Z')).toBe('12月4日 周五 00:30');
  });
  it('leaves an unreadable value as it is', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatDate', () => {
  it('shows a business date with its weekday', () => {
    expect(formatDate('2026-12-03')).toBe('12月3日 周四');
    expect(formatDate('2026-12-03', 'en')).toBe('Thu, Dec 3');
  });
});

describe('shanghaiDate', () => {
  it('is the Beijing calendar day of the moment', () => {
    expect(shanghaiDate(new Date('2026-12-03T15:59:00Z'))).toBe('2026-12-03');
    expect(shanghaiDate(new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04');
  });
});

describe('formatTime', () => {
  it('shows the time of day in Beijing, past midnight UTC included', () => {
    expect(formatTime('2026-12-03T10:00:00Z')).toBe('18:00');
    expect(formatTime('2026-12-03T16:05:00Z')).toBe('00:05');
    expect(formatTime('not a time')).toBe('not a time');
  });
});
