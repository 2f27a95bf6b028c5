/**
 * Records keyed by client-supplied strings (batch ids, holders, SKUs, leaders…), read and written
 * through own properties only. A plain `record[key]` answers `Object.prototype`'s members for keys
 * such as `constructor` or `toString`, and `record[key] = v` with `__proto__` replaces the
 * prototype instead of storing an entry; with these helpers every string is an ordinary key. The
 * records stay plain objects, so state and read-model documents still round-trip through JSON and
 * BSON (both keep `__proto__` as an own property).
 */

/** The entry of `key`, or undefined when the record has no such own entry. */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether the record has an own entry `key`. */
export function hasOwnKey(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(record, key);
}

/** A copy of the record with `key` set to `value` (a computed key always makes an own property). */
export function withOwn<V>(record: Readonly<Record<string, V>>, key: string, value: NoInfer<V>): Record<string, V> {
  return { ...record, [key]: value };
}

/** A copy of the record without `key`. */
export function withoutOwn<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

/** Set `key` on a record this code owns (a fresh copy being built); never reaches the prototype. */
export function putOwn<V>(record: Record<string, V>, key: string, value: NoInfer<V>): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
