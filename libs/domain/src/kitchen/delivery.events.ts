import type { BatchPick } from '../stock/stock.events';
import type { ContractPrice } from './pricing';

/** A SKU at its contract price. */
export interface PricedItem extends ContractPrice {
  sku: string;
  name: string;
}

/** Why a line got less than ordered: the warehouse lacked stock, or the contracted total ran out. */
export type ShortageReason = 'stock' | 'contract';
/** An operator's answer to a shortage flag; `shipped_short` once the delivery left without one. */
export type ShortageStatus = 'open' | 'substituted' | 'dismissed' | 'shipped_short';

/** A SKU proposed to make up a shortage: same category, with stock at the warehouse; priced when it is on the contract. */
export interface SubstituteProposal {
  sku: string;
  name: string;
  /** Available at the warehouse when proposed (base units). */
  available: number;
  /** Proposed quantity: the shortage, or what is available when less. */
  quantity: number;
  onContract: boolean;
  price?: ContractPrice;
}

/** A shortage flagged to operators (and shown to the purchaser). */
export interface Shortage {
  quantity: number;
  reason: ShortageReason;
  substitute: SubstituteProposal | null;
  status: ShortageStatus;
  resolvedBy?: string;
  note?: string;
}

/**
 * A batch that supplied a line, with the facts a kitchen reports on: who produced it, where, and
 * whether its county was designated a poverty-alleviation county (脱贫县) when it was issued.
 */
export interface BatchSource {
  batchId: string;
  quantityBase: number;
  producer: string;
  producerName: string;
  county: string;
  village: string;
  harvestDate: string;
  grade: string;
  designated: boolean;
}

/** The purchaser's answer to a substitute line: refused goods are handed back and credited at receipt. */
export type SubstituteDecision = 'accepted' | 'refused';

/** Missing, damaged, refused for quality, or a refused substitute handed back. */
export type DeliveryClaimKind = 'shortage' | 'damage' | 'quality' | 'substitute_refused';

/** A claim the purchaser raised at receipt, at the line's contract price. */
export interface DeliveryClaim {
  sku: string;
  kind: DeliveryClaimKind;
  quantity: number;
  amount: number;
}

/** Where a delivery goes and when: fixed when its standing order's cut-off passes. */
export interface DeliveryHeader {
  deliveryId: string;
  standingOrderId: string;
  contractId: string;
  kitchen: string;
  warehouse: string;
  address: string;
  date: string;
  cutoffAt: string;
}

export type DeliveryEvent =
  | {
      type: 'DeliveryCreated';
      data: DeliveryHeader & { lines: Array<PricedItem & { ordered: number }>; createdAt: string };
    }
  | {
      type: 'DeliveryLineReserved';
      data: {
        deliveryId: string;
        sku: string;
        granted: number;
        reserved: number;
        shortage: Omit<Shortage, 'status'> | null;
      };
    }
  | {
      type: 'DeliverySubstituteAccepted';
      data: { deliveryId: string; forSku: string; line: PricedItem & { ordered: number }; by: string; at: string };
    }
  | {
      type: 'DeliveryShortageDismissed';
      data: { deliveryId: string; sku: string; note?: string; by: string; at: string };
    }
  /** `gross`: value in fen of what left the warehouse, at contract prices. */
  | {
      type: 'DeliveryDispatched';
      data: {
        deliveryId: string;
        kitchen: string;
        date: string;
        lines: Array<{ sku: string; quantity: number }>;
        gross: number;
        by: string;
        at: string;
      };
    }
  /** Called off before dispatch (operator): its stock is released and its contract draws given back. */
  | {
      type: 'DeliveryCancelled';
      data: { deliveryId: string; kitchen: string; date: string; reason: string; by: string; at: string };
    }
  /** `sources`: the picks with their batches' facts (absent on events recorded before they were kept). */
  | {
      type: 'DeliveryLineIssued';
      data: { deliveryId: string; sku: string; picks: BatchPick[]; sources?: BatchSource[] };
    }
  | {
      type: 'DeliverySubstituteDecided';
      data: { deliveryId: string; sku: string; forSku: string; decision: SubstituteDecision; by: string; at: string };
    }
  | { type: 'DeliveryLineIssueBlocked'; data: { deliveryId: string; sku: string; code: string; reason: string } }
  | {
      type: 'DeliveryReceived';
      data: {
        deliveryId: string;
        kitchen: string;
        date: string;
        /**
         * Schema version 2: every line carries `qualityBase` (0 when nothing was refused for its quality).
         * Version 1 lines lacked it when it was 0, and all of them before quality claims existed; the upcaster
         * `deliveryReceivedV1toV2` (libs/application/src/upcasters.ts) fills it in on read.
         */
        lines: Array<{ sku: string; received: number; damaged: number; missing: number; qualityBase: number }>;
        claims: DeliveryClaim[];
        gross: number;
        claimsTotal: number;
        /** What the kitchen owes for this delivery: gross − claims. */
        amount: number;
        note?: string;
        by: string;
        at: string;
      };
    };

/** Stream of one delivery: `delivery-<deliveryId>`. */
export const deliveryStream = (deliveryId: string): string => `delivery-${deliveryId}`;

/** Holder of the stock a delivery reserves, on every SKU's stock stream. */
export const deliveryHolder = (deliveryId: string): string => `delivery-${deliveryId}`;
