import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { DeliveryChangedView, DeliveryListView, DeliveryView } from './kitchen.views';
import {
  AcceptSubstituteDto,
  CancelDeliveryDto,
  DeliveryQueryDto,
  DismissShortageDto,
  ReceiveDeliveryDto,
  SubstituteParamsDto,
} from './kitchen.dto';
import {
  DeliveriesReceiveCommand,
  DeliveriesDispatchCommand,
  DeliveriesCancelCommand,
  DeliveriesSubstituteCommand,
  DeliveriesDismissCommand,
  DeliveriesAcceptSubstituteCommand,
  DeliveriesRefuseSubstituteCommand,
} from './deliveries.commands';
import { DeliveriesListQuery, DeliveriesGetQuery } from './deliveries.queries';

/**
 * Delivery orders generated at each cut-off: ordered vs reserved vs dispatched vs received per line.
 * Purchasers see and receive their kitchen's; operators answer shortage flags and dispatch.
 */
@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('deliveries')
export class DeliveriesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @Roles('purchaser', 'operator')
  @ApiOp({
    summary: 'List deliveries',
    description:
      'By delivery date (Asia/Shanghai, inclusive range; oldest first with `from`, else newest first); operators may filter by kitchen, status, or open shortage flags.',
    answer: DeliveryListView,
  })
  list(@Query() query: DeliveryQueryDto, @CurrentUser() user: AuthUser) {
    return this.queryBus.execute(new DeliveriesListQuery(query, user));
  }

  @Get(':id')
  @Roles('purchaser', 'operator')
  @ApiOp({
    summary: 'One delivery',
    description:
      'Ordered vs granted vs reserved vs dispatched vs received per line, in base units. Another kitchen’s is NOT_FOUND.',
    answer: DeliveryView,
    params: { id: 'delivery id (DL-…)' },
    errors: ['NOT_FOUND'],
  })
  get(@Param('id') id: string, @Query() query: AfterQueryDto, @CurrentUser() user: AuthUser) {
    return this.queryBus.execute(new DeliveriesGetQuery(id, query, user));
  }

  @Post(':id/receive')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({
    summary: 'Receive a delivery',
    description:
      'With actual quantities per line in base units: received in good order (`receivedBase`), damaged (`damagedBase`) and refused for quality (`qualityBase`); ' +
      'what is none of these is missing. Lines not listed arrived in full. Missing, damaged and quality-refused quantities, and a substitute line the purchaser ' +
      'refused, become claims at the contract price that reduce the amount.',
    answer: DeliveryChangedView,
    params: { id: 'delivery id (DL-…)' },
    errors: ['NOT_FOUND', 'INVALID_STATE', 'ALREADY_DECIDED'],
  })
  receive(
    @Param('id') id: string,
    @Body() body: ReceiveDeliveryDto,
    @CurrentUser() user: AuthUser,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commandBus.execute(new DeliveriesReceiveCommand(id, body, user, ctx));
  }

  @Post(':id/dispatch')
  @Roles('operator')
  @HttpCode(200)
  @ApiOp({
    summary: 'Dispatch a delivery',
    description: 'Send what every line holds; the stock is then allocated first-expiry-first and issued.',
    answer: DeliveryChangedView,
    params: { id: 'delivery id (DL-…)' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  })
  dispatch(@Param('id') id: string, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new DeliveriesDispatchCommand(id, ctx));
  }

  @Post(':id/cancel')
  @Roles('operator')
  @HttpCode(200)
  @ApiOp({
    summary: 'Cancel a delivery',
    description: 'Before it leaves: its stock is released and its contract draws given back.',
    answer: DeliveryChangedView,
    params: { id: 'delivery id (DL-…)' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  })
  cancel(@Param('id') id: string, @Body() body: CancelDeliveryDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new DeliveriesCancelCommand(id, body, ctx));
  }

  @Post(':id/shortages/:sku/substitute')
  @Roles('operator')
  @HttpCode(200)
  @ApiOp({
    summary: 'Substitute a shortage',
    description:
      'Make up a line’s shortage with a SKU of the contract (the proposed one unless named), `quantityBase` base units (default: the proposed quantity).',
    answer: DeliveryChangedView,
    params: { id: 'delivery id (DL-…)', sku: 'the SKU whose line is short' },
    errors: ['NOT_FOUND', 'UNKNOWN_SKU', 'INVALID_STATE'],
  })
  substitute(
    @Param('id') id: string,
    @Param('sku') sku: string,
    @Body() body: AcceptSubstituteDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commandBus.execute(new DeliveriesSubstituteCommand(id, sku, body, ctx));
  }

  @Post(':id/shortages/:sku/dismiss')
  @Roles('operator')
  @HttpCode(200)
  @ApiOp({
    summary: 'Dismiss a shortage',
    description: 'Close a shortage flag without a substitute (the kitchen gets less).',
    answer: DeliveryChangedView,
    params: { id: 'delivery id (DL-…)', sku: 'the SKU whose line is short' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  })
  dismiss(
    @Param('id') id: string,
    @Param('sku') sku: string,
    @Body() body: DismissShortageDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commandBus.execute(new DeliveriesDismissCommand(id, sku, body, ctx));
  }

  @Post(':id/substitutes/:sku/accept')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({
    summary: 'Accept a substitute line',
    description: 'The substitute is received and billed as any line. Possible until the delivery is received.',
    answer: DeliveryChangedView,
    params: { id: 'delivery id (DL-…)', sku: "the substitute line's SKU" },
    errors: ['NOT_FOUND', 'INVALID_STATE', 'ALREADY_DECIDED'],
  })
  acceptSubstitute(@Param() params: SubstituteParamsDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new DeliveriesAcceptSubstituteCommand(params, user, ctx));
  }

  @Post(':id/substitutes/:sku/refuse')
  @Roles('purchaser')
  @HttpCode(200)
  @ApiOp({
    summary: 'Refuse a substitute line',
    description:
      'The substitute goes back with the driver: at receipt nothing of it is received and all of it is credited (claim `substitute_refused`). Possible until the delivery is received.',
    answer: DeliveryChangedView,
    params: { id: 'delivery id (DL-…)', sku: "the substitute line's SKU" },
    errors: ['NOT_FOUND', 'INVALID_STATE', 'ALREADY_DECIDED'],
  })
  refuseSubstitute(@Param() params: SubstituteParamsDto, @CurrentUser() user: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new DeliveriesRefuseSubstituteCommand(params, user, ctx));
  }
}
