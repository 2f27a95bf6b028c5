import { Injectable } from '@nestjs/common';
import {
  DomainError,
  spendingOf,
  statementOf,
  statementPaymentsId,
  upcomingDates,
  type ContractDoc,
  type DeliveryDoc,
  type DeliveryStatus,
  type StandingOrderDoc,
  type StatementPaymentsDoc,
} from '@gx/domain';
import { ProblemException, type AuthUser } from '@gx/platform';
import { ReadModels, type Filter } from '@gx/readstore';
import { publicView, ReadGate } from '../kernel/read-gate';
import { canSee, kitchenScope } from './kitchen-access';
import { KITCHEN, kitchenProjection } from './kitchen.projection';
import { CATALOG } from '../catalog/catalog.projection';

/** Most records a list answers. */
const LIMIT = 500;
/** Most deliveries of one kitchen in one month (a statement). */
const MAX_MONTH_DELIVERIES = 5_000;
/** Most months of one spending report. */
export const MAX_SPENDING_MONTHS = 24;

/** Months `from`..`to` (YYYY-MM, inclusive); INVALID_DATES when reversed or longer than {@link MAX_SPENDING_MONTHS}. */
export function monthsBetween(from: string, to: string): string[] {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const count = index(to) - index(from) + 1;
  if (count < 1) throw new DomainError('INVALID_DATES', 'to must not be before from', 'to');
  if (count > MAX_SPENDING_MONTHS)
    throw new DomainError('INVALID_DATES', `at most ${MAX_SPENDING_MONTHS} months at a time`, 'to');
  return Array.from({ length: count }, (_, i) => {
    const n = index(from) + i;
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
}

/** Upcoming dates shown with a standing order unless asked otherwise. */
const DEFAULT_UPCOMING = 14;

/**
 * Deliveries query: a date range (inclusive; oldest first, else newest first), a kitchen
 * (operators), a status, or only those with open shortage flags.
 */
export interface DeliveryQuery {
  from?: string;
  to?: string;
  kitchen?: string;
  status?: DeliveryStatus;
  shortage?: 'open';
  after?: string;
}

/** Contracts, standing orders, deliveries and statements, each visible to operators and to its own kitchen only. */
@Injectable()
export class KitchenQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
  ) {}

  async contracts(user: AuthUser, query: { kitchen?: string; after?: string }) {
    await this.gate.after(kitchenProjection.name, query.after);
    const docs = await this.readModels.find<ContractDoc>(KITCHEN.contracts, this.scoped(user, query.kitchen), {
      sort: [
        ['from', -1],
        ['_id', 1],
      ],
      limit: LIMIT,
    });
    return this.named(docs.map(publicView));
  }

  async contract(user: AuthUser, id: string, after?: string) {
    await this.gate.after(kitchenProjection.name, after);
    return (
      await this.named([
        publicView(this.visible(user, await this.readModels.get<ContractDoc>(KITCHEN.contracts, id), `contract ${id}`)),
      ])
    )[0];
  }

  async standingOrders(user: AuthUser, query: { kitchen?: string; after?: string }) {
    await this.gate.after(kitchenProjection.name, query.after);
    const docs = await this.readModels.find<StandingOrderDoc>(
      KITCHEN.standingOrders,
      this.scoped(user, query.kitchen),
      {
        sort: [
          ['placedAt', -1],
          ['_id', 1],
        ],
        limit: LIMIT,
      },
    );
    return this.named(docs.map(publicView));
  }

  /** A standing order with its next `days` delivery dates (as of `now`): cut-off, open or closed, and what each brings. */
  async standingOrder(user: AuthUser, id: string, query: { after?: string; upcoming?: number }, now: Date) {
    await this.gate.after(kitchenProjection.name, query.after);
    const doc = this.visible(
      user,
      await this.readModels.get<StandingOrderDoc>(KITCHEN.standingOrders, id),
      `standing order ${id}`,
    );
    return (
      await this.named([
        { ...publicView(doc), upcoming: upcomingDates(doc, now.toISOString(), query.upcoming ?? DEFAULT_UPCOMING) },
      ])
    )[0];
  }

  async deliveries(user: AuthUser, query: DeliveryQuery) {
    await this.gate.after(kitchenProjection.name, query.after);
    const filter = this.scoped(user, query.kitchen);
    if (query.from || query.to)
      filter.date = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
    if (query.status) filter.status = query.status;
    if (query.shortage === 'open') filter.openShortages = { $gt: 0 };
    // A range reads forward from its first date; without one, the newest deliveries come first.
    const direction = query.from ? 1 : -1;
    const docs = await this.readModels.find<DeliveryDoc>(KITCHEN.deliveries, filter, {
      sort: [
        ['date', direction],
        ['_id', 1],
      ],
      limit: LIMIT,
    });
    return this.named(docs.map(publicView));
  }

  async delivery(user: AuthUser, id: string, after?: string) {
    await this.gate.after(kitchenProjection.name, after);
    return (
      await this.named([
        publicView(
          this.visible(user, await this.readModels.get<DeliveryDoc>(KITCHEN.deliveries, id), `delivery ${id}`),
        ),
      ])
    )[0];
  }

  /** The monthly statement (对账单) of a kitchen: a purchaser's own; an operator names the kitchen. */
  async statement(user: AuthUser, month: string, query: { kitchen?: string; after?: string }) {
    const kitchen = this.requiredKitchen(user, query.kitchen);
    await this.gate.after(kitchenProjection.name, query.after);
    const [deliveries, payments] = await Promise.all([
      this.readModels.find<DeliveryDoc>(
        KITCHEN.deliveries,
        { kitchen, month },
        {
          sort: [
            ['date', 1],
            ['_id', 1],
          ],
          limit: MAX_MONTH_DELIVERIES,
        },
      ),
      this.readModels.get<StatementPaymentsDoc>(KITCHEN.payments, statementPaymentsId(kitchen, month)),
    ]);
    return {
      ...statementOf({ kitchen, month, deliveries, payments: payments?.payments ?? [] }),
      ...(await this.kitchenName(kitchen)),
    };
  }

  /**
   * A kitchen's spending from month `from` to month `to` (YYYY-MM, inclusive, at most 24): per month the
   * billed amount and the share from designated counties, and per SKU over the period.
   */
  async spending(user: AuthUser, query: { from: string; to: string; kitchen?: string; after?: string }) {
    const kitchen = this.requiredKitchen(user, query.kitchen);
    const months = monthsBetween(query.from, query.to);
    await this.gate.after(kitchenProjection.name, query.after);
    const deliveries = await this.readModels.find<DeliveryDoc>(
      KITCHEN.deliveries,
      { kitchen, month: { $gte: query.from, $lte: query.to }, status: 'received' },
      {
        sort: [
          ['date', 1],
          ['_id', 1],
        ],
        limit: MAX_MONTH_DELIVERIES * 2,
      },
    );
    return {
      kitchen,
      ...(await this.kitchenName(kitchen)),
      from: query.from,
      to: query.to,
      ...spendingOf(months, deliveries),
    };
  }

  /** Records with their kitchen's name from the catalog (`kitchenName`, absent for a kitchen never registered: contracts made before kitchens were master data). */
  private async named<D extends { kitchen: string }>(docs: D[]): Promise<Array<D & { kitchenName?: string }>> {
    const codes = [...new Set(docs.map((d) => d.kitchen))];
    if (codes.length === 0) return docs;
    const kitchens = await this.readModels.find<{ _id: string; name: string }>(
      CATALOG.kitchens,
      { _id: { $in: codes } },
      { limit: codes.length },
    );
    const names = new Map(kitchens.map((k) => [k._id, k.name]));
    return docs.map((d) => {
      const name = names.get(d.kitchen);
      return name === undefined ? d : { ...d, kitchenName: name };
    });
  }

  private async kitchenName(kitchen: string): Promise<{ kitchenName?: string }> {
    const doc = await this.readModels.get<{ _id: string; name: string }>(CATALOG.kitchens, kitchen);
    return doc ? { kitchenName: doc.name } : {};
  }

  /** The kitchen of a per-kitchen report: a purchaser's own; an operator must name one. */
  private requiredKitchen(user: AuthUser, asked: string | undefined): string {
    const kitchen = kitchenScope(user, asked);
    if (kitchen === undefined) {
      const message = 'kitchen is required: name the kitchen to report on';
      throw new ProblemException(400, 'VALIDATION_FAILED', message, { errors: [{ field: 'kitchen', message }] });
    }
    return kitchen;
  }

  private scoped(user: AuthUser, asked: string | undefined): Filter {
    const kitchen = kitchenScope(user, asked);
    return kitchen === undefined ? {} : { kitchen };
  }

  /** The document when `user` may see it; NOT_FOUND when it is absent or another kitchen's. */
  private visible<D extends { kitchen: string }>(user: AuthUser, doc: D | null, what: string): D {
    if (!doc || !canSee(user, doc.kitchen)) throw new DomainError('NOT_FOUND', `no ${what}`, 'id');
    return doc;
  }
}
