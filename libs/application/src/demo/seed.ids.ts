/**
 * Command ids of the demo seeding. A start after a crash mid-seed sends the same ids, so what was seeded
 * appends nothing; the ids of the seeded campaigns, lots and batches are digests of these, so they also
 * fix the demo's ids that the walk-through and the tests name. Pinned by `command-ids.spec.ts`.
 */
export const SEED_COMMAND_IDS = {
  warehouse: (code: string) => `seed:warehouse:${code}`,
  producer: (code: string) => `seed:producer:${code}`,
  sku: (code: string) => `seed:sku:${code}`,
  pickupPoint: (code: string) => `seed:pickup-point:${code}`,
  kitchen: (code: string) => `seed:kitchen:${code}`,
  user: (username: string) => `seed:user:${username}`,
  /** The i-th (from 0) stock receipt of the demo catalog. */
  receipt: (index: number) => `seed:receipt:${index}`,
  buyerCredit: (buyerId: string) => `seed:credit:${buyerId}`,
  /** The i-th (from 0) demo lot; its id is `lotIdFor` of this. */
  lot: (index: number) => `seed:lot:${index + 1}`,
  /** A step of the i-th (from 0) demo campaign; its id is `campaignIdFor` of the `create` step. */
  campaign: (index: number, step: 'create' | 'publish') => `seed:campaign:${index}:${step}`,
  kitchenContract: (kitchen: string) => `seed:kitchen:contract:${kitchen}`,
  standingOrder: (kitchen: string) => `seed:kitchen:standing-order:${kitchen}`,
  designatedCounty: (county: string) => `seed:kitchen:designated-county:${county}`,
} as const;
