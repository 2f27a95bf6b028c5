import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, AuctionQueries, BidCommands, LotCommands, lotTermsAnswer } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { ApiBidRefused, BidView, LotListedView, LotListView, LotView } from './wholesale.views';
import { buyerIdOf, viewerOf } from './viewer';
import { ListLotDto, LotListQueryDto, PlaceBidDto } from './wholesale.dto';

/** Lots (批发竞价): operators list them from market stock; buyers read and bid. */
@ApiTags('lots')
@ApiBearerAuth()
@Controller('lots')
export class LotsController {
  constructor(
    private readonly lots: LotCommands,
    private readonly bids: BidCommands,
    private readonly queries: AuctionQueries,
  ) {}

  @Post()
  @Roles('operator')
  @HttpCode(201)
  @ApiOp({
    summary: 'List a lot',
    description: 'From a batch at a market warehouse: `quantityBase` (base units, a whole number of the `saleUnit`) is reserved and allocated from the batch. Prices are fen per sale unit; times may carry any offset and are answered in Beijing time.',
    answer: LotListedView,
    status: 201,
    errors: ['UNKNOWN_SKU', 'UNKNOWN_WAREHOUSE', 'NOT_FOUND', 'INSUFFICIENT_STOCK', 'BATCH_NOT_SELLABLE', 'INVALID_STATE', 'INVALID_DATES'],
  })
  async list(@Body() body: ListLotDto, @Ctx() ctx: RequestContext) {
    const { terms, baseUnit, position } = await this.lots.list(body, commandContextOf(ctx, 'list-lot'));
    return { ...lotTermsAnswer(terms, baseUnit), position };
  }

  @Get()
  @Roles('buyer', 'operator')
  @ApiOp({ summary: 'List lots', description: 'Lots in a phase (scheduled, open, closing, sold, unsold), or all, with current price and masked leader.', answer: LotListView })
  async index(@Query() query: LotListQueryDto, @Ctx() ctx: RequestContext) {
    return { items: await this.queries.lots(query, ctx.now.toISOString(), viewerOf(ctx.user)) };
  }

  @Get(':id')
  @Roles('buyer', 'operator')
  @ApiOp({ summary: 'One lot', description: 'Current price, masked leader, closesAt, bid count; a buyer also sees its own standing and maximum.', answer: LotView, params: { id: 'lot id' }, errors: ['NOT_FOUND'] })
  async get(@Param('id') id: string, @Query() query: AfterQueryDto, @Ctx() ctx: RequestContext) {
    const lot = await this.queries.lot(id, query.after, ctx.now.toISOString(), viewerOf(ctx.user));
    if (!lot) throw new NotFoundException(`no lot ${id}`);
    return lot;
  }

  @Post(':id/bids')
  @Roles('buyer')
  @HttpCode(201)
  @ApiBidRefused()
  @ApiOp({
    summary: 'Bid on a lot',
    description: '201 `status: leading`, or 201 `status: outbid` when the bid was placed but the leader’s proxy answered it at once (the answer gives the price now and the leader’s alias). Refused: OUTBID (an earlier bid at that price leads), BID_TOO_LOW, CREDIT_EXCEEDED, NOT_OPEN, CUTOFF_PASSED.',
    answer: BidView,
    status: 201,
    params: { id: 'lot id' },
    errors: ['NOT_FOUND', 'OUTBID', 'BID_TOO_LOW', 'CREDIT_EXCEEDED', 'NOT_OPEN', 'CUTOFF_PASSED'],
  })
  bid(@Param('id') id: string, @Body() body: PlaceBidDto, @Ctx() ctx: RequestContext) {
    return this.bids.place(id, buyerIdOf(ctx.user), body, commandContextOf(ctx, `bid:${id}`));
  }
}
