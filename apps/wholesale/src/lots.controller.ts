import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { ApiBidRefused, BidView, LotListedView, LotListView, LotView } from './wholesale.views';
import { ListLotDto, LotListQueryDto, PlaceBidDto } from './wholesale.dto';
import { LotsListCommand, LotsBidCommand } from './lots.commands';
import { LotsIndexQuery, LotsGetQuery } from './lots.queries';

/** Lots (批发竞价): operators list them from market stock; buyers read and bid. */
@ApiTags('lots')
@ApiBearerAuth()
@Controller('lots')
export class LotsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @HttpCode(201)
  @ApiOp({
    summary: 'List a lot',
    description:
      'From a batch at a market warehouse: `quantityBase` (base units, a whole number of the `saleUnit`) is reserved and allocated from the batch. Prices are fen per sale unit; times may carry any offset and are answered in Beijing time.',
    answer: LotListedView,
    status: 201,
    errors: [
      'UNKNOWN_SKU',
      'UNKNOWN_WAREHOUSE',
      'NOT_FOUND',
      'INSUFFICIENT_STOCK',
      'BATCH_NOT_SELLABLE',
      'INVALID_STATE',
      'INVALID_DATES',
    ],
  })
  list(@Body() body: ListLotDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new LotsListCommand(body, ctx));
  }

  @Get()
  @Roles('buyer', 'operator')
  @ApiOp({
    summary: 'List lots',
    description:
      'Lots in a phase (scheduled, open, closing, sold, unsold), or all, with current price and masked leader.',
    answer: LotListView,
  })
  index(@Query() query: LotListQueryDto, @Ctx() ctx: RequestContext) {
    return this.queryBus.execute(new LotsIndexQuery(query, ctx));
  }

  @Get(':id')
  @Roles('buyer', 'operator')
  @ApiOp({
    summary: 'One lot',
    description: 'Current price, masked leader, closesAt, bid count; a buyer also sees its own standing and maximum.',
    answer: LotView,
    params: { id: 'lot id' },
    errors: ['NOT_FOUND'],
  })
  get(@Param('id') id: string, @Query() query: AfterQueryDto, @Ctx() ctx: RequestContext) {
    return this.queryBus.execute(new LotsGetQuery(id, query, ctx));
  }

  @Post(':id/bids')
  @Roles('buyer')
  @HttpCode(201)
  @ApiBidRefused()
  @ApiOp({
    summary: 'Bid on a lot',
    description:
      '201 `status: leading`, or 201 `status: outbid` when the bid was placed but the leader’s proxy answered it at once (the answer gives the price now and the leader’s alias). Refused: OUTBID (an earlier bid at that price leads), BID_TOO_LOW, CREDIT_EXCEEDED, NOT_OPEN, CUTOFF_PASSED.',
    answer: BidView,
    status: 201,
    params: { id: 'lot id' },
    errors: ['NOT_FOUND', 'OUTBID', 'BID_TOO_LOW', 'CREDIT_EXCEEDED', 'NOT_OPEN', 'CUTOFF_PASSED'],
  })
  bid(@Param('id') id: string, @Body() body: PlaceBidDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new LotsBidCommand(id, body, ctx));
  }
}
