import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { PickupReceiptView, UncollectedListView } from './storefront.views';
import { PickupReceiptDto, UncollectedQueryDto } from './group-buy.dto';
import { PickupPointsReceiveCommand } from './pickup-points.commands';
import { PickupPointsUncollectedQuery } from './pickup-points.queries';

/** Goods at a pickup point: receiving what was sent there, and what is still to be collected (its leader and operators). */
@ApiTags('pickup points')
@ApiBearerAuth()
@Roles('leader', 'operator')
@Controller('pickup-points/:code')
export class PickupPointsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post('receipts/:transferId')
  @HttpCode(200)
  @ApiOp({
    summary: 'Receive goods at a pickup point',
    description:
      'Receive a transfer addressed to the pickup point’s warehouse, per batch in base units (`quantityBase`); what did not arrive is recorded as lost in transit. A campaign’s goods are then held for its orders, and hand-overs are accepted.',
    answer: PickupReceiptView,
    params: { code: 'pickup point code', transferId: 'transfer id (T-…)' },
    errors: ['NOT_FOUND', 'ALREADY_DECIDED', 'INVALID_STATE', 'FORBIDDEN'],
  })
  receive(
    @Param('code') code: string,
    @Param('transferId') transferId: string,
    @Body() body: PickupReceiptDto,
    @Query() query: AfterQueryDto,
    @CurrentUser() actor: AuthUser,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commandBus.execute(new PickupPointsReceiveCommand(code, transferId, body, query, actor, ctx));
  }

  @Get('uncollected')
  @ApiOp({
    summary: 'Uncollected goods of a pickup point',
    description:
      'Campaigns whose pickup date (Beijing) is before `asOf` with orders not picked up, not covered by what arrived, or not issued.',
    answer: UncollectedListView,
    params: { code: 'pickup point code' },
    errors: ['FORBIDDEN'],
  })
  uncollected(
    @Param('code') code: string,
    @Query() query: UncollectedQueryDto,
    @CurrentUser() viewer: AuthUser,
    @Ctx() ctx: RequestContext,
  ) {
    return this.queryBus.execute(new PickupPointsUncollectedQuery(code, query, viewer, ctx));
  }
}
