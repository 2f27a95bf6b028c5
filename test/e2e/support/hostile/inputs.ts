import { PROTOTYPE_KEYS } from '@gx/testing';
import { exampleOf, leavesOf, withValue, type Leaf, type Operation } from './operations';

/** What a hostile request tries; every operation gets every category that applies to it. */
export type Category =
  | 'role'
  | 'missing fields'
  | 'wrong types'
  | 'not an object'
  | 'nested arrays'
  | 'huge numbers'
  | 'prototype keys'
  | 'deeply nested'
  | '5 MB body'
  | 'bad body id'
  | 'bad path id'
  | 'raw path'
  | 'bad query';

/** One request to send: the path (query included, already encoded) and the raw JSON text of the body. */
export interface HostileCase {
  category: Category;
  /** A short description of the input for the report. */
  label: string;
  url: string;
  body?: string;
  /** The hostile id it carries, if any. */
  id?: string;
}

const show = (value: string): string =>
  value.length > 24 ? `${JSON.stringify(value.slice(0, 12))}…(${value.length} chars)` : JSON.stringify(value);

/** Every built-in property name of plain objects: used as keys they reach the prototype chain. */
export const PROTOTYPE_NAMES: string[] = [...PROTOTYPE_KEYS, 'prototype'];

/** Identifiers no record has, besides the prototype names, each a classic way to break a lookup, a key or a log line. */
export const OTHER_HOSTILE_IDS: string[] = [
  '../..',
  '%2e%2e%2f',
  '..\\..\\windows',
  'A\u0000B',
  'line\r\nInjected: 1',
  '\u202eRTL-override',
  '   ',
  'x'.repeat(10_000),
];

/** Prototype names tried on each operation: the two classics and a rotating share of the others. */
const PROTOTYPE_NAMES_PER_OPERATION = 6;

/**
 * The hostile ids for the `index`-th operation: every non-prototype one, `__proto__` and `constructor`, and
 * prototype names in turn, so that the operations together use every name and each stays quick.
 */
export function hostileIds(index: number): string[] {
  const others = PROTOTYPE_NAMES.filter((n) => n !== '__proto__' && n !== 'constructor');
  const turn = Array.from(
    { length: PROTOTYPE_NAMES_PER_OPERATION - 2 },
    (_, k) => others[(index * (PROTOTYPE_NAMES_PER_OPERATION - 2) + k) % others.length],
  );
  return ['__proto__', 'constructor', ...turn, ...OTHER_HOSTILE_IDS];
}

/** Numbers beyond what any quantity or amount may be, written as JSON text. */
export const HUGE_NUMBERS: string[] = ['1e308', String(2 ** 64), '-1e999', '9007199254740993'];

const FIVE_MB = JSON.stringify({ blob: 'x'.repeat(5 * 1024 * 1024) });
const DEEP = '['.repeat(10_000) + ']'.repeat(10_000);
const WRONG_TYPE: Record<string, unknown> = {
  string: 12345,
  number: 'twelve',
  integer: 1.5,
  boolean: 'yes',
  array: { not: 'an array' },
  object: 'not an object',
};
const NESTED_ARRAY: unknown = [[]];

/** `op.path` with its parameters filled: `value` (encoded) for `target`, a plausible id for the others. */
export function pathWith(op: Operation, target?: string, value?: string): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    name === target && value !== undefined ? encodeURIComponent(value) : plausible(name),
  );
}

function plausible(param: string): string {
  if (param === 'month') return '2026-12';
  if (param === 'date') return '2026-12-07';
  if (param === 'sku') return 'SKU-PEAR-GX';
  return 'HOSTILE-PROBE-1';
}

/** Leaves of the wrong type tried one at a time (besides all top-level fields at once). */
const WRONG_TYPE_LEAVES = 4;

/** Cases that bend the body of the `index`-th operation, when it takes one. */
export function bodyCases(op: Operation, index: number): HostileCase[] {
  if (!op.body) return [];
  const url = pathWith(op);
  const base = exampleOf(op.body);
  const leaves = leavesOf(op.body);
  const json = (category: Category, label: string, body: unknown): HostileCase => ({
    category,
    label,
    url,
    body: JSON.stringify(body),
  });
  const raw = (category: Category, label: string, body: string): HostileCase => ({ category, label, url, body });
  const cases: HostileCase[] = [
    json('missing fields', '{}', {}),
    ...(op.body.required ?? []).map((field) =>
      json('missing fields', `without ${field}`, withValue(base, [field], undefined)),
    ),
    json(
      'wrong types',
      'every field of the wrong type',
      Object.fromEntries(leaves.filter((l) => l.path.length === 1).map((l) => [l.path[0], WRONG_TYPE[l.type] ?? 1])),
    ),
    ...spread(leaves, WRONG_TYPE_LEAVES).map((l) =>
      json('wrong types', `${dotted(l)} of the wrong type`, withValue(base, l.path, WRONG_TYPE[l.type] ?? 1)),
    ),
    ...['null', '42', '[{}]'].map((text) => raw('not an object', text, text)),
    json('nested arrays', 'the body as [[…]]', [[base]]),
    ...leaves
      .filter((l) => l.type === 'array')
      .map((l) => json('nested arrays', `${dotted(l)}: [[]]`, withValue(base, l.path, NESTED_ARRAY))),
    ...leaves
      .filter((l) => l.type !== 'array' && l.type !== 'object')
      .slice(0, 3)
      .map((l) => json('nested arrays', `${dotted(l)}: [[]]`, withValue(base, l.path, NESTED_ARRAY))),
    ...hugeNumberCases(op, base, leaves),
    raw(
      'prototype keys',
      '{"__proto__":{…}} and constructor.prototype',
      `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}`,
    ),
    json('prototype keys', 'a field named toString', { ...(base as object), toString: 'x', hasOwnProperty: 1 }),
    raw('deeply nested', '10,000 levels of arrays', DEEP),
    raw('deeply nested', 'a field nested 10,000 levels', JSON.stringify(base).replace(/^\{/, `{"deep":${DEEP},`)),
    raw('5 MB body', '5 MB of JSON', FIVE_MB),
  ];
  const strings = leaves.filter((l) => l.type === 'string');
  if (strings.length > 0) {
    // Every hostile id lands in some string field; every string field gets some hostile ids.
    [...hostileIds(index), ''].forEach((id, i) => {
      const leaf = strings[i % strings.length];
      cases.push({ ...json('bad body id', `${dotted(leaf)}: ${show(id)}`, withValue(base, leaf.path, id)), id });
    });
  }
  return cases;
}

function hugeNumberCases(op: Operation, base: unknown, leaves: Leaf[]): HostileCase[] {
  const url = pathWith(op);
  const numbers = leaves.filter((l) => l.type === 'number' || l.type === 'integer');
  // A body without numbers still gets one: in place of its first field.
  const targets = numbers.length > 0 ? numbers : leaves.slice(0, 1);
  const marker = '"__HUGE__"';
  return HUGE_NUMBERS.map((n, i) => {
    const leaf = targets[i % targets.length];
    const text = leaf ? JSON.stringify(withValue(base, leaf.path, '__HUGE__')).replace(marker, n) : `{"n":${n}}`;
    return { category: 'huge numbers' as const, label: `${leaf ? dotted(leaf) : 'n'}: ${n}`, url, body: text };
  });
}

/** Cases that put hostile ids into the path parameters of the `index`-th operation, encoded, and raw paths the router must refuse. */
export function pathCases(op: Operation, index: number): HostileCase[] {
  if (op.pathParams.length === 0) return [];
  const body = op.body ? JSON.stringify(exampleOf(op.body)) : undefined;
  const cases: HostileCase[] = hostileIds(index).map((id, i) => {
    const param = op.pathParams[i % op.pathParams.length];
    return { category: 'bad path id', label: `{${param}} = ${show(id)}`, url: pathWith(op, param, id), body, id };
  });
  const first = op.pathParams[0];
  for (const rawValue of ['../..', '%2e%2e%2f', '%E0%A4%A']) {
    const url = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === first ? rawValue : plausible(name)));
    cases.push({ category: 'raw path', label: `{${first}} = ${rawValue} (unencoded)`, url, body });
  }
  return cases;
}

/** Cases that put hostile values into the documented query parameters. */
export function queryCases(op: Operation): HostileCase[] {
  if (op.queryParams.length === 0) return [];
  const base = pathWith(op);
  const body = op.body ? JSON.stringify(exampleOf(op.body)) : undefined;
  const values = ['constructor', '__proto__', 'A\u0000B', 'x'.repeat(10_000), '99999999999999999999', '-1e308'];
  return values.map((value, i) => {
    const param = op.queryParams[i % op.queryParams.length];
    return {
      category: 'bad query',
      label: `?${param}=${show(value)}`,
      url: `${base}?${param}=${encodeURIComponent(value)}`,
      body,
    };
  });
}

/** The request each role sends once to every operation: a body that fails validation, plausible ids. */
export function roleCase(op: Operation): HostileCase {
  return {
    category: 'role',
    label: 'as this role',
    url: pathWith(op),
    ...(op.body && { body: '{"unexpected":true}' }),
  };
}

const dotted = (leaf: Leaf): string => leaf.path.join('.');

/** At most `n` items spread over `items` (first and last included). */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, k) => items[Math.round((k * (items.length - 1)) / (n - 1))]);
}
