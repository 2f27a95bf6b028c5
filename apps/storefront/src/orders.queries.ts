import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, AfterQueryDto, GroupBuyOrders, GroupBuyQueries } from '@gx/application';
import type { AuthUser } from '@gx/platform';
import { OrderListQueryDto, PickupPointOrdersQueryDto } from './group-buy.dto';

/** One order */
export class OrdersGetQuery extends Query<ResultOf<OrdersGetHandler>> {
  constructor(
    readonly id: string,
    readonly query: AfterQueryDto,
    readonly viewer: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(OrdersGetQuery)
export class OrdersGetHandler {
  constructor(
    private readonly queries: GroupBuyQueries,
    private readonly orders: GroupBuyOrders,
  ) {}

  async execute({ id, query, viewer }: { id: string; query: AfterQueryDto; viewer: AuthUser }) {
    const { doc, view } = await this.queries.order(id, viewer, query.after);
    const unpaid = doc.customer === viewer.username ? await this.orders.paymentOf(doc) : null;
    return unpaid
      ? { ...view, payment: { ...view.payment, intentId: unpaid.intentId, clientSecret: unpaid.clientSecret } }
      : view;
  }
}

/** My orders */
export class OrdersMineQuery extends Query<ResultOf<OrdersMineHandler>> {
  constructor(
    readonly query: OrderListQueryDto,
    readonly viewer: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(OrdersMineQuery)
export class OrdersMineHandler {
  constructor(private readonly queries: GroupBuyQueries) {}

  async execute({ query, viewer }: { query: OrderListQueryDto; viewer: AuthUser }) {
    return { items: await this.queries.ordersOf(viewer.username, query) };
  }
}

/** Orders of a pickup point */
export class OrdersAtPickupPointQuery extends Query<ResultOf<OrdersAtPickupPointHandler>> {
  constructor(
    readonly code: string,
    readonly query: PickupPointOrdersQueryDto,
    readonly viewer: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(OrdersAtPickupPointQuery)
export class OrdersAtPickupPointHandler {
  constructor(private readonly queries: GroupBuyQueries) {}

  async execute({ code, query, viewer }: { code: string; query: PickupPointOrdersQueryDto; viewer: AuthUser }) {
    return { items: await this.queries.ordersAt(code, viewer, query) };
  }
}

/** Commissions of a pickup point */
export class OrdersCommissionsQuery extends Query<ResultOf<OrdersCommissionsHandler>> {
  constructor(
    readonly code: string,
    readonly query: AfterQueryDto,
    readonly viewer: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(OrdersCommissionsQuery)
export class OrdersCommissionsHandler {
  constructor(private readonly queries: GroupBuyQueries) {}

  async execute({ code, query, viewer }: { code: string; query: AfterQueryDto; viewer: AuthUser }) {
    return { items: await this.queries.commissions(code, viewer, query.after) };
  }
}

/** The order a pickup code names, before its hand-over */
export class OrdersLookUpQuery extends Query<ResultOf<OrdersLookUpHandler>> {
  constructor(
    readonly code: string,
    readonly leader: AuthUser,
  ) {
    super();
  }
}

@QueryHandler(OrdersLookUpQuery)
export class OrdersLookUpHandler {
  constructor(private readonly queries: GroupBuyQueries) {}

  execute({ code, leader }: { code: string; leader: AuthUser }) {
    return this.queries.orderByPickupCode(code.toUpperCase(), leader);
  }
}

/** The handlers of the queries of orders.controller.ts, registered in the app module. */
export const ORDERS_QUERY_HANDLERS = [
  OrdersGetHandler,
  OrdersMineHandler,
  OrdersAtPickupPointHandler,
  OrdersCommissionsHandler,
  OrdersLookUpHandler,
];
