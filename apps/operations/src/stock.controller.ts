import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, StockCommands, StockQueries } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
import { CreateReceiptDto, InspectionClearanceDto, StockHistoryQueryDto, StockQueryDto, WriteOffDto } from './stock.dto';

/** The stock ledger: receipts, levels, history, write-offs, inspections and batch traces (operators only). */
@ApiTags('stock')
@ApiBearerAuth()
@Roles('operator')
@Controller()
export class StockController {
  constructor(
    private readonly commands: StockCommands,
    private readonly queries: StockQueries,
  ) {}

  /** Receive produce into a warehouse as a new batch (收购入库). */
  @Post('receipts')
  @HttpCode(201)
  receive(@Body() body: CreateReceiptDto, @Ctx() ctx: RequestContext) {
    return this.commands.receive(body, commandContextOf(ctx, 'receive-stock'));
  }

  /** On hand, reserved, allocated and available per SKU and warehouse, with batches first-expiry-first. */
  @Get('stock')
  async stock(@Query() query: StockQueryDto, @Ctx() ctx: RequestContext) {
    return { items: await this.queries.levels(query, ctx.now) };
  }

  /** The ledger of one SKU at one warehouse from the log, and the position as of `asOf`. */
  @Get('stock/history')
  history(@Query() query: StockHistoryQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.history({ sku: query.sku, warehouse: query.warehouse, asOf: query.asOf ? new Date(query.asOf) : undefined }, ctx.now);
  }

  /** Write off spoiled, expired or damaged stock of one batch (损耗). */
  @Post('write-offs')
  @HttpCode(201)
  async writeOff(@Body() body: WriteOffDto, @Ctx() ctx: RequestContext) {
    const { sku, warehouse, ...rest } = body;
    const out = await this.commands.writeOff({ sku, warehouse }, rest, commandContextOf(ctx, 'write-off'));
    return { ...body, value: valueOf(out.events), position: out.position };
  }

  /** Record a new inspection result for a batch; a pass makes it sellable. */
  @Post('batches/:batchId/inspection')
  @HttpCode(200)
  async inspection(@Param('batchId') batchId: string, @Body() body: InspectionClearanceDto, @Ctx() ctx: RequestContext) {
    const out = await this.commands.clearInspection(
      { sku: body.sku, warehouse: body.warehouse },
      { batchId, inspection: body.inspection },
      commandContextOf(ctx, 'clear-inspection'),
    );
    return { batchId, inspection: body.inspection, position: out.position };
  }

  /** Traceability (溯源): a batch's origin and every movement, across warehouses and holders. */
  @Get('batches/:batchId/trace')
  async trace(@Param('batchId') batchId: string, @Query() query: AfterQueryDto) {
    const trace = await this.queries.trace(batchId, query.after);
    if (!trace) throw new NotFoundException(`no batch ${batchId}`);
    return trace;
  }
}

const valueOf = (events: Array<{ type: string; data: unknown }>): number | undefined =>
  (events.find((e) => e.type === 'StockWrittenOff')?.data as { value?: number } | undefined)?.value;
