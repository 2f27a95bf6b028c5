import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, GroupBuyQueries, PickupReceipts } from '@gx/application';
import { shanghaiDate } from '@gx/domain';
import { ApiOp, Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { PickupReceiptView, UncollectedListView } from './storefront.views';
import { PickupReceiptDto, UncollectedQueryDto } from './group-buy.dto';

/** Goods at a pickup point: receiving what was sent there, and what is still to be collected (its leader and operators). */
@ApiTags('pickup points')
@ApiBearerAuth()
@Roles('leader', 'operator')
@Controller('pickup-points/:code')
export class PickupPointsController {
  constructor(
    private readonly receipts: PickupReceipts,
    private readonly queries: GroupBuyQueries,
  ) {}

  @Post('receipts/:transferId')
  @HttpCode(200)
  @ApiOp({
    summary: 'Receive goods at a pickup point',
    description: 'Receive a transfer addressed to the pickup point’s warehouse, per batch in base units (`quantityBase`); what did not arrive is recorded as lost in transit. A campaign’s goods are then held for its orders, and hand-overs are accepted.',
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
    return this.receipts.receive(code, transferId, body.received, actor, query.after, commandContextOf(ctx, `transfer-in:${transferId}`));
  }

  @Get('uncollected')
  @ApiOp({
    summary: 'Uncollected goods of a pickup point',
    description: 'Campaigns whose pickup date (Beijing) is before `asOf` with orders not picked up, not covered by what arrived, or not issued.',
    answer: UncollectedListView,
    params: { code: 'pickup point code' },
    errors: ['FORBIDDEN'],
  })
  async uncollected(@Param('code') code: string, @Query() query: UncollectedQueryDto, @CurrentUser() viewer: AuthUser, @Ctx() ctx: RequestContext) {
    return { items: await this.queries.uncollected(code, viewer, query.asOf ?? shanghaiDate(ctx.now), query.after) };
  }
}
