import { Injectable } from '@nestjs/common';
import {
  DomainError,
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

/** Most records a list answers. */
const LIMIT = 500;
/** Most deliveries of one kitchen in one month (a statement). */
const MAX_MONTH_DELIVERIES = 5_000;
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
    const docs = await this.readModels.find<ContractDoc>(KITCHEN.contracts, this.scoped(user, query.kitchen), { sort: [['from', -1], ['_id', 1]], limit: LIMIT });
    return docs.map(publicView);
  }

  async contract(user: AuthUser, id: string, after?: string) {
    await this.gate.after(kitchenProjection.name, after);
    return publicView(this.visible(user, await this.readModels.get<ContractDoc>(KITCHEN.contracts, id), `contract ${id}`));
  }

  async standingOrders(user: AuthUser, query: { kitchen?: string; after?: string }) {
    await this.gate.after(kitchenProjection.name, query.after);
    const docs = await this.readModels.find<StandingOrderDoc>(KITCHEN.standingOrders, this.scoped(user, query.kitchen), { sort: [['placedAt', -1], ['_id', 1]], limit: LIMIT });
    return docs.map(publicView);
  }

  /** A standing order with its next `days` delivery dates (as of `now`): cut-off, open or closed, and what each brings. */
  async standingOrder(user: AuthUser, id: string, query: { after?: string; upcoming?: number }, now: Date) {
    await this.gate.after(kitchenProjection.name, query.after);
    const doc = this.visible(user, await this.readModels.get<StandingOrderDoc>(KITCHEN.standingOrders, id), `standing order ${id}`);
    return { ...publicView(doc), upcoming: upcomingDates(doc, now.toISOString(), query.upcoming ?? DEFAULT_UPCOMING) };
  }

  async deliveries(user: AuthUser, query: DeliveryQuery) {
    await this.gate.after(kitchenProjection.name, query.after);
    const filter = this.scoped(user, query.kitchen);
    if (query.from || query.to) filter.date = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
    if (query.status) filter.status = query.status;
    if (query.shortage === 'open') filter.openShortages = { $gt: 0 };
    // A range reads forward from its first date; without one, the newest deliveries come first.
    const direction = query.from ? 1 : -1;
    const docs = await this.readModels.find<DeliveryDoc>(KITCHEN.deliveries, filter, { sort: [['date', direction], ['_id', 1]], limit: LIMIT });
    return docs.map(publicView);
  }

  async delivery(user: AuthUser, id: string, after?: string) {
    await this.gate.after(kitchenProjection.name, after);
    return publicView(this.visible(user, await this.readModels.get<DeliveryDoc>(KITCHEN.deliveries, id), `delivery ${id}`));
  }

  /** The monthly statement (对账单) of a kitchen: a purchaser's own; an operator names the kitchen. */
  async statement(user: AuthUser, month: string, query: { kitchen?: string; after?: string }) {
    const kitchen = kitchenScope(user, query.kitchen);
    if (kitchen === undefined) {
      const message = 'kitchen is required: name the kitchen whose statement to show';
      throw new ProblemException(400, 'VALIDATION_FAILED', message, { errors: [{ field: 'kitchen', message }] });
    }
    await this.gate.after(kitchenProjection.name, query.after);
    const [deliveries, payments] = await Promise.all([
      this.readModels.find<DeliveryDoc>(KITCHEN.deliveries, { kitchen, month }, { sort: [['date', 1], ['_id', 1]], limit: MAX_MONTH_DELIVERIES }),
      this.readModels.get<StatementPaymentsDoc>(KITCHEN.payments, statementPaymentsId(kitchen, month)),
    ]);
    return statementOf({ kitchen, month, deliveries, payments: payments?.payments ?? [] });
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
