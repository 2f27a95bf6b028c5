import { nestsDeeperThan } from './body-depth';

const nested = (levels: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i += 1) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('nestsDeeperThan', () => {
  it('counts each object or array as one level and scalars as none', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan(nested(5), 5)).toBe(false);
    expect(nestsDeeperThan(nested(6), 5)).toBe(true);
  });

  it('finds the one deep branch among shallow siblings', () => {
    expect(nestsDeeperThan({ a: 1, b: [1, 2, { c: 3 }], d: nested(40) }, 32)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: [1, 2, { c: 3 }], d: nested(30) }, 32)).toBe(false);
  });

  it('walks a hundred thousand levels without overflowing the stack', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(nestsDeeperThan(JSON.parse(text), 32)).toBe(true);
  });
});
