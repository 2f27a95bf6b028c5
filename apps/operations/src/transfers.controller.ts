import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, StockDesk, StockQueries } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { TransferListView, TransferMovedView, TransferView } from './operations.views';
import { TransferDto, TransferListQueryDto, TransferReceiptDto } from './stock.dto';

/** Stock moving between warehouses: out at one, in transit, in at the other (operators only). */
@ApiTags('transfers')
@ApiBearerAuth()
@Roles('operator')
@Controller('transfers')
export class TransfersController {
  constructor(
    private readonly desk: StockDesk,
    private readonly queries: StockQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOp({ summary: 'Send a transfer', description: 'Free, sellable stock first-expiry-first (`quantityBase` base units); it is in transit until received. The answer is the transfer as GET shows it.', answer: TransferMovedView, status: 201, errors: ['INSUFFICIENT_STOCK', 'UNKNOWN_WAREHOUSE', 'UNKNOWN_SKU', 'NOT_FOUND', 'INVALID_STATE'] })
  send(@Body() body: TransferDto, @Ctx() ctx: RequestContext) {
    return this.desk.send(body, commandContextOf(ctx, 'transfer-out'));
  }

  @Get()
  @ApiOp({ summary: 'List transfers', description: 'Newest first; with `warehouse`, those leaving or reaching it.', answer: TransferListView })
  async list(@Query() query: TransferListQueryDto) {
    return { items: await this.queries.transfers(query) };
  }

  @Get(':id')
  @ApiOp({ summary: 'One transfer', answer: TransferView, params: { id: 'transfer id (T-…)' }, errors: ['NOT_FOUND'] })
  async get(@Param('id') id: string, @Query() query: AfterQueryDto) {
    const transfer = await this.queries.transfer(id, query.after);
    if (!transfer) throw new NotFoundException(`no transfer ${id}`);
    return transfer;
  }

  @Post(':id/receive')
  @HttpCode(200)
  @ApiOp({
    summary: 'Receive a transfer',
    description: 'At its destination, per batch in base units (`quantityBase`; absent: everything sent arrived). Batches keep their identity; shortfalls are recorded as lost in transit.',
    answer: TransferMovedView,
    params: { id: 'transfer id (T-…)' },
    errors: ['NOT_FOUND', 'ALREADY_DECIDED', 'INVALID_STATE', 'UNKNOWN_BATCH'],
  })
  async receive(@Param('id') id: string, @Body() body: TransferReceiptDto, @Query() query: AfterQueryDto, @Ctx() ctx: RequestContext) {
    const transfer = await this.queries.transferDoc(id, query.after);
    if (!transfer) throw new NotFoundException(`no transfer ${id}`);
    return this.desk.receive(transfer, body.received, commandContextOf(ctx, `transfer-in:${id}`));
  }
}
