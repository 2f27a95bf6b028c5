import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, StockCommands, StockQueries } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
import { TransferDto, TransferListQueryDto, TransferReceiptDto } from './stock.dto';

/** Stock moving between warehouses: out at one, in transit, in at the other (operators only). */
@ApiTags('transfers')
@ApiBearerAuth()
@Roles('operator')
@Controller('transfers')
export class TransfersController {
  constructor(
    private readonly commands: StockCommands,
    private readonly queries: StockQueries,
  ) {}

  /** Send free, sellable stock first-expiry-first; it is in transit until received. */
  @Post()
  @HttpCode(201)
  async send(@Body() body: TransferDto, @Ctx() ctx: RequestContext) {
    const out = await this.commands.transferOut(
      { sku: body.sku, warehouse: body.from },
      { to: body.to, quantity: body.quantity },
      commandContextOf(ctx, 'transfer-out'),
    );
    const sent = out.events.find((e) => e.type === 'StockTransferredOut');
    const picks = sent?.type === 'StockTransferredOut' ? sent.data.picks.map(({ batchId, quantity }) => ({ batchId, quantity })) : [];
    return { transferId: out.transferId, ...body, status: 'in_transit', picks, position: out.position };
  }

  @Get()
  async list(@Query() query: TransferListQueryDto) {
    return { items: await this.queries.transfers(query) };
  }

  @Get(':id')
  async get(@Param('id') id: string, @Query() query: AfterQueryDto) {
    const transfer = await this.queries.transfer(id, query.after);
    if (!transfer) throw new NotFoundException(`no transfer ${id}`);
    return transfer;
  }

  /** Receive a transfer at its destination; batches keep their identity, shortfalls are recorded as lost in transit. */
  @Post(':id/receive')
  @HttpCode(200)
  async receive(@Param('id') id: string, @Body() body: TransferReceiptDto, @Query() query: AfterQueryDto, @Ctx() ctx: RequestContext) {
    const transfer = await this.queries.transfer(id, query.after);
    if (!transfer) throw new NotFoundException(`no transfer ${id}`);
    const out = await this.commands.transferIn(transfer, body.received, commandContextOf(ctx, `transfer-in:${id}`));
    const arrived = out.events.find((e) => e.type === 'StockTransferredIn');
    const lost = arrived?.type === 'StockTransferredIn' ? arrived.data.lost : [];
    return { transferId: id, status: 'received', lost, position: out.position };
  }
}
