/**
 * Deterministic command ids of the count-adjustments process manager: one stock adjustment per approved
 * line, then one outcome recorded on the count. A redelivered approval sends the same ids and appends
 * nothing. Pinned by `command-ids.spec.ts`.
 */
export const COUNTING_COMMAND_IDS = {
  adjustStock: (countId: string, sku: string, batchId: string) => `count:${countId}:${sku}:${batchId}`,
  recordBlocked: (countId: string, sku: string, batchId: string) => `count:${countId}:${sku}:${batchId}:blocked`,
  recordPosted: (countId: string, sku: string, batchId: string) => `count:${countId}:${sku}:${batchId}:posted`,
} as const;
