/**
 * An immutable string-keyed map with structural sharing (a hash array mapped trie). `set` copies
 * only the path to one entry (at most 7 nodes of at most 32 slots), so a decider's state can keep
 * thousands of per-customer totals and still evolve in constant time per event, without mutating
 * the state an earlier revision still refers to.
 */

const BITS = 5;
const MASK = (1 << BITS) - 1;

interface Leaf<V> {
  kind: 0;
  hash: number;
  key: string;
  value: V;
}
/** Entries whose keys share the whole 32-bit hash. */
interface Collision<V> {
  kind: 1;
  hash: number;
  leaves: Array<Leaf<V>>;
}
interface Branch<V> {
  kind: 2;
  bitmap: number;
  children: Array<Node<V>>;
}
type Node<V> = Leaf<V> | Collision<V> | Branch<V>;

/** FNV-1a, 32 bits, unsigned. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const slotOf = (hash: number, shift: number): number => (hash >>> shift) & MASK;

/** A branch holding two nodes of different hashes, split at the first level where they differ. */
function split<V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number): Branch<V> {
  const sa = slotOf(a.hash, shift);
  const sb = slotOf(b.hash, shift);
  if (sa === sb) return { kind: 2, bitmap: 1 << sa, children: [split(a, b, shift + BITS)] };
  return { kind: 2, bitmap: (1 << sa) | (1 << sb), children: sa < sb ? [a, b] : [b, a] };
}

/** `node` with `leaf` set; `added` tells whether the key is new. */
function setIn<V>(node: Node<V>, leaf: Leaf<V>, shift: number): { node: Node<V>; added: boolean } {
  switch (node.kind) {
    case 0:
      if (node.key === leaf.key) return { node: leaf, added: false };
      if (node.hash === leaf.hash) return { node: { kind: 1, hash: leaf.hash, leaves: [node, leaf] }, added: true };
      return { node: split(node, leaf, shift), added: true };
    case 1: {
      if (node.hash !== leaf.hash) return { node: split(node, leaf, shift), added: true };
      const at = node.leaves.findIndex((l) => l.key === leaf.key);
      const leaves = at < 0 ? [...node.leaves, leaf] : node.leaves.map((l, i) => (i === at ? leaf : l));
      return { node: { kind: 1, hash: node.hash, leaves }, added: at < 0 };
    }
    case 2: {
      const bit = 1 << slotOf(leaf.hash, shift);
      const index = popcount(node.bitmap & (bit - 1));
      if ((node.bitmap & bit) === 0) {
        const children = [...node.children.slice(0, index), leaf, ...node.children.slice(index)];
        return { node: { kind: 2, bitmap: node.bitmap | bit, children }, added: true };
      }
      const inner = setIn(node.children[index], leaf, shift + BITS);
      const children = node.children.slice();
      children[index] = inner.node;
      return { node: { kind: 2, bitmap: node.bitmap, children }, added: inner.added };
    }
  }
}

function* walk<V>(node: Node<V> | undefined): Generator<[string, V]> {
  if (!node) return;
  if (node.kind === 0) yield [node.key, node.value];
  else if (node.kind === 1) for (const l of node.leaves) yield [l.key, l.value];
  else for (const child of node.children) yield* walk(child);
}

/** Immutable map from strings to `V`; every `set` answers a new map and leaves this one as it was. */
export class PersistentMap<V> {
  private constructor(
    private readonly root: Node<V> | undefined,
    /** Number of keys. */
    readonly size: number,
  ) {}

  /** The empty map. */
  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(undefined, 0);
  }

  /** A map of `entries` (later keys win). */
  static of<V>(entries: Iterable<[string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [k, v] of entries) map = map.set(k, v);
    return map;
  }

  get(key: string): V | undefined {
    const hash = hashOf(key);
    let node = this.root;
    for (let shift = 0; node; shift += BITS) {
      if (node.kind === 0) return node.key === key ? node.value : undefined;
      if (node.kind === 1) return node.hash === hash ? node.leaves.find((l) => l.key === key)?.value : undefined;
      const bit = 1 << slotOf(hash, shift);
      if ((node.bitmap & bit) === 0) return undefined;
      node = node.children[popcount(node.bitmap & (bit - 1))];
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A map with `key` set to `value`. */
  set(key: string, value: V): PersistentMap<V> {
    const leaf: Leaf<V> = { kind: 0, hash: hashOf(key), key, value };
    if (!this.root) return new PersistentMap(leaf, 1);
    const { node, added } = setIn(this.root, leaf, 0);
    return new PersistentMap(node, added ? this.size + 1 : this.size);
  }

  /** Every entry, in no particular order. */
  entries(): IterableIterator<[string, V]> {
    return walk(this.root);
  }

  values(): V[] {
    return [...this.entries()].map(([, v]) => v);
  }
}
