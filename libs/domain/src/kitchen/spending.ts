import type { DeliveryLine, DeliveryState } from './delivery.state';
import { amountAt } from './pricing';

/** The least share of a month's purchases that budget-funded canteens must buy from designated counties. */
export const DESIGNATED_SHARE_TARGET = 0.1;

/** What a received line is billed: its dispatched value less the claims raised on it. */
export function billedFenOf(line: DeliveryLine, delivery: Pick<DeliveryState, 'claims'>): number {
  const claimed = delivery.claims.filter((c) => c.sku === line.sku).reduce((sum, c) => sum + c.amount, 0);
  return amountAt(line.dispatched ?? 0, line) - claimed;
}

/**
 * The part of a line's billed amount that came from designated counties: the billed amount in the
 * proportion of the issued quantity whose batches were designated (which unit came back damaged is not
 * known, so claims are shared out the same way). 0 when the line records no batches.
 */
export function designatedFenOfLine(line: DeliveryLine, delivery: Pick<DeliveryState, 'claims'>): number {
  const sources = line.sources ?? [];
  const issued = sources.reduce((sum, s) => sum + s.quantityBase, 0);
  if (issued === 0) return 0;
  const designated = sources.filter((s) => s.designated).reduce((sum, s) => sum + s.quantityBase, 0);
  return Math.round((billedFenOf(line, delivery) * designated) / issued);
}

/** The designated share of an amount (null when nothing was bought), and whether it meets the 832 target. */
export function designatedShare(amountFen: number, designatedFen: number) {
  const share = amountFen > 0 ? designatedFen / amountFen : null;
  return {
    designatedFen,
    share,
    target: DESIGNATED_SHARE_TARGET,
    meetsTarget: share !== null && share >= DESIGNATED_SHARE_TARGET,
  };
}

/** Designated amount of a received delivery (0 for any other). */
export function designatedFenOf(delivery: Pick<DeliveryState, 'status' | 'lines' | 'claims'>): number {
  if (delivery.status !== 'received') return 0;
  return delivery.lines.reduce((sum, line) => sum + designatedFenOfLine(line, delivery), 0);
}

/**
 * A kitchen's spending over `months` (YYYY-MM, ascending): billed amount and designated share per month,
 * and per SKU over the whole period with the quantity accepted (base units, with the line's sale unit).
 */
export function spendingOf(
  months: string[],
  deliveries: Array<Pick<DeliveryState, 'date' | 'status' | 'lines' | 'claims' | 'amount'>>,
) {
  const received = deliveries.filter((d) => d.status === 'received');
  const byMonth = months.map((month) => {
    const of = received.filter((d) => d.date.startsWith(month));
    const amountFen = of.reduce((sum, d) => sum + d.amount, 0);
    return {
      month,
      deliveries: of.length,
      amountFen,
      ...designatedShare(
        amountFen,
        of.reduce((sum, d) => sum + designatedFenOf(d), 0),
      ),
    };
  });
  const skus = new Map<
    string,
    { sku: string; name: string; amountFen: number; receivedBase: number; saleUnit: { unit: string; base: number } }
  >();
  for (const d of received) {
    for (const line of d.lines) {
      const entry = skus.get(line.sku) ?? {
        sku: line.sku,
        name: line.name,
        amountFen: 0,
        receivedBase: 0,
        saleUnit: { unit: line.unit, base: line.base },
      };
      entry.amountFen += billedFenOf(line, d);
      entry.receivedBase += line.received ?? 0;
      skus.set(line.sku, entry);
    }
  }
  const bySku = [...skus.values()].sort((a, b) => b.amountFen - a.amountFen || a.sku.localeCompare(b.sku));
  const amountFen = byMonth.reduce((sum, m) => sum + m.amountFen, 0);
  const total = {
    amountFen,
    ...designatedShare(
      amountFen,
      byMonth.reduce((sum, m) => sum + m.designatedFen, 0),
    ),
  };
  return { months: byMonth, bySku, total };
}
