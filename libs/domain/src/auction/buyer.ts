import type { PersonalText } from '../shared/personal-data';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { hasOwnKey, own, withoutOwn } from '../shared/own-keys';

/** Credit held for one bid while it may still bind the buyer: units × the bid's maximum. */
export interface CreditHold {
  lotId: string;
  amount: number;
}

/** A sold lot the buyer owes for (应收), and what has been paid against it. */
export interface Receivable {
  lotId: string;
  amount: number;
  paid: number;
}

export type BuyerEvent =
  /** The buyer account exists (POST /buyers): credit can be set and users can act for it from now on. */
  | { type: 'BuyerRegistered'; data: { buyerId: string; name: PersonalText; by: string; at: string } }
  | { type: 'BuyerCreditLimitSet'; data: { buyerId: string; creditLimit: number; previous: number | null; by: string; at: string } }
  | { type: 'BuyerExposureReserved'; data: { buyerId: string; bidId: string; lotId: string; amount: number; at: string } }
  | { type: 'BuyerExposureReleased'; data: { buyerId: string; bidId: string; lotId: string; amount: number; reason: string; at: string } }
  /** A won lot: every hold on it ends and the sale amount becomes a receivable. */
  | { type: 'BuyerExposureConverted'; data: { buyerId: string; lotId: string; saleId: string; bidIds: string[]; amount: number; at: string } }
  | { type: 'BuyerPaymentRecorded'; data: { buyerId: string; saleId: string; paymentId: string; amount: number; at: string } };

/** State of the `buyer-<id>` stream: the credit account of one wholesale buyer. */
export interface BuyerState {
  /** Registered (BuyerRegistered, or approved before buyers were registered on their own stream). */
  registered: boolean;
  /**
   * The buyer's name as registered (absent for buyers approved before registration was recorded): sealed with the
   * registering person's key, since a trader's name is often a person's (个体户).
   */
  name?: PersonalText;
  approved: boolean;
  creditLimit: number;
  holds: Record<string, CreditHold>;
  receivables: Record<string, Receivable>;
  payments: Record<string, true>;
}

export const initialBuyerState: BuyerState = { registered: false, approved: false, creditLimit: 0, holds: {}, receivables: {}, payments: {} };

/** Stream of one buyer's credit account: `buyer-<id>` (the id is the buyer users' `party`). */
export const buyerStream = (buyerId: string): string => `buyer-${buyerId}`;

/**
 * Exposure: per lot the largest hold, summed over lots. A buyer can be bound only once per lot, so
 * a raise on a lot it already bids on needs only the difference (its holds there are alternatives).
 */
export function exposureOf(holds: Record<string, CreditHold>): number {
  const perLot = new Map<string, number>();
  for (const h of Object.values(holds)) perLot.set(h.lotId, Math.max(perLot.get(h.lotId) ?? 0, h.amount));
  let sum = 0;
  for (const amount of perLot.values()) sum += amount;
  return sum;
}

/** Unpaid sale amounts. */
export function receivableOf(receivables: Record<string, Receivable>): number {
  return Object.values(receivables).reduce((n, r) => n + r.amount - r.paid, 0);
}

/** Credit still available: the limit less exposure and unpaid receivables (may be negative after a cut). */
export function availableCredit(state: Pick<BuyerState, 'creditLimit' | 'holds' | 'receivables'>): number {
  return state.creditLimit - exposureOf(state.holds) - receivableOf(state.receivables);
}

export type RegisterBuyer = { type: 'RegisterBuyer'; buyerId: string; name: PersonalText; by: string; now: string };
export type SetCreditLimit = { type: 'SetCreditLimit'; buyerId: string; creditLimit: number; by: string; now: string };
export type ReserveExposure = { type: 'ReserveExposure'; buyerId: string; bidId: string; lotId: string; amount: number; now: string };
export type ReleaseExposure = { type: 'ReleaseExposure'; buyerId: string; bidId: string; reason: string; now: string };
/** Release every hold on a lot (it closed unsold). */
export type ReleaseLotExposure = { type: 'ReleaseLotExposure'; buyerId: string; lotId: string; reason: string; now: string };
export type ConvertExposure = { type: 'ConvertExposure'; buyerId: string; lotId: string; saleId: string; amount: number; now: string };
export type RecordBuyerPayment = { type: 'RecordBuyerPayment'; buyerId: string; saleId: string; paymentId: string; amount: number; now: string };

export type BuyerCommand = RegisterBuyer | SetCreditLimit | ReserveExposure | ReleaseExposure | ReleaseLotExposure | ConvertExposure | RecordBuyerPayment;

/** Registering a buyer again (another of its users) appends nothing. */
function register(c: RegisterBuyer, state: BuyerState): BuyerEvent[] {
  if (state.registered) return [];
  return [{ type: 'BuyerRegistered', data: { buyerId: c.buyerId, name: c.name, by: c.by, at: c.now } }];
}

function setLimit(c: SetCreditLimit, state: BuyerState): BuyerEvent[] {
  if (!state.registered) throw new DomainError('NOT_FOUND', `no buyer ${c.buyerId}`, 'id');
  if (!Number.isSafeInteger(c.creditLimit) || c.creditLimit < 0) {
    throw new DomainError('INVALID_STATE', 'creditLimitFen must be a whole number of fen, 0 or more', 'creditLimitFen');
  }
  const previous = state.approved ? state.creditLimit : null;
  if (previous === c.creditLimit) return [];
  return [{ type: 'BuyerCreditLimitSet', data: { buyerId: c.buyerId, creditLimit: c.creditLimit, previous, by: c.by, at: c.now } }];
}

function reserve(c: ReserveExposure, state: BuyerState): BuyerEvent[] {
  if (hasOwnKey(state.holds, c.bidId)) return [];
  if (!Number.isSafeInteger(c.amount) || c.amount <= 0) throw new DomainError('INVALID_STATE', 'a hold must be a positive amount of fen', 'amountFen');
  if (!state.approved) throw new DomainError('CREDIT_EXCEEDED', `buyer ${c.buyerId} has no approved credit`, 'maxPricePerUnitFen');
  const holds = { ...state.holds, [c.bidId]: { lotId: c.lotId, amount: c.amount } };
  const available = availableCredit({ ...state, holds });
  if (available < 0) {
    const need = exposureOf(holds) - exposureOf(state.holds);
    throw new DomainError(
      'CREDIT_EXCEEDED',
      `this bid needs ${need} fen of credit; ${availableCredit(state)} fen is available`,
      'maxPricePerUnitFen',
    );
  }
  return [{ type: 'BuyerExposureReserved', data: { buyerId: c.buyerId, bidId: c.bidId, lotId: c.lotId, amount: c.amount, at: c.now } }];
}

function release(c: ReleaseExposure, state: BuyerState): BuyerEvent[] {
  const hold = own(state.holds, c.bidId);
  if (!hold) return [];
  return [{ type: 'BuyerExposureReleased', data: { buyerId: c.buyerId, bidId: c.bidId, lotId: hold.lotId, amount: hold.amount, reason: c.reason, at: c.now } }];
}

function releaseLot(c: ReleaseLotExposure, state: BuyerState): BuyerEvent[] {
  return Object.entries(state.holds)
    .filter(([, h]) => h.lotId === c.lotId)
    .map(([bidId, h]) => ({
      type: 'BuyerExposureReleased',
      data: { buyerId: c.buyerId, bidId, lotId: c.lotId, amount: h.amount, reason: c.reason, at: c.now },
    }));
}

function convert(c: ConvertExposure, state: BuyerState): BuyerEvent[] {
  if (hasOwnKey(state.receivables, c.saleId)) return [];
  const bidIds = Object.entries(state.holds).flatMap(([id, h]) => (h.lotId === c.lotId ? [id] : []));
  return [{ type: 'BuyerExposureConverted', data: { buyerId: c.buyerId, lotId: c.lotId, saleId: c.saleId, bidIds, amount: c.amount, at: c.now } }];
}

function pay(c: RecordBuyerPayment, state: BuyerState): BuyerEvent[] {
  if (hasOwnKey(state.payments, c.paymentId)) return [];
  if (!hasOwnKey(state.receivables, c.saleId)) throw new DomainError('NOT_FOUND', `buyer ${c.buyerId} owes nothing for sale ${c.saleId}`, 'saleId');
  const { buyerId, saleId, paymentId, amount } = c;
  return [{ type: 'BuyerPaymentRecorded', data: { buyerId, saleId, paymentId, amount, at: c.now } }];
}

const without = <T>(record: Record<string, T>, keys: string[]): Record<string, T> => keys.reduce(withoutOwn, record);

/** Fold one buyer event; unknown event types leave the state unchanged. */
export function evolveBuyer(state: BuyerState, event: BuyerEvent): BuyerState {
  switch (event.type) {
    case 'BuyerRegistered':
      return { ...state, registered: true, name: event.data.name };
    case 'BuyerCreditLimitSet':
      return { ...state, registered: true, approved: true, creditLimit: event.data.creditLimit };
    case 'BuyerExposureReserved':
      return { ...state, holds: { ...state.holds, [event.data.bidId]: { lotId: event.data.lotId, amount: event.data.amount } } };
    case 'BuyerExposureReleased':
      return { ...state, holds: without(state.holds, [event.data.bidId]) };
    case 'BuyerExposureConverted': {
      const { lotId, saleId, bidIds, amount } = event.data;
      return { ...state, holds: without(state.holds, bidIds), receivables: { ...state.receivables, [saleId]: { lotId, amount, paid: 0 } } };
    }
    case 'BuyerPaymentRecorded': {
      const r = own(state.receivables, event.data.saleId);
      const receivables = r ? { ...state.receivables, [event.data.saleId]: { ...r, paid: r.paid + event.data.amount } } : state.receivables;
      return { ...state, receivables, payments: { ...state.payments, [event.data.paymentId]: true } };
    }
    default:
      return state;
  }
}

/** A wholesale buyer's credit account (授信): limit, holds of live bids, receivables of won lots. */
export const buyerDecider: Decider<BuyerCommand, BuyerEvent, BuyerState> & { name: string } = {
  name: 'buyer',
  initialState: initialBuyerState,
  decide(command, state) {
    switch (command.type) {
      case 'RegisterBuyer':
        return register(command, state);
      case 'SetCreditLimit':
        return setLimit(command, state);
      case 'ReserveExposure':
        return reserve(command, state);
      case 'ReleaseExposure':
        return release(command, state);
      case 'ReleaseLotExposure':
        return releaseLot(command, state);
      case 'ConvertExposure':
        return convert(command, state);
      case 'RecordBuyerPayment':
        return pay(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveBuyer,
};
