import type { BatchPick } from '../stock/stock.events';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type {
  BatchSource,
  DeliveryClaim,
  DeliveryEvent,
  DeliveryHeader,
  PricedItem,
  SubstituteDecision,
  SubstituteProposal,
} from './delivery.events';
import {
  evolveDelivery,
  initialDeliveryState,
  deliveryLineOf,
  type DeliveryLine,
  type DeliveryState,
} from './delivery.state';
import { amountAt } from './pricing';

/** Open the delivery of a standing order's date, its lines at contract prices (sent once the cut-off passed). */
export type CreateDelivery = DeliveryHeader & {
  type: 'CreateDelivery';
  lines: Array<PricedItem & { ordered: number }>;
  now: string;
};
/** What the contract granted and the warehouse reserved for one line; a shortage carries the substitute found, if any. */
export type RecordLineReservation = {
  type: 'RecordLineReservation';
  sku: string;
  granted: number;
  reserved: number;
  substitute: SubstituteProposal | null;
};
/** Make up a shortage with another SKU of the contract (operator). */
export type AcceptSubstitute = {
  type: 'AcceptSubstitute';
  forSku: string;
  substitute: PricedItem;
  quantity: number;
  by: string;
  now: string;
};
/** Close a shortage flag without a substitute (operator). */
export type DismissShortage = { type: 'DismissShortage'; sku: string; note?: string; by: string; now: string };
/** Call a delivery off before it leaves (operator), once every line knows what it holds. */
export type CancelDelivery = { type: 'CancelDelivery'; reason: string; by: string; now: string };
/** Send what every line holds (operator); the stock is then allocated first-expiry-first and issued. */
export type DispatchDelivery = { type: 'DispatchDelivery'; by: string; now: string };
export type RecordLineIssue = { type: 'RecordLineIssue'; sku: string; picks: BatchPick[]; sources?: BatchSource[] };
/** The purchaser accepts or refuses a substitute line before receiving the delivery; a refused one is credited at receipt. */
export type DecideSubstitute = {
  type: 'DecideSubstitute';
  sku: string;
  decision: SubstituteDecision;
  by: string;
  now: string;
};
export type RecordLineIssueBlocked = { type: 'RecordLineIssueBlocked'; sku: string; code: string; reason: string };
/**
 * Receive with actual quantities; a line not listed arrived in full. Missing, damaged and
 * quality-refused quantities become claims, and so does a refused substitute line as a whole.
 */
export type ReceiveDelivery = {
  type: 'ReceiveDelivery';
  lines: Array<{ sku: string; received: number; damaged?: number; qualityBase?: number }>;
  note?: string;
  by: string;
  now: string;
};

export type DeliveryCommand =
  | CreateDelivery
  | RecordLineReservation
  | AcceptSubstitute
  | DismissShortage
  | DispatchDelivery
  | CancelDelivery
  | RecordLineIssue
  | RecordLineIssueBlocked
  | DecideSubstitute
  | ReceiveDelivery;

const isWhole = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

function create(c: CreateDelivery, state: DeliveryState): DeliveryEvent[] {
  // The id is derived from the standing order and date: a second create is the same delivery.
  if (state.status !== 'none') return [];
  if (c.lines.length === 0) throw new DomainError('INVALID_STATE', 'a delivery needs at least one line', 'lines');
  const { type: _type, now, ...data } = c;
  return [{ type: 'DeliveryCreated', data: { ...data, createdAt: now } }];
}

function requireExisting(state: DeliveryState): void {
  if (state.status === 'none') throw new DomainError('NOT_FOUND', 'no such delivery', 'id');
}

function requireLine(state: DeliveryState, sku: string, field = 'sku'): DeliveryLine {
  requireExisting(state);
  const line = deliveryLineOf(state, sku);
  if (!line) throw new DomainError('UNKNOWN_SKU', `${sku} is not a line of delivery ${state.deliveryId}`, field);
  return line;
}

function recordReservation(c: RecordLineReservation, state: DeliveryState): DeliveryEvent[] {
  const line = requireLine(state, c.sku);
  if (line.reserved !== undefined) return [];
  if (!isWhole(c.granted) || !isWhole(c.reserved) || c.reserved > c.granted || c.granted > line.ordered) {
    throw new DomainError(
      'INVALID_STATE',
      `reserved ${c.reserved} ≤ granted ${c.granted} ≤ ordered ${line.ordered} does not hold`,
      'reserved',
    );
  }
  const missing = line.ordered - c.reserved;
  const shortage =
    missing === 0
      ? null
      : {
          quantity: missing,
          reason: c.reserved < c.granted ? ('stock' as const) : ('contract' as const),
          substitute: c.substitute,
        };
  return [
    {
      type: 'DeliveryLineReserved',
      data: { deliveryId: state.deliveryId, sku: c.sku, granted: c.granted, reserved: c.reserved, shortage },
    },
  ];
}

/** Shortage flags are answered before the delivery leaves. */
function requireOpenShortage(state: DeliveryState, sku: string): DeliveryLine {
  const line = requireLine(state, sku);
  if (state.status === 'dispatched' || state.status === 'received' || state.status === 'cancelled') {
    throw new DomainError('ALREADY_DECIDED', `delivery ${state.deliveryId} was ${state.status}`, 'id');
  }
  if (line.shortage?.status !== 'open') throw new DomainError('INVALID_STATE', `${sku} has no open shortage`, 'sku');
  return line;
}

function acceptSubstitute(c: AcceptSubstitute, state: DeliveryState): DeliveryEvent[] {
  requireOpenShortage(state, c.forSku);
  if (deliveryLineOf(state, c.substitute.sku))
    throw new DomainError('INVALID_STATE', `${c.substitute.sku} is already a line of this delivery`, 'sku');
  if (!isWhole(c.quantity) || c.quantity === 0)
    throw new DomainError(
      'INVALID_STATE',
      'quantityBase must be a positive whole number of base units',
      'quantityBase',
    );
  const line = { ...c.substitute, ordered: c.quantity };
  return [
    {
      type: 'DeliverySubstituteAccepted',
      data: { deliveryId: state.deliveryId, forSku: c.forSku, line, by: c.by, at: c.now },
    },
  ];
}

function dismiss(c: DismissShortage, state: DeliveryState): DeliveryEvent[] {
  requireOpenShortage(state, c.sku);
  return [
    {
      type: 'DeliveryShortageDismissed',
      data: { deliveryId: state.deliveryId, sku: c.sku, ...(c.note ? { note: c.note } : {}), by: c.by, at: c.now },
    },
  ];
}

/** Dispatch and cancellation need every line's stock known, and happen once. */
function requireReady(state: DeliveryState): void {
  requireExisting(state);
  if (state.status === 'dispatched' || state.status === 'received' || state.status === 'cancelled') {
    throw new DomainError('ALREADY_DECIDED', `delivery ${state.deliveryId} was ${state.status}`, 'id');
  }
  if (state.status !== 'ready')
    throw new DomainError('INVALID_STATE', `delivery ${state.deliveryId} is still reserving stock`, 'id');
}

function cancel(c: CancelDelivery, state: DeliveryState): DeliveryEvent[] {
  requireReady(state);
  const { deliveryId, kitchen, date } = state;
  return [{ type: 'DeliveryCancelled', data: { deliveryId, kitchen, date, reason: c.reason, by: c.by, at: c.now } }];
}

function dispatch(c: DispatchDelivery, state: DeliveryState): DeliveryEvent[] {
  requireReady(state);
  const lines = state.lines.map((l) => ({ sku: l.sku, quantity: l.reserved ?? 0 }));
  const gross = state.lines.reduce((sum, l) => sum + amountAt(l.reserved ?? 0, l), 0);
  const { deliveryId, kitchen, date } = state;
  return [{ type: 'DeliveryDispatched', data: { deliveryId, kitchen, date, lines, gross, by: c.by, at: c.now } }];
}

function recordIssue(c: RecordLineIssue | RecordLineIssueBlocked, state: DeliveryState): DeliveryEvent[] {
  const line = requireLine(state, c.sku);
  if (line.dispatched === undefined) throw new DomainError('INVALID_STATE', `${c.sku} has not been dispatched`, 'sku');
  if (line.issue) return [];
  const { deliveryId } = state;
  return c.type === 'RecordLineIssue'
    ? [
        {
          type: 'DeliveryLineIssued',
          data: { deliveryId, sku: c.sku, picks: c.picks, ...(c.sources ? { sources: c.sources } : {}) },
        },
      ]
    : [{ type: 'DeliveryLineIssueBlocked', data: { deliveryId, sku: c.sku, code: c.code, reason: c.reason } }];
}

function decideSubstitute(c: DecideSubstitute, state: DeliveryState): DeliveryEvent[] {
  const line = requireLine(state, c.sku);
  if (!line.substituteFor) throw new DomainError('INVALID_STATE', `${c.sku} is not a substitute line`, 'sku');
  if (state.status === 'received' || state.status === 'cancelled')
    throw new DomainError('ALREADY_DECIDED', `delivery ${state.deliveryId} was ${state.status}`, 'id');
  if (line.kitchenDecision === c.decision) return [];
  const data = {
    deliveryId: state.deliveryId,
    sku: c.sku,
    forSku: line.substituteFor,
    decision: c.decision,
    by: c.by,
    at: c.now,
  };
  return [{ type: 'DeliverySubstituteDecided', data }];
}

type Reported = { received: number; damaged: number; qualityBase: number };

function reportedLines(c: ReceiveDelivery, state: DeliveryState): Map<string, Reported> {
  const reported = new Map<string, Reported>();
  c.lines.forEach((r, i) => {
    const line = requireLine(state, r.sku, `lines.${i}.sku`);
    if (reported.has(r.sku)) throw new DomainError('INVALID_STATE', `${r.sku} appears twice`, `lines.${i}.sku`);
    const damaged = r.damaged ?? 0;
    const qualityBase = r.qualityBase ?? 0;
    if (
      !isWhole(r.received) ||
      !isWhole(damaged) ||
      !isWhole(qualityBase) ||
      r.received + damaged + qualityBase > (line.dispatched ?? 0)
    ) {
      throw new DomainError(
        'INVALID_STATE',
        `received + damaged + refused for quality must be whole and at most the ${line.dispatched ?? 0} dispatched`,
        `lines.${i}.receivedBase`,
      );
    }
    reported.set(r.sku, { received: r.received, damaged, qualityBase });
  });
  return reported;
}

function receive(c: ReceiveDelivery, state: DeliveryState): DeliveryEvent[] {
  requireExisting(state);
  if (state.status === 'received')
    throw new DomainError('ALREADY_DECIDED', `delivery ${state.deliveryId} was already received`, 'id');
  if (state.status !== 'dispatched')
    throw new DomainError('INVALID_STATE', `delivery ${state.deliveryId} has not been dispatched`, 'id');
  const reported = reportedLines(c, state);
  const lines: Array<{ sku: string; received: number; damaged: number; missing: number; qualityBase: number }> = [];
  const claims: DeliveryClaim[] = [];
  let gross = 0;
  const claim = (line: DeliveryLine, kind: DeliveryClaim['kind'], quantity: number) => {
    if (quantity > 0) claims.push({ sku: line.sku, kind, quantity, amount: amountAt(quantity, line) });
  };
  for (const line of state.lines) {
    const dispatched = line.dispatched ?? 0;
    gross += amountAt(dispatched, line);
    if (line.kitchenDecision === 'refused') {
      // A refused substitute goes back with the driver: nothing of it is received, all of it is credited.
      lines.push({ sku: line.sku, received: 0, damaged: 0, missing: 0, qualityBase: 0 });
      claim(line, 'substitute_refused', dispatched);
      continue;
    }
    const { received, damaged, qualityBase } = reported.get(line.sku) ?? {
      received: dispatched,
      damaged: 0,
      qualityBase: 0,
    };
    const missing = dispatched - received - damaged - qualityBase;
    lines.push({ sku: line.sku, received, damaged, missing, qualityBase });
    claim(line, 'shortage', missing);
    claim(line, 'damage', damaged);
    claim(line, 'quality', qualityBase);
  }
  const claimsTotal = claims.reduce((sum, claim) => sum + claim.amount, 0);
  const { deliveryId, kitchen, date } = state;
  const data = {
    deliveryId,
    kitchen,
    date,
    lines,
    claims,
    gross,
    claimsTotal,
    amount: gross - claimsTotal,
    by: c.by,
    at: c.now,
  };
  return [{ type: 'DeliveryReceived', data: c.note ? { ...data, note: c.note } : data }];
}

/** A delivery order of a kitchen: reserved at cut-off, dispatched by operators, received with actual quantities. */
export const deliveryDecider: Decider<DeliveryCommand, DeliveryEvent, DeliveryState> & { name: string } = {
  name: 'delivery',
  // DeliveryReceived 2: each line carries qualityBase (see the event's type).
  schemaVersions: { DeliveryReceived: 2 },
  initialState: initialDeliveryState,
  decide(command, state) {
    switch (command.type) {
      case 'CreateDelivery':
        return create(command, state);
      case 'RecordLineReservation':
        return recordReservation(command, state);
      case 'AcceptSubstitute':
        return acceptSubstitute(command, state);
      case 'DismissShortage':
        return dismiss(command, state);
      case 'DispatchDelivery':
        return dispatch(command, state);
      case 'CancelDelivery':
        return cancel(command, state);
      case 'RecordLineIssue':
      case 'RecordLineIssueBlocked':
        return recordIssue(command, state);
      case 'DecideSubstitute':
        return decideSubstitute(command, state);
      case 'ReceiveDelivery':
        return receive(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveDelivery,
};
