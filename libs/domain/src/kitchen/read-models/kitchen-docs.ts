import { hasOwnKey, own } from '../../shared/own-keys';
import type { ContractEvent, ContractLine } from '../contract.events';
import { evolveContract, initialContractState, remainingOf, type ContractState } from '../contract.state';
import type { DeliveryEvent } from '../delivery.events';
import { evolveDelivery, initialDeliveryState, type DeliveryState } from '../delivery.state';
import { cutoffAt, deliveryDatesBetween, isCutoffPassed, type NextDelivery } from '../schedule';
import type { StandingLine, StandingOrderEvent } from '../standing-order.events';
import {
  evolveStandingOrder,
  initialStandingOrderState,
  isPaused,
  type StandingOrderState,
} from '../standing-order.state';
import type { StatementEvent, StatementPayment } from '../statement.events';
import { evolveStatement, initialStatementState } from '../statement.state';

/** Read model `kitchen_contracts`: a contract with what has been drawn of each SKU and what remains. */
export type ContractDoc = {
  _id: string;
  contractId: string;
  kitchen: string;
  title: string;
  from: string;
  to: string;
  lines: Array<ContractLine & { drawn: number; remaining: number | null }>;
  createdBy: string;
  createdAt: string;
};

/** Fold a contract event into its document (draws per delivery stay in the write model; the totals are in the events). */
export function evolveContractDoc(doc: ContractDoc | null, event: ContractEvent): ContractDoc | null {
  if (event.type === 'ContractCreated') {
    const { contractId, kitchen, title, from, to, lines, createdBy, createdAt } = event.data;
    return {
      _id: contractId,
      contractId,
      kitchen,
      title,
      from,
      to,
      lines: lines.map((l) => ({ ...l, drawn: 0, remaining: l.limit ?? null })),
      createdBy,
      createdAt,
    };
  }
  if (!doc) return doc;
  const state: ContractState = {
    ...initialContractState,
    exists: true,
    lines: Object.fromEntries(doc.lines.map(({ drawn: _d, remaining: _r, ...line }) => [line.sku, line])),
    drawn: Object.fromEntries(doc.lines.map((l) => [l.sku, l.drawn])),
  };
  const next = evolveContract(state, event);
  return {
    ...doc,
    lines: doc.lines.map((l) => ({ ...l, drawn: own(next.drawn, l.sku) ?? 0, remaining: remainingOf(next, l.sku) })),
  };
}

/** Read model `standing_orders`: the order, its pending changes and the next delivery with its cut-off. */
export type StandingOrderDoc = { _id: string } & Omit<StandingOrderState, 'status'> & { status: 'active' | 'ended' };

/** Fold a standing-order event into its document: the same fold the decider uses. */
export function evolveStandingOrderDoc(
  doc: StandingOrderDoc | null,
  event: StandingOrderEvent,
): StandingOrderDoc | null {
  const { _id: _ignored, ...state } = doc ?? { _id: '', ...initialStandingOrderState };
  const next = evolveStandingOrder(state, event);
  if (next.status === 'none') return null;
  return { _id: next.standingOrderId, ...next, status: next.status };
}

/** One coming delivery date of a standing order as the purchaser sees it. */
export interface UpcomingDate {
  date: string;
  cutoffAt: string;
  /** False once the cut-off has passed: the date can no longer be changed. */
  open: boolean;
  status: 'scheduled' | 'changed' | 'skipped' | 'paused';
  lines: StandingLine[];
}

/** The next `count` delivery dates of an order not yet generated, with what each will bring, as of `now` (ISO). */
export function upcomingDates(order: Omit<StandingOrderState, 'status'>, now: string, count: number): UpcomingDate[] {
  return deliveryDatesBetween(order.schedule, order.startDate, order.cursor, order.endDate, count).map((date) => {
    const status = order.skipped.includes(date)
      ? 'skipped'
      : isPaused(order.pauses, date)
        ? 'paused'
        : hasOwnKey(order.changes, date)
          ? 'changed'
          : 'scheduled';
    const lines = status === 'skipped' || status === 'paused' ? [] : (own(order.changes, date) ?? order.lines);
    return {
      date,
      cutoffAt: cutoffAt(date, order.cutoff),
      open: !isCutoffPassed(date, order.cutoff, now),
      status,
      lines,
    };
  });
}

/** Read model `kitchen_deliveries`: a delivery with its month (Asia/Shanghai) and how many shortage flags are open. */
export type DeliveryDoc = { _id: string; month: string; openShortages: number } & Omit<DeliveryState, 'status'> & {
    status: Exclude<DeliveryState['status'], 'none'>;
  };

/** Fold a delivery event into its document: the same fold the decider uses. */
export function evolveDeliveryDoc(doc: DeliveryDoc | null, event: DeliveryEvent): DeliveryDoc | null {
  const {
    _id: _ignored,
    month: _month,
    openShortages: _open,
    ...state
  } = doc ?? { _id: '', month: '', openShortages: 0, ...initialDeliveryState };
  const next = evolveDelivery(state, event);
  if (next.status === 'none') return null;
  const openShortages = next.lines.filter((l) => l.shortage?.status === 'open').length;
  return { _id: next.deliveryId, month: next.date.slice(0, 7), openShortages, ...next, status: next.status };
}

/** Read model `kitchen_statement_payments`: payments recorded against one kitchen's month. */
export type StatementPaymentsDoc = {
  _id: string;
  kitchen: string;
  month: string;
  payments: StatementPayment[];
  paid: number;
};

/** Id of the payments document of a kitchen's month. */
export const statementPaymentsId = (kitchen: string, month: string): string => `${kitchen}|${month}`;

/** Fold a statement event into its payments document. */
export function evolveStatementPaymentsDoc(
  doc: StatementPaymentsDoc | null,
  event: StatementEvent,
): StatementPaymentsDoc | null {
  const { _id: _ignored, ...state } = doc ?? { _id: '', ...initialStatementState };
  const next = evolveStatement(state, event);
  if (next.kitchen === '') return doc;
  return { _id: statementPaymentsId(next.kitchen, next.month), ...next };
}

/** The cut-off deadline a standing-order event leaves: the next delivery's, or none. Undefined: the event does not change it. */
export function standingCutoffOf(
  event: StandingOrderEvent,
): { standingOrderId: string; next: NextDelivery | null } | undefined {
  const data: Partial<{ standingOrderId: string; next: NextDelivery | null }> = event.data;
  if (typeof data.standingOrderId !== 'string' || data.next === undefined) return undefined;
  return { standingOrderId: data.standingOrderId, next: data.next };
}
