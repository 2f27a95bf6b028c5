/**
 * Strings that name members of every plain object: each built-in property of `Object.prototype`
 * (constructor, toString, hasOwnProperty…) and `__proto__`. Specs drive them as ids, holders and
 * SKUs to prove that client strings are data and never reach an object's prototype.
 */
export const PROTOTYPE_KEYS: readonly string[] = [
  ...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']),
];
