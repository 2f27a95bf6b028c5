import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, DeliveryCommands, KitchenQueries } from '@gx/application';
import { Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { AcceptSubstituteDto, CancelDeliveryDto, DeliveryQueryDto, DismissShortageDto, ReceiveDeliveryDto } from './kitchen.dto';

/**
 * Delivery orders generated at each cut-off: ordered vs reserved vs dispatched vs received per line.
 * Purchasers see and receive their kitchen's; operators answer shortage flags and dispatch.
 */
@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('deliveries')
export class DeliveriesController {
  constructor(
    private readonly commands: DeliveryCommands,
    private readonly queries: KitchenQueries,
  ) {}

  /** Deliveries by date (inclusive range); operators may filter by kitchen, status, or open shortage flags. */
  @Get()
  @Roles('purchaser', 'operator')
  async list(@Query() query: DeliveryQueryDto, @CurrentUser() user: AuthUser) {
    return { items: await this.queries.deliveries(user, query) };
  }

  @Get(':id')
  @Roles('purchaser', 'operator')
  get(@Param('id') id: string, @Query() query: AfterQueryDto, @CurrentUser() user: AuthUser) {
    return this.queries.delivery(user, id, query.after);
  }

  /** Receive with actual quantities: missing and damaged quantities become claims that reduce the amount. */
  @Post(':id/receive')
  @Roles('purchaser')
  @HttpCode(200)
  receive(@Param('id') id: string, @Body() body: ReceiveDeliveryDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commands.receive(user, id, { lines: body.lines ?? [], note: body.note }, commandContextOf(ctx, `receive:${id}`));
  }

  /** Send what every line holds; the stock is then allocated first-expiry-first and issued. */
  @Post(':id/dispatch')
  @Roles('operator')
  @HttpCode(200)
  dispatch(@Param('id') id: string, @Ctx() ctx: RequestContext) {
    return this.commands.dispatch(id, commandContextOf(ctx, `dispatch:${id}`));
  }

  /** Call a delivery off before it leaves: its stock is released and its contract draws given back. */
  @Post(':id/cancel')
  @Roles('operator')
  @HttpCode(200)
  cancel(@Param('id') id: string, @Body() body: CancelDeliveryDto, @Ctx() ctx: RequestContext) {
    return this.commands.cancel(id, body.reason, commandContextOf(ctx, `cancel-delivery:${id}`));
  }

  /** Make up a line's shortage with a SKU of the contract (the proposed one unless named). */
  @Post(':id/shortages/:sku/substitute')
  @Roles('operator')
  @HttpCode(200)
  substitute(@Param('id') id: string, @Param('sku') sku: string, @Body() body: AcceptSubstituteDto, @Ctx() ctx: RequestContext) {
    return this.commands.acceptSubstitute(id, sku, body, commandContextOf(ctx, `substitute:${id}:${sku}`));
  }

  /** Close a shortage flag without a substitute (the kitchen gets less). */
  @Post(':id/shortages/:sku/dismiss')
  @Roles('operator')
  @HttpCode(200)
  dismiss(@Param('id') id: string, @Param('sku') sku: string, @Body() body: DismissShortageDto, @Ctx() ctx: RequestContext) {
    return this.commands.dismissShortage(id, sku, body.note, commandContextOf(ctx, `dismiss:${id}:${sku}`));
  }
}
