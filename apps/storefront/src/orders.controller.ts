import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { CancelledOrderView, CommissionListView, HandOverView, OrderListView, OrderView } from './storefront.views';
import { OrderListQueryDto, PickupPointOrdersQueryDto } from './group-buy.dto';
import { PickupOrderView } from './traceability.views';
import { OrdersCancelCommand, OrdersHandOverCommand } from './orders.commands';
import {
  OrdersGetQuery,
  OrdersMineQuery,
  OrdersAtPickupPointQuery,
  OrdersCommissionsQuery,
  OrdersLookUpQuery,
} from './orders.queries';

/** Group-buy orders: consumers see their own, leaders their pickup point's, operators all; hand-over at pickup. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller()
export class OrdersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get('orders/:id')
  @ApiOp({
    summary: 'One order',
    description:
      'With its status history, the campaign title, pickup date and place. Its owner also gets the pickup code and, while unpaid, the payment details; the leader of its pickup point and operators see it without the code; anyone else gets NOT_FOUND.',
    answer: OrderView,
    params: { id: 'order id' },
    errors: ['NOT_FOUND'],
  })
  get(@Param('id') id: string, @Query() query: AfterQueryDto, @CurrentUser() viewer: AuthUser) {
    return this.queryBus.execute(new OrdersGetQuery(id, query, viewer));
  }

  @Get('me/orders')
  @ApiOp({
    summary: 'My orders',
    description: 'The caller’s own orders, newest first, with pickup details.',
    answer: OrderListView,
  })
  mine(@Query() query: OrderListQueryDto, @CurrentUser() viewer: AuthUser) {
    return this.queryBus.execute(new OrdersMineQuery(query, viewer));
  }

  @Roles('consumer')
  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOp({
    summary: 'Cancel my order',
    description: 'Before the cut-off; a paid order is refunded.',
    answer: CancelledOrderView,
    params: { id: 'order id' },
    errors: ['NOT_FOUND', 'CUTOFF_PASSED', 'INVALID_STATE'],
  })
  cancel(@Param('id') id: string, @CurrentUser() customer: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new OrdersCancelCommand(id, customer, ctx));
  }

  @Roles('leader', 'operator')
  @Get('pickup-points/:code/orders')
  @ApiOp({
    summary: 'Orders of a pickup point',
    description: 'For its leader and operators; pickup codes are never shown.',
    answer: OrderListView,
    params: { code: 'pickup point code' },
    errors: ['FORBIDDEN'],
  })
  atPickupPoint(
    @Param('code') code: string,
    @Query() query: PickupPointOrdersQueryDto,
    @CurrentUser() viewer: AuthUser,
  ) {
    return this.queryBus.execute(new OrdersAtPickupPointQuery(code, query, viewer));
  }

  @Roles('leader', 'operator')
  @Get('pickup-points/:code/commissions')
  @ApiOp({
    summary: 'Commissions of a pickup point',
    description: 'Hand-overs and leader commission per business month (Asia/Shanghai), for its leader and operators.',
    answer: CommissionListView,
    params: { code: 'pickup point code' },
    errors: ['FORBIDDEN'],
  })
  commissions(@Param('code') code: string, @Query() query: AfterQueryDto, @CurrentUser() viewer: AuthUser) {
    return this.queryBus.execute(new OrdersCommissionsQuery(code, query, viewer));
  }

  @Roles('leader')
  @Get('pickups/:code')
  @ApiOp({
    summary: 'The order a pickup code names, before its hand-over',
    description:
      'For the leader of its pickup point: what to hand over and, for an order paid at pickup, what to collect. Another pickup point’s code is answered as an unknown one.',
    answer: PickupOrderView,
    params: { code: 'the pickup code the consumer shows (8 characters, case-insensitive)' },
    errors: ['NOT_FOUND'],
  })
  lookUp(@Param('code') code: string, @CurrentUser() leader: AuthUser) {
    return this.queryBus.execute(new OrdersLookUpQuery(code, leader));
  }

  @Roles('leader')
  @Post('pickups/:code')
  @HttpCode(200)
  @ApiOp({
    summary: 'Hand an order over',
    description:
      'The leader of the order’s pickup point scans its pickup code (pay-at-pickup orders are paid here). The goods must have arrived (GOODS_NOT_ARRIVED); another point’s code is NOT_FOUND.',
    answer: HandOverView,
    params: { code: 'the order’s pickup code' },
    errors: ['NOT_FOUND', 'GOODS_NOT_ARRIVED', 'INSUFFICIENT_STOCK', 'INVALID_STATE', 'ALREADY_DECIDED'],
  })
  handOver(@Param('code') code: string, @CurrentUser() leader: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new OrdersHandOverCommand(code, leader, ctx));
  }
}
