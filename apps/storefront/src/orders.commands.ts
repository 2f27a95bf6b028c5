import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, GroupBuyOrders } from '@gx/application';
import type { AuthUser, RequestContext } from '@gx/platform';

/** Cancel my order */
export class OrdersCancelCommand extends Command<ResultOf<OrdersCancelHandler>> {
  constructor(
    readonly id: string,
    readonly customer: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(OrdersCancelCommand)
export class OrdersCancelHandler {
  constructor(private readonly orders: GroupBuyOrders) {}

  execute({ id, customer, ctx }: { id: string; customer: AuthUser; ctx: RequestContext }) {
    return this.orders.cancel(id, customer.username, commandContextOf(ctx, `cancel-order:${id}`));
  }
}

/** Hand an order over */
export class OrdersHandOverCommand extends Command<ResultOf<OrdersHandOverHandler>> {
  constructor(
    readonly code: string,
    readonly leader: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(OrdersHandOverCommand)
export class OrdersHandOverHandler {
  constructor(private readonly orders: GroupBuyOrders) {}

  execute({ code, leader, ctx }: { code: string; leader: AuthUser; ctx: RequestContext }) {
    return this.orders.handOver(code.toUpperCase(), leader, commandContextOf(ctx, `hand-over:${code.toUpperCase()}`));
  }
}

/** The handlers of the commands of orders.controller.ts, registered in the app module. */
export const ORDERS_COMMAND_HANDLERS = [OrdersCancelHandler, OrdersHandOverHandler];
