import type { DeliveryClaim } from '../delivery.events';
import type { DeliveryState } from '../delivery.state';
import { designatedFenOf, designatedFenOfLine, designatedShare } from '../spending';
import type { StatementPayment } from '../statement.events';

/** Where a statement stands: deliveries still to be received, money owed, or settled. */
export type StatementStatus = 'open' | 'unpaid' | 'partially_paid' | 'paid';

/**
 * The monthly statement of a kitchen: received deliveries of the month with their claims and
 * amounts (what is billed), deliveries not yet received (listed, not billed), and payments;
 * cancelled deliveries are neither.
 * `deliveries` are those dated in `month`; the total is exactly the sum of delivery amounts,
 * and each amount is gross − claims.
 */
export function statementOf(input: {
  kitchen: string;
  month: string;
  deliveries: DeliveryState[];
  payments: StatementPayment[];
}) {
  const sorted = [...input.deliveries].sort(
    (a, b) => a.date.localeCompare(b.date) || a.deliveryId.localeCompare(b.deliveryId),
  );
  const billed = sorted.filter((d) => d.status === 'received');
  const pending = sorted.filter((d) => d.status !== 'received' && d.status !== 'cancelled');
  const claims: Array<DeliveryClaim & { deliveryId: string; date: string }> = billed.flatMap((d) =>
    d.claims.map((c) => ({ ...c, deliveryId: d.deliveryId, date: d.date })),
  );
  const gross = billed.reduce((sum, d) => sum + d.gross, 0);
  const claimsTotal = billed.reduce((sum, d) => sum + d.claimsTotal, 0);
  const amount = billed.reduce((sum, d) => sum + d.amount, 0);
  const paid = input.payments.reduce((sum, p) => sum + p.amount, 0);
  const unpaid = Math.max(0, amount - paid);
  const status: StatementStatus =
    pending.length > 0 ? 'open' : unpaid === 0 ? 'paid' : paid > 0 ? 'partially_paid' : 'unpaid';
  return {
    kitchen: input.kitchen,
    month: input.month,
    status,
    deliveries: billed.map((d) => ({
      deliveryId: d.deliveryId,
      date: d.date,
      standingOrderId: d.standingOrderId,
      lines: d.lines.map((l) => ({
        sku: l.sku,
        name: l.name,
        unit: l.unit,
        base: l.base,
        fen: l.fen,
        ordered: l.ordered,
        dispatched: l.dispatched ?? 0,
        received: l.received ?? 0,
        damaged: l.damaged ?? 0,
        missing: l.missing ?? 0,
        qualityBase: l.qualityBase ?? 0,
        saleUnit: { unit: l.unit, base: l.base },
        ...(l.substituteFor ? { substituteFor: l.substituteFor } : {}),
        ...(l.kitchenDecision ? { kitchenDecision: l.kitchenDecision } : {}),
        designatedFen: designatedFenOfLine(l, d),
      })),
      gross: d.gross,
      claimsTotal: d.claimsTotal,
      amount: d.amount,
    })),
    pending: pending.map((d) => ({ deliveryId: d.deliveryId, date: d.date, status: d.status })),
    claims,
    totals: { deliveries: billed.length, gross, claims: claimsTotal, amount },
    payments: input.payments,
    paid,
    unpaid,
    credit: Math.max(0, paid - amount),
    /** The 832 figure: the part of the amount bought from designated poverty-alleviation counties. */
    designated: designatedShare(
      amount,
      billed.reduce((sum, d) => sum + designatedFenOf(d), 0),
    ),
  };
}
