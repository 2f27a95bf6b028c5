/**
 * How deep a JSON body may nest. No request of any app comes near it (the deepest DTO is a handful of
 * levels; a Stripe event about ten), while a few thousand levels overflow the stack of the recursive
 * validation pipe: such a body is refused before validation.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * True when `value` nests objects or arrays more than `limit` levels deep (a scalar is depth 0, `{}`
 * and `[]` depth 1). Walks with an explicit stack, so a hostile body cannot overflow this check too,
 * and stops at the first branch that is too deep.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, depth } = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (child !== null && typeof child === 'object') pending.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}
