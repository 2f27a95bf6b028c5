import { PROTOTYPE_KEYS } from '@gx/testing';
import { hasOwnKey, own, putOwn, withOwn, withoutOwn } from './own-keys';

describe('own-keys: every string is an ordinary key', () => {
  it.each(PROTOTYPE_KEYS)('%s is absent from an empty record', (key) => {
    expect(own({}, key)).toBeUndefined();
    expect(hasOwnKey({}, key)).toBe(false);
  });

  it.each(PROTOTYPE_KEYS)('%s is stored, read, copied and removed as an own entry', (key) => {
    const one = withOwn<number>({ other: 1 }, key, 7);
    expect(own(one, key)).toBe(7);
    expect(Object.getPrototypeOf(one)).toBe(Object.prototype);
    expect(Object.keys(one).sort()).toEqual([key, 'other'].sort());
    expect(own({ ...one }, key)).toBe(7);
    const back = JSON.parse(JSON.stringify(one)) as Record<string, number>;
    expect(own(back, key)).toBe(7);
    const none = withoutOwn(one, key);
    expect(hasOwnKey(none, key)).toBe(false);
    expect(none).toEqual({ other: 1 });
    expect(own(one, key)).toBe(7);
  });

  it.each(PROTOTYPE_KEYS)('%s set in place on a fresh record never reaches the prototype', (key) => {
    const record: Record<string, number> = {};
    putOwn(record, key, 3);
    putOwn(record, key, 4);
    expect(own(record, key)).toBe(4);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.entries(record)).toEqual([[key, 4]]);
  });
});
