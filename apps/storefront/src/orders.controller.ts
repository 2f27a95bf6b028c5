import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, GroupBuyOrders, GroupBuyQueries } from '@gx/application';
import { Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { OrderListQueryDto, PickupPointOrdersQueryDto } from './group-buy.dto';

/** Group-buy orders: consumers see their own, leaders their pickup point's, operators all; hand-over at pickup. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller()
export class OrdersController {
  constructor(
    private readonly orders: GroupBuyOrders,
    private readonly queries: GroupBuyQueries,
  ) {}

  /** One order with its status history; its owner also gets the pickup code and, while unpaid, the payment details. */
  @Get('orders/:id')
  async get(@Param('id') id: string, @Query() query: AfterQueryDto, @CurrentUser() viewer: AuthUser) {
    const { doc, view } = await this.queries.order(id, viewer, query.after);
    const unpaid = doc.customer === viewer.username ? await this.orders.paymentOf(doc) : null;
    return unpaid ? { ...view, payment: { ...view.payment, intentId: unpaid.intentId, clientSecret: unpaid.clientSecret } } : view;
  }

  /** The caller's own orders, newest first. */
  @Get('me/orders')
  async mine(@Query() query: OrderListQueryDto, @CurrentUser() viewer: AuthUser) {
    return { items: await this.queries.ordersOf(viewer.username, query) };
  }

  /** Cancel before the cut-off; a paid order is refunded. */
  @Roles('consumer')
  @Post('orders/:id/cancel')
  @HttpCode(200)
  cancel(@Param('id') id: string, @CurrentUser() customer: AuthUser, @Ctx() ctx: RequestContext) {
    return this.orders.cancel(id, customer.username, commandContextOf(ctx, `cancel-order:${id}`));
  }

  /** Orders to be picked up at a pickup point (its leader and operators; pickup codes are never shown). */
  @Roles('leader', 'operator')
  @Get('pickup-points/:code/orders')
  async atPickupPoint(@Param('code') code: string, @Query() query: PickupPointOrdersQueryDto, @CurrentUser() viewer: AuthUser) {
    return { items: await this.queries.ordersAt(code, viewer, query) };
  }

  /** Hand-overs and leader commission per month at a pickup point (its leader and operators). */
  @Roles('leader', 'operator')
  @Get('pickup-points/:code/commissions')
  async commissions(@Param('code') code: string, @Query() query: AfterQueryDto, @CurrentUser() viewer: AuthUser) {
    return { items: await this.queries.commissions(code, viewer, query.after) };
  }

  /** The leader of the order's pickup point scans its pickup code and hands it over (pay-at-pickup orders are paid here). */
  @Roles('leader')
  @Post('pickups/:code')
  @HttpCode(200)
  handOver(@Param('code') code: string, @CurrentUser() leader: AuthUser, @Ctx() ctx: RequestContext) {
    return this.orders.handOver(code.toUpperCase(), leader, commandContextOf(ctx, `hand-over:${code.toUpperCase()}`));
  }
}
