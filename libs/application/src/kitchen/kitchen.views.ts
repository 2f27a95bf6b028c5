import { Injectable } from '@nestjs/common';
import {
  shanghaiIso,
  type BaseUnit,
  type ContractDoc,
  type ContractLine,
  type ContractPrice,
  type DeliveryClaim,
  type DeliveryDoc,
  type DeliveryLine,
  type NextDelivery,
  type StandingLine,
  type StandingOrderDoc,
  type StatementPayment,
  type SubstituteProposal,
  type UpcomingDate,
} from '@gx/domain';
import { ReadModels } from '@gx/readstore';
import { baseUnitLookup } from '../catalog/catalog.queries';
import { batchQuantities } from '../stock/stock.desk';

type Lookup = (sku: string) => BaseUnit;

/** A contract price as answers give it: `unitPriceFen` fen per `saleUnit` (`{ unit, base }`). */
const priceView = (p: ContractPrice) => ({ saleUnit: { unit: p.unit, base: p.base }, unitPriceFen: p.fen });

/** A standing order's line: base units of one SKU. */
export const standingLineView = (l: StandingLine, baseUnit: Lookup) => ({
  sku: l.sku,
  baseUnit: baseUnit(l.sku),
  quantityBase: l.quantity,
});
/** A request's line (`quantityBase`) as the domain takes it. */
export const standingLineInput = (l: { sku: string; quantityBase: number }): StandingLine => ({
  sku: l.sku,
  quantity: l.quantityBase,
});

const nextView = (next: NextDelivery | null) => next && { date: next.date, cutoffAt: shanghaiIso(next.cutoffAt) };

function contractLineView(l: ContractLine & { drawn: number; remaining: number | null }, baseUnit: Lookup) {
  return {
    sku: l.sku,
    name: l.name,
    category: l.category,
    baseUnit: baseUnit(l.sku),
    ...priceView(l),
    ...(l.limit !== undefined && { limitBase: l.limit }),
    drawnBase: l.drawn,
    remainingBase: l.remaining,
  };
}

function substituteView(s: SubstituteProposal, baseUnit: Lookup) {
  return {
    sku: s.sku,
    name: s.name,
    baseUnit: baseUnit(s.sku),
    availableBase: s.available,
    quantityBase: s.quantity,
    onContract: s.onContract,
    ...(s.price && priceView(s.price)),
  };
}

/** A line of a delivery: every quantity in base units (`…Base`) beside `baseUnit`, the contract price per `saleUnit`. */
function deliveryLineView(l: DeliveryLine, baseUnit: Lookup) {
  const { shortage, issue } = l;
  return {
    sku: l.sku,
    name: l.name,
    baseUnit: baseUnit(l.sku),
    ...priceView(l),
    orderedBase: l.ordered,
    ...(l.substituteFor !== undefined && { substituteFor: l.substituteFor }),
    ...(l.kitchenDecision !== undefined && { kitchenDecision: l.kitchenDecision }),
    ...(l.sources !== undefined && { sources: l.sources }),
    ...(l.granted !== undefined && { grantedBase: l.granted }),
    ...(l.reserved !== undefined && { reservedBase: l.reserved }),
    ...(shortage && {
      shortage: {
        quantityBase: shortage.quantity,
        reason: shortage.reason,
        substitute: shortage.substitute && substituteView(shortage.substitute, baseUnit),
        status: shortage.status,
        ...(shortage.resolvedBy !== undefined && { resolvedBy: shortage.resolvedBy }),
        ...(shortage.note !== undefined && { note: shortage.note }),
      },
    }),
    ...(l.dispatched !== undefined && { dispatchedBase: l.dispatched }),
    ...(issue &&
      (issue.status === 'issued'
        ? { issue: { status: issue.status, picks: batchQuantities(issue.picks) } }
        : { issue })),
    ...(l.received !== undefined && { receivedBase: l.received }),
    ...(l.damaged !== undefined && { damagedBase: l.damaged }),
    ...(l.qualityBase !== undefined && { qualityBase: l.qualityBase }),
    ...(l.missing !== undefined && { missingBase: l.missing }),
  };
}

const claimView = (c: DeliveryClaim, baseUnit: Lookup) => ({
  sku: c.sku,
  kind: c.kind,
  baseUnit: baseUnit(c.sku),
  quantityBase: c.quantity,
  amountFen: c.amount,
});

const paymentView = ({ amount, ...p }: StatementPayment) => ({ ...p, amountFen: amount });

/**
 * The kitchen's answers in the house convention: quantities in base units named `…Base` beside the SKU's
 * `baseUnit`, contract prices as `unitPriceFen` per `saleUnit: { unit, base }`, money in `…Fen`, cut-off
 * times in Beijing time with their offset. Read models and events keep their own names behind it.
 */
@Injectable()
export class KitchenViews {
  constructor(private readonly readModels: ReadModels) {}

  private lookup(skus: string[]): Promise<Lookup> {
    return baseUnitLookup(this.readModels, skus);
  }

  async contracts(docs: Array<Omit<ContractDoc, '_id'> & { _id?: string }>) {
    const baseUnit = await this.lookup(docs.flatMap((d) => d.lines.map((l) => l.sku)));
    return docs.map((d) => {
      const { _id: _ignored, lines, ...rest } = d;
      delete (rest as { _position?: string })._position;
      return { ...rest, lines: lines.map((l) => contractLineView(l, baseUnit)) };
    });
  }

  async contract(doc: Omit<ContractDoc, '_id'>) {
    return (await this.contracts([doc]))[0];
  }

  async standingOrders(docs: Array<Omit<StandingOrderDoc, '_id'> & { upcoming?: UpcomingDate[] }>) {
    const skus = docs.flatMap((d) => [...d.lines, ...Object.values(d.changes).flat()].map((l) => l.sku));
    const baseUnit = await this.lookup(skus);
    return docs.map((d) => {
      const { lines, changes, next, upcoming, ...rest } = d;
      delete (rest as { _id?: string; _position?: string })._id;
      delete (rest as { _position?: string })._position;
      return {
        ...rest,
        lines: lines.map((l) => standingLineView(l, baseUnit)),
        changes: Object.fromEntries(
          Object.entries(changes).map(([date, ls]) => [date, ls.map((l) => standingLineView(l, baseUnit))]),
        ),
        next: nextView(next),
        ...(upcoming && {
          upcoming: upcoming.map((u) => ({
            ...u,
            cutoffAt: shanghaiIso(u.cutoffAt),
            lines: u.lines.map((l) => standingLineView(l, baseUnit)),
          })),
        }),
      };
    });
  }

  async standingOrder(doc: Omit<StandingOrderDoc, '_id'> & { upcoming: UpcomingDate[] }) {
    return (await this.standingOrders([doc]))[0];
  }

  /** A standing order's answer to a command: its status and next delivery with the cut-off in Beijing time. */
  standingChanged<T extends { next: NextDelivery | null }>(out: T): Omit<T, 'next'> & { next: NextDelivery | null } {
    return { ...out, next: nextView(out.next) };
  }

  async deliveries(docs: Array<Omit<DeliveryDoc, '_id'> & { _id?: string }>) {
    const baseUnit = await this.lookup(docs.flatMap((d) => d.lines.map((l) => l.sku)));
    return docs.map((d) => {
      const { _id: _ignored, lines, claims, gross, claimsTotal, amount, cutoffAt, ...rest } = d;
      delete (rest as { _position?: string })._position;
      return {
        ...rest,
        cutoffAt: shanghaiIso(cutoffAt),
        lines: lines.map((l) => deliveryLineView(l, baseUnit)),
        claims: claims.map((c) => claimView(c, baseUnit)),
        grossFen: gross,
        claimsTotalFen: claimsTotal,
        amountFen: amount,
      };
    });
  }

  async delivery(doc: Omit<DeliveryDoc, '_id'>) {
    return (await this.deliveries([doc]))[0];
  }

  /** The answer of a receipt: the delivery's money and claims. */
  async receipt<T extends { gross: number; claimsTotal: number; amount: number; claims: DeliveryClaim[] }>(out: T) {
    const { gross, claimsTotal, amount, claims, ...rest } = out;
    const baseUnit = await this.lookup(claims.map((c) => c.sku));
    return {
      ...rest,
      grossFen: gross,
      claimsTotalFen: claimsTotal,
      amountFen: amount,
      claims: claims.map((c) => claimView(c, baseUnit)),
    };
  }

  /** The answer of a dispatch: the value sent at contract prices. */
  dispatched<T extends { gross: number }>(out: T): Omit<T, 'gross'> & { grossFen: number } {
    const { gross, ...rest } = out;
    return { ...rest, grossFen: gross };
  }

  /** A monthly statement: money in fen (`…Fen`), line quantities in base units. */
  async statement(s: StatementInput) {
    const baseUnit = await this.lookup(s.deliveries.flatMap((d) => d.lines.map((l) => l.sku)));
    return {
      kitchen: s.kitchen,
      ...(s.kitchenName !== undefined && { kitchenName: s.kitchenName }),
      month: s.month,
      status: s.status,
      deliveries: s.deliveries.map((d) => ({
        deliveryId: d.deliveryId,
        date: d.date,
        standingOrderId: d.standingOrderId,
        lines: d.lines.map((l) => ({
          sku: l.sku,
          name: l.name,
          baseUnit: baseUnit(l.sku),
          saleUnit: { unit: l.unit, base: l.base },
          unitPriceFen: l.fen,
          orderedBase: l.ordered,
          dispatchedBase: l.dispatched,
          receivedBase: l.received,
          damagedBase: l.damaged,
          missingBase: l.missing,
          qualityBase: l.qualityBase,
          ...(l.substituteFor !== undefined && { substituteFor: l.substituteFor }),
          ...(l.kitchenDecision !== undefined && { kitchenDecision: l.kitchenDecision }),
          designatedFen: l.designatedFen,
        })),
        grossFen: d.gross,
        claimsTotalFen: d.claimsTotal,
        amountFen: d.amount,
      })),
      pending: s.pending,
      claims: s.claims.map((c) => ({ ...claimView(c, baseUnit), deliveryId: c.deliveryId, date: c.date })),
      totals: {
        deliveries: s.totals.deliveries,
        grossFen: s.totals.gross,
        claimsFen: s.totals.claims,
        amountFen: s.totals.amount,
      },
      payments: s.payments.map(paymentView),
      paidFen: s.paid,
      unpaidFen: s.unpaid,
      creditFen: s.credit,
      designated: s.designated,
    };
  }

  /** A spending report: each SKU's quantity in base units beside its `baseUnit`. */
  async spending<T extends { bySku: Array<{ sku: string }> }>(out: T) {
    const baseUnit = await this.lookup(out.bySku.map((l) => l.sku));
    return { ...out, bySku: out.bySku.map((l) => ({ ...l, baseUnit: baseUnit(l.sku) })) };
  }
}

/** What {@link statementOf} answers (with the unit size of each line). */
export interface StatementInput {
  kitchen: string;
  kitchenName?: string;
  month: string;
  status: string;
  deliveries: Array<{
    deliveryId: string;
    date: string;
    standingOrderId: string;
    lines: Array<{
      sku: string;
      name: string;
      unit: string;
      base: number;
      fen: number;
      ordered: number;
      dispatched: number;
      received: number;
      damaged: number;
      missing: number;
      qualityBase: number;
      substituteFor?: string;
      kitchenDecision?: string;
      designatedFen: number;
    }>;
    gross: number;
    claimsTotal: number;
    amount: number;
  }>;
  pending: Array<{ deliveryId: string; date: string; status: string }>;
  claims: Array<DeliveryClaim & { deliveryId: string; date: string }>;
  totals: { deliveries: number; gross: number; claims: number; amount: number };
  payments: StatementPayment[];
  paid: number;
  unpaid: number;
  credit: number;
  designated: { designatedFen: number; share: number | null; target: number; meetsTarget: boolean };
}
