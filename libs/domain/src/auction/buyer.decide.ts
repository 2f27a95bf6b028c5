import type { PersonalText } from '../shared/personal-data';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { hasOwnKey, own } from '../shared/own-keys';
import type { BuyerEvent } from './buyer.events';
import { availableCredit, evolveBuyer, exposureOf, initialBuyerState, type BuyerState } from './buyer.state';

export type RegisterBuyer = { type: 'RegisterBuyer'; buyerId: string; name: PersonalText; by: string; now: string };
export type SetCreditLimit = { type: 'SetCreditLimit'; buyerId: string; creditLimit: number; by: string; now: string };
export type ReserveExposure = {
  type: 'ReserveExposure';
  buyerId: string;
  bidId: string;
  lotId: string;
  amount: number;
  now: string;
};
export type ReleaseExposure = { type: 'ReleaseExposure'; buyerId: string; bidId: string; reason: string; now: string };
/** Release every hold on a lot (it closed unsold). */
export type ReleaseLotExposure = {
  type: 'ReleaseLotExposure';
  buyerId: string;
  lotId: string;
  reason: string;
  now: string;
};
export type ConvertExposure = {
  type: 'ConvertExposure';
  buyerId: string;
  lotId: string;
  saleId: string;
  amount: number;
  now: string;
};
export type RecordBuyerPayment = {
  type: 'RecordBuyerPayment';
  buyerId: string;
  saleId: string;
  paymentId: string;
  amount: number;
  now: string;
};

export type BuyerCommand =
  | RegisterBuyer
  | SetCreditLimit
  | ReserveExposure
  | ReleaseExposure
  | ReleaseLotExposure
  | ConvertExposure
  | RecordBuyerPayment;

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
  return [
    {
      type: 'BuyerCreditLimitSet',
      data: { buyerId: c.buyerId, creditLimit: c.creditLimit, previous, by: c.by, at: c.now },
    },
  ];
}

function reserve(c: ReserveExposure, state: BuyerState): BuyerEvent[] {
  if (hasOwnKey(state.holds, c.bidId)) return [];
  if (!Number.isSafeInteger(c.amount) || c.amount <= 0)
    throw new DomainError('INVALID_STATE', 'a hold must be a positive amount of fen', 'amountFen');
  if (!state.approved)
    throw new DomainError('CREDIT_EXCEEDED', `buyer ${c.buyerId} has no approved credit`, 'maxPricePerUnitFen');
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
  return [
    {
      type: 'BuyerExposureReserved',
      data: { buyerId: c.buyerId, bidId: c.bidId, lotId: c.lotId, amount: c.amount, at: c.now },
    },
  ];
}

function release(c: ReleaseExposure, state: BuyerState): BuyerEvent[] {
  const hold = own(state.holds, c.bidId);
  if (!hold) return [];
  return [
    {
      type: 'BuyerExposureReleased',
      data: { buyerId: c.buyerId, bidId: c.bidId, lotId: hold.lotId, amount: hold.amount, reason: c.reason, at: c.now },
    },
  ];
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
  return [
    {
      type: 'BuyerExposureConverted',
      data: { buyerId: c.buyerId, lotId: c.lotId, saleId: c.saleId, bidIds, amount: c.amount, at: c.now },
    },
  ];
}

function pay(c: RecordBuyerPayment, state: BuyerState): BuyerEvent[] {
  if (hasOwnKey(state.payments, c.paymentId)) return [];
  if (!hasOwnKey(state.receivables, c.saleId))
    throw new DomainError('NOT_FOUND', `buyer ${c.buyerId} owes nothing for sale ${c.saleId}`, 'saleId');
  const { buyerId, saleId, paymentId, amount } = c;
  return [{ type: 'BuyerPaymentRecorded', data: { buyerId, saleId, paymentId, amount, at: c.now } }];
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
