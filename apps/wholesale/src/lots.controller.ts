import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, AuctionQueries, BidCommands, LotCommands } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
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

  /** List a lot from a batch at a market warehouse; its quantity is reserved and allocated from the batch. */
  @Post()
  @Roles('operator')
  @HttpCode(201)
  async list(@Body() body: ListLotDto, @Ctx() ctx: RequestContext) {
    const { terms, position } = await this.lots.list(body, commandContextOf(ctx, 'list-lot'));
    return { ...terms, position };
  }

  /** Lots in a phase (scheduled, open, closing, sold, unsold), or all, with current price and masked leader. */
  @Get()
  @Roles('buyer', 'operator')
  async index(@Query() query: LotListQueryDto, @Ctx() ctx: RequestContext) {
    return { items: await this.queries.lots(query, ctx.now.toISOString(), viewerOf(ctx.user)) };
  }

  /** One lot: current price, masked leader, closesAt, bid count; a buyer also sees its own standing and maximum. */
  @Get(':id')
  @Roles('buyer', 'operator')
  async get(@Param('id') id: string, @Query() query: AfterQueryDto, @Ctx() ctx: RequestContext) {
    const lot = await this.queries.lot(id, query.after, ctx.now.toISOString(), viewerOf(ctx.user));
    if (!lot) throw new NotFoundException(`no lot ${id}`);
    return lot;
  }

  /** Bid: leading (201), or OUTBID / BID_TOO_LOW / CREDIT_EXCEEDED / NOT_OPEN / CUTOFF_PASSED. */
  @Post(':id/bids')
  @Roles('buyer')
  @HttpCode(201)
  bid(@Param('id') id: string, @Body() body: PlaceBidDto, @Ctx() ctx: RequestContext) {
    return this.bids.place(id, buyerIdOf(ctx.user), body, commandContextOf(ctx, `bid:${id}`));
  }
}
