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

/** What became of a line's stock at dispatch. */
export type LineIssue = { status: 'issued'; picks: BatchPick[] } | { status: 'blocked'; code: string; reason: string };

/** One line of a delivery: ordered vs granted vs reserved vs dispatched vs received, all in base units. */
export interface DeliveryLine extends PricedItem {
  ordered: number;
  /** Set on a line added to make up another line's shortage. */
  substituteFor?: string;
  /** The purchaser's answer to a substitute line (none yet: it is delivered and billed as any line). */
  kitchenDecision?: SubstituteDecision;
  /** The batches the line was issued from (recorded with the issue). */
  sources?: BatchSource[];
  granted?: number;
  reserved?: number;
  shortage?: Shortage;
  dispatched?: number;
  issue?: LineIssue;
  received?: number;
  damaged?: number;
  /** Base units refused for their quality (a quality claim). */
  qualityBase?: number;
  /** Dispatched but neither received nor reported damaged. */
  missing?: number;
}

/** Missing, damaged, refused for quality, or a refused substitute handed back. */
export type DeliveryClaimKind = 'shortage' | 'damage' | 'quality' | 'substitute_refused';

/** A claim the purchaser raised at receipt, at the line's contract price. */
export interface DeliveryClaim {
  sku: string;
  kind: DeliveryClaimKind;
  quantity: number;
  amount: number;
}

export const DELIVERY_STATUSES = ['reserving', 'ready', 'dispatched', 'received', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

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
  | { type: 'DeliveryCreated'; data: DeliveryHeader & { lines: Array<PricedItem & { ordered: number }>; createdAt: string } }
  | { type: 'DeliveryLineReserved'; data: { deliveryId: string; sku: string; granted: number; reserved: number; shortage: Omit<Shortage, 'status'> | null } }
  | { type: 'DeliverySubstituteAccepted'; data: { deliveryId: string; forSku: string; line: PricedItem & { ordered: number }; by: string; at: string } }
  | { type: 'DeliveryShortageDismissed'; data: { deliveryId: string; sku: string; note?: string; by: string; at: string } }
  /** `gross`: value in fen of what left the warehouse, at contract prices. */
  | { type: 'DeliveryDispatched'; data: { deliveryId: string; kitchen: string; date: string; lines: Array<{ sku: string; quantity: number }>; gross: number; by: string; at: string } }
  /** Called off before dispatch (operator): its stock is released and its contract draws given back. */
  | { type: 'DeliveryCancelled'; data: { deliveryId: string; kitchen: string; date: string; reason: string; by: string; at: string } }
  /** `sources`: the picks with their batches' facts (absent on events recorded before they were kept). */
  | { type: 'DeliveryLineIssued'; data: { deliveryId: string; sku: string; picks: BatchPick[]; sources?: BatchSource[] } }
  | { type: 'DeliverySubstituteDecided'; data: { deliveryId: string; sku: string; forSku: string; decision: SubstituteDecision; by: string; at: string } }
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

/** A delivery of `delivery-<deliveryId>` as its decider sees it (and as its read model shows it). */
export interface DeliveryState extends DeliveryHeader {
  status: 'none' | DeliveryStatus;
  lines: DeliveryLine[];
  createdAt: string;
  dispatchedAt?: string;
  dispatchedBy?: string;
  receivedAt?: string;
  receivedBy?: string;
  note?: string;
  cancelledAt?: string;
  cancelledBy?: string;
  cancelReason?: string;
  claims: DeliveryClaim[];
  gross: number;
  claimsTotal: number;
  amount: number;
}

export const initialDeliveryState: DeliveryState = {
  deliveryId: '',
  standingOrderId: '',
  contractId: '',
  kitchen: '',
  warehouse: '',
  address: '',
  date: '',
  cutoffAt: '',
  status: 'none',
  lines: [],
  createdAt: '',
  claims: [],
  gross: 0,
  claimsTotal: 0,
  amount: 0,
};

/** Stream of one delivery: `delivery-<deliveryId>`. */
export const deliveryStream = (deliveryId: string): string => `delivery-${deliveryId}`;

/** Holder of the stock a delivery reserves, on every SKU's stock stream. */
export const deliveryHolder = (deliveryId: string): string => `delivery-${deliveryId}`;

/** The line of `sku`, if any. */
export const deliveryLineOf = (state: Pick<DeliveryState, 'lines'>, sku: string): DeliveryLine | undefined => state.lines.find((l) => l.sku === sku);

function withLine(state: DeliveryState, sku: string, change: (line: DeliveryLine) => DeliveryLine): DeliveryState {
  return { ...state, lines: state.lines.map((l) => (l.sku === sku ? change(l) : l)) };
}

/** Reserving until every line knows what it holds; then ready for dispatch. */
const reservationStatus = (lines: DeliveryLine[]): DeliveryStatus => (lines.every((l) => l.reserved !== undefined) ? 'ready' : 'reserving');

/** Fold one delivery event; unknown event types leave the state unchanged. */
export function evolveDelivery(state: DeliveryState, event: DeliveryEvent): DeliveryState {
  switch (event.type) {
    case 'DeliveryCreated': {
      const { lines, createdAt, ...header } = event.data;
      return { ...initialDeliveryState, ...header, status: 'reserving', lines: lines.map((l) => ({ ...l })), createdAt };
    }
    case 'DeliveryLineReserved': {
      const { sku, granted, reserved, shortage } = event.data;
      const next = withLine(state, sku, (l) => ({ ...l, granted, reserved, ...(shortage ? { shortage: { ...shortage, status: 'open' } } : {}) }));
      return { ...next, status: reservationStatus(next.lines) };
    }
    case 'DeliverySubstituteAccepted': {
      const { forSku, line, by } = event.data;
      if (deliveryLineOf(state, line.sku)) return state;
      const next = withLine(state, forSku, (l) => (l.shortage ? { ...l, shortage: { ...l.shortage, status: 'substituted', resolvedBy: by } } : l));
      return { ...next, status: 'reserving', lines: [...next.lines, { ...line, substituteFor: forSku }] };
    }
    case 'DeliveryShortageDismissed': {
      const { sku, note, by } = event.data;
      return withLine(state, sku, (l) => (l.shortage ? { ...l, shortage: { ...l.shortage, status: 'dismissed', resolvedBy: by, ...(note ? { note } : {}) } } : l));
    }
    case 'DeliveryDispatched': {
      const sent = new Map(event.data.lines.map((l) => [l.sku, l.quantity]));
      const lines = state.lines.map((l) => ({
        ...l,
        dispatched: sent.get(l.sku) ?? 0,
        ...(l.shortage?.status === 'open' ? { shortage: { ...l.shortage, status: 'shipped_short' as const } } : {}),
      }));
      return { ...state, status: 'dispatched', lines, gross: event.data.gross, amount: event.data.gross, dispatchedAt: event.data.at, dispatchedBy: event.data.by };
    }
    case 'DeliveryCancelled': {
      const { reason, by, at } = event.data;
      const lines = state.lines.map((l) => (l.shortage?.status === 'open' ? { ...l, shortage: { ...l.shortage, status: 'dismissed' as const, resolvedBy: by, note: reason } } : l));
      return { ...state, status: 'cancelled', lines, cancelledAt: at, cancelledBy: by, cancelReason: reason };
    }
    case 'DeliveryLineIssued': {
      const { sku, picks, sources } = event.data;
      return withLine(state, sku, (l) => ({ ...l, issue: { status: 'issued', picks }, ...(sources ? { sources } : {}) }));
    }
    case 'DeliverySubstituteDecided':
      return withLine(state, event.data.sku, (l) => ({ ...l, kitchenDecision: event.data.decision }));
    case 'DeliveryLineIssueBlocked': {
      const { sku, code, reason } = event.data;
      return withLine(state, sku, (l) => ({ ...l, issue: { status: 'blocked', code, reason } }));
    }
    case 'DeliveryReceived': {
      const { lines: received, claims, gross, claimsTotal, amount, note, by, at } = event.data;
      const bySku = new Map(received.map((r) => [r.sku, r]));
      const lines = state.lines.map((l) => {
        const r = bySku.get(l.sku);
        return r ? { ...l, received: r.received, damaged: r.damaged, missing: r.missing, ...(r.qualityBase ? { qualityBase: r.qualityBase } : {}) } : l;
      });
      return { ...state, status: 'received', lines, claims, gross, claimsTotal, amount, receivedAt: at, receivedBy: by, ...(note ? { note } : {}) };
    }
    default:
      return state;
  }
}
