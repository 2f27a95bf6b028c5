import { PersistentMap } from './persistent-map';

describe('PersistentMap', () => {
  it('answers what was set, and undefined for keys never set', () => {
    const map = PersistentMap.empty<number>().set('consumer1', 2).set('consumer2', 5).set('consumer1', 3);
    expect(map.get('consumer1')).toBe(3);
    expect(map.get('consumer2')).toBe(5);
    expect(map.get('consumer3')).toBeUndefined();
    expect(map.size).toBe(2);
  });

  it('leaves earlier versions unchanged (states of earlier revisions stay valid)', () => {
    const v1 = PersistentMap.of([['a', 1]]);
    const v2 = v1.set('a', 2).set('b', 3);
    expect([v1.get('a'), v1.get('b'), v1.size]).toEqual([1, undefined, 1]);
    expect([v2.get('a'), v2.get('b'), v2.size]).toEqual([2, 3, 2]);
  });

  it('holds many thousands of keys exactly, like a Map', () => {
    const reference = new Map<string, number>();
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 20_000; i++) {
      const key = `customer-${(i * 7919) % 12_345}`;
      reference.set(key, i);
      map = map.set(key, i);
    }
    expect(map.size).toBe(reference.size);
    for (const [k, v] of reference) expect(map.get(k)).toBe(v);
    expect(new Map(map.entries())).toEqual(reference);
  });

  it('keeps keys whose hashes collide apart', () => {
    // FNV-1a collides on these two keys (found by search); both must survive and update separately.
    const [a, b] = collidingKeys();
    const map = PersistentMap.empty<string>().set(a, 'A').set(b, 'B').set('other', 'O').set(a, 'A2');
    expect([map.get(a), map.get(b), map.get('other'), map.size]).toEqual(['A2', 'B', 'O', 3]);
  });
});

/** Two distinct keys with the same 32-bit FNV-1a hash (birthday search over short keys). */
function collidingKeys(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const key = `k${i}`;
    let h = 0x811c9dc5;
    for (let j = 0; j < key.length; j++) h = Math.imul(h ^ key.charCodeAt(j), 0x01000193);
    h >>>= 0;
    const other = seen.get(h);
    if (other !== undefined) return [other, key];
    seen.set(h, key);
  }
}
