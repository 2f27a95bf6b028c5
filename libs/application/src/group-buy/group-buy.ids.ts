import { randomBytes, randomInt } from 'node:crypto';
import { sha256Hex } from '@gx/platform';
import type { CommandContext } from '@gx/eventstore';
import { eventHandlingId, stepContext } from '../kernel/command-context';

const digest = (text: string, length: number): string => sha256Hex(text).slice(0, length);

/** Campaign ids read like `GB-1a2b3c4d5e6f`: a digest of the command that created the campaign. */
export const campaignIdFor = (commandId: string): string => `GB-${digest(commandId, 12)}`;

/**
 * Order ids read like `GB-1a2b3c4d5e6f-0a1b2c3d4e`: the campaign id and a digest of the join's
 * command id, so a retried join (same Idempotency-Key) is the same order, and a payment that names
 * only the order finds its campaign.
 */
export const orderIdFor = (campaignId: string, commandId: string): string => `${campaignId}-${digest(commandId, 10)}`;

/** Campaign ids of this context (e.g. the holder of a stock transfer that a campaign sent). */
export const isCampaignId = (id: string): boolean => /^GB-[0-9a-f]{12}$/.test(id);

/** Order ids of this context (anything else a gateway reports is not ours). */
export const isGroupBuyOrderId = (id: string): boolean => /^GB-[0-9a-f]{12}-[0-9a-f]{10}$/.test(id);

/**
 * A fresh key of an order's public traceability page: 128 random bits, base64url (22 characters). Drawn
 * when the order's goods are issued and stored in that event; it reveals nothing of the order or its owner.
 */
export const newTraceToken = (): string => randomBytes(16).toString('base64url');

/** Trace tokens as {@link newTraceToken} draws them. */
export const isTraceToken = (text: string): boolean => /^[A-Za-z0-9_-]{22}$/.test(text);

/** Pickup codes avoid look-alike characters (0/O, 1/I/L) so that they can be read out and typed. */
export const PICKUP_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const PICKUP_CODE_LENGTH = 8;

/** A fresh unguessable pickup code (31^8 ≈ 8.5·10^11 codes), drawn when the order is placed and stored with it. */
export function newPickupCode(): string {
  let code = '';
  for (let i = 0; i < PICKUP_CODE_LENGTH; i++) code += PICKUP_CODE_ALPHABET[randomInt(PICKUP_CODE_ALPHABET.length)];
  return code;
}

/**
 * Deterministic command ids of the group-buy flows: a process manager or deadline that runs twice,
 * or a request and a process manager doing the same step, append once.
 */
export const GROUP_BUY_IDS = {
  reserveQuota: (campaignId: string, attempt: number) => `gb:reserve:${campaignId}:${attempt}`,
  undoReserve: (campaignId: string, attempt: number) => `gb:reserve-undo:${campaignId}:${attempt}`,
  published: (campaignId: string, attempt: number) => `gb:published:${campaignId}:${attempt}`,
  publishRejected: (campaignId: string, attempt: number) => `gb:publish-rejected:${campaignId}:${attempt}`,
  close: (campaignId: string) => `gb:close:${campaignId}`,
  expire: (orderId: string) => `gb:expire:${orderId}`,
  releaseUnused: (campaignId: string) => `gb:release-unused:${campaignId}`,
  allocate: (campaignId: string) => `gb:allocate:${campaignId}`,
  transfer: (campaignId: string) => `gb:transfer:${campaignId}`,
  fulfilled: (campaignId: string) => `gb:fulfilled:${campaignId}`,
  fulfilmentBlocked: (campaignId: string) => `gb:fulfilment-blocked:${campaignId}`,
  releaseQuota: (campaignId: string) => `gb:release-quota:${campaignId}`,
  quotaReturned: (campaignId: string) => `gb:quota-returned:${campaignId}`,
  confirm: (orderId: string) => `gb:confirm:${orderId}`,
  pickupHold: (campaignId: string) => `gb:pickup-hold:${campaignId}`,
  goodsArrived: (campaignId: string) => `gb:goods-arrived:${campaignId}`,
  pickupAllocate: (orderId: string) => `gb:pickup-allocate:${orderId}`,
  pickupIssue: (orderId: string) => `gb:pickup-issue:${orderId}`,
  pickupIssued: (orderId: string) => `gb:pickup-issued:${orderId}`,
  pickupIssueBlocked: (orderId: string) => `gb:pickup-issue-blocked:${orderId}`,
  intentRecorded: (orderId: string, attempt: number) => `gb:intent:${orderId}:${attempt}`,
  refunded: (orderId: string, intentId: string) => `gb:refunded:${orderId}:${intentId}`,
  refundFailed: (orderId: string, intentId: string) => `gb:refund-failed:${orderId}:${intentId}`,
  /** A process manager's handling of one stored event (its steps then take ids of their own). */
  eventHandling: eventHandlingId,
  /** A gateway event: deliveries of one event are one command. */
  gatewayEvent: (eventId: string) => `gateway-event:${eventId}`,
} as const;

/**
 * The context of a group-buy step under its id from {@link GROUP_BUY_IDS}: the system acting as `system:group-buy`,
 * whoever caused it (a request publishing a campaign, or a process manager), in the cause's correlation.
 */
export const groupBuyStep = (cause: CommandContext, commandId: string): CommandContext =>
  stepContext(cause, commandId, 'system:group-buy');

/** Ids of the group-buy deadlines (one cut-off per campaign, one payment window per order paid online). */
export const GROUP_BUY_DEADLINE_IDS = {
  cutoff: (campaignId: string) => `cutoff:${campaignId}`,
  paymentWindow: (orderId: string) => `payment-window:${orderId}`,
} as const;

/** Idempotency keys of gateway calls: one intent per payment attempt, one refund per payment. */
export const GATEWAY_KEYS = {
  intent: (orderId: string, attempt: number) => `gb-order-${orderId}-intent-${attempt}`,
  cancelIntent: (orderId: string, attempt: number) => `gb-order-${orderId}-cancel-${attempt}`,
  refund: (orderId: string, intentId: string) => `gb-order-${orderId}-refund-${intentId}`,
} as const;
