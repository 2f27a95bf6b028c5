/**
 * Deterministic command ids of the kitchen's steps that no request carries: the cut-off deadline (or an
 * operator's run-now) generating a date's delivery, and the fulfilment process manager's steps, each
 * derived from the delivery, the SKU and the step. Whatever runs a step twice (a redelivered event, a
 * deadline fired again, a restart mid-way) sends the same id and appends nothing. Pinned by
 * `command-ids.spec.ts`: changing one would run every step of existing logs again.
 */
export const KITCHEN_COMMAND_IDS = {
  /** One delivery per standing order and date, however often the deadline fires and whether an operator ran it first. */
  generate: (standingOrderId: string, date: string) => `kitchen:${standingOrderId}:generate:${date}`,
  createDelivery: (deliveryId: string) => `kitchen:${deliveryId}:create`,
  reserveStock: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:reserve:${sku}`,
  commitContract: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:commit:${sku}`,
  settleHeld: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:held:${sku}`,
  recordReservation: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:reserved:${sku}`,
  allocateStock: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:allocate:${sku}`,
  issueStock: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:issue:${sku}`,
  recordIssued: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:issued:${sku}`,
  recordIssueBlocked: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:issue-blocked:${sku}`,
  releaseStock: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:release:${sku}`,
  settleCancelled: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:cancelled:${sku}`,
  settleDelivered: (deliveryId: string, sku: string) => `kitchen:${deliveryId}:delivered:${sku}`,
} as const;

/** Ids of the kitchen's deadlines: one cut-off per standing order, moved to its next date as it goes. */
export const KITCHEN_DEADLINE_IDS = {
  standingCutoff: (standingOrderId: string) => standingOrderId,
} as const;
