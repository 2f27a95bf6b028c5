import type { BatchPick } from '../stock/stock.events';
import type {
  BatchSource,
  DeliveryClaim,
  DeliveryEvent,
  DeliveryHeader,
  PricedItem,
  Shortage,
  SubstituteDecision,
} from './delivery.events';

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

export const DELIVERY_STATUSES = ['reserving', 'ready', 'dispatched', 'received', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

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

/** The line of `sku`, if any. */
export const deliveryLineOf = (state: Pick<DeliveryState, 'lines'>, sku: string): DeliveryLine | undefined =>
  state.lines.find((l) => l.sku === sku);

function withLine(state: DeliveryState, sku: string, change: (line: DeliveryLine) => DeliveryLine): DeliveryState {
  return { ...state, lines: state.lines.map((l) => (l.sku === sku ? change(l) : l)) };
}

/** Reserving until every line knows what it holds; then ready for dispatch. */
const reservationStatus = (lines: DeliveryLine[]): DeliveryStatus =>
  lines.every((l) => l.reserved !== undefined) ? 'ready' : 'reserving';

/** Fold one delivery event; unknown event types leave the state unchanged. */
export function evolveDelivery(state: DeliveryState, event: DeliveryEvent): DeliveryState {
  switch (event.type) {
    case 'DeliveryCreated': {
      const { lines, createdAt, ...header } = event.data;
      return {
        ...initialDeliveryState,
        ...header,
        status: 'reserving',
        lines: lines.map((l) => ({ ...l })),
        createdAt,
      };
    }
    case 'DeliveryLineReserved': {
      const { sku, granted, reserved, shortage } = event.data;
      const next = withLine(state, sku, (l) => ({
        ...l,
        granted,
        reserved,
        ...(shortage ? { shortage: { ...shortage, status: 'open' } } : {}),
      }));
      return { ...next, status: reservationStatus(next.lines) };
    }
    case 'DeliverySubstituteAccepted': {
      const { forSku, line, by } = event.data;
      if (deliveryLineOf(state, line.sku)) return state;
      const next = withLine(state, forSku, (l) =>
        l.shortage ? { ...l, shortage: { ...l.shortage, status: 'substituted', resolvedBy: by } } : l,
      );
      return { ...next, status: 'reserving', lines: [...next.lines, { ...line, substituteFor: forSku }] };
    }
    case 'DeliveryShortageDismissed': {
      const { sku, note, by } = event.data;
      return withLine(state, sku, (l) =>
        l.shortage
          ? { ...l, shortage: { ...l.shortage, status: 'dismissed', resolvedBy: by, ...(note ? { note } : {}) } }
          : l,
      );
    }
    case 'DeliveryDispatched': {
      const sent = new Map(event.data.lines.map((l) => [l.sku, l.quantity]));
      const lines = state.lines.map((l) => ({
        ...l,
        dispatched: sent.get(l.sku) ?? 0,
        ...(l.shortage?.status === 'open' ? { shortage: { ...l.shortage, status: 'shipped_short' as const } } : {}),
      }));
      return {
        ...state,
        status: 'dispatched',
        lines,
        gross: event.data.gross,
        amount: event.data.gross,
        dispatchedAt: event.data.at,
        dispatchedBy: event.data.by,
      };
    }
    case 'DeliveryCancelled': {
      const { reason, by, at } = event.data;
      const lines = state.lines.map((l) =>
        l.shortage?.status === 'open'
          ? { ...l, shortage: { ...l.shortage, status: 'dismissed' as const, resolvedBy: by, note: reason } }
          : l,
      );
      return { ...state, status: 'cancelled', lines, cancelledAt: at, cancelledBy: by, cancelReason: reason };
    }
    case 'DeliveryLineIssued': {
      const { sku, picks, sources } = event.data;
      return withLine(state, sku, (l) => ({
        ...l,
        issue: { status: 'issued', picks },
        ...(sources ? { sources } : {}),
      }));
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
        return r
          ? {
              ...l,
              received: r.received,
              damaged: r.damaged,
              missing: r.missing,
              ...(r.qualityBase ? { qualityBase: r.qualityBase } : {}),
            }
          : l;
      });
      return {
        ...state,
        status: 'received',
        lines,
        claims,
        gross,
        claimsTotal,
        amount,
        receivedAt: at,
        receivedBy: by,
        ...(note ? { note } : {}),
      };
    }
    default:
      return state;
  }
}
