import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, StockCommands, StockDesk, StockQueries } from '@gx/application';
import { asOfInstant } from '@gx/domain';
import { ApiOp, ProblemException, Ctx, Roles, type RequestContext } from '@gx/platform';
import { BatchTraceView, InspectionClearedView, ReceiptView, StockHistoryView, StockLevelListView, WriteOffView } from './operations.views';
import { CreateReceiptDto, InspectionClearanceDto, StockHistoryQueryDto, StockQueryDto, WriteOffDto } from './stock.dto';

/** The stock ledger: receipts, levels, history, write-offs, inspections and batch traces (operators only). */
@ApiTags('stock')
@ApiBearerAuth()
@Roles('operator')
@Controller()
export class StockController {
  constructor(
    private readonly commands: StockCommands,
    private readonly desk: StockDesk,
    private readonly queries: StockQueries,
  ) {}

  @Post('receipts')
  @HttpCode(201)
  @ApiOp({
    summary: 'Receive stock',
    description: 'Produce into a warehouse as a new batch (收购入库): `quantityBase` base units, valued at `costFen` per `costPerBase` (default: the SKU’s cost).',
    answer: ReceiptView,
    status: 201,
    errors: ['UNKNOWN_SKU', 'UNKNOWN_WAREHOUSE', 'UNKNOWN_PRODUCER', 'NOT_FOUND', 'INVALID_DATES', 'ALREADY_EXISTS', 'INVALID_STATE'],
  })
  async receive(@Body() body: CreateReceiptDto, @Ctx() ctx: RequestContext) {
    const { quantityBase, costFen, costPerBase, ...rest } = body;
    if ((costFen === undefined) !== (costPerBase === undefined)) {
      const message = 'give costFen and costPerBase together, or neither';
      throw new ProblemException(400, 'VALIDATION_FAILED', `Invalid request: ${message}`, { errors: [{ field: costFen === undefined ? 'costFen' : 'costPerBase', message }] });
    }
    const cost = costFen !== undefined && costPerBase !== undefined ? { cost: { fen: costFen, per: costPerBase } } : {};
    const { quantity, ...out } = await this.commands.receive({ ...rest, quantity: quantityBase, ...cost }, commandContextOf(ctx, 'receive-stock'));
    return { ...out, baseUnit: await this.desk.baseUnitOf(body.sku), quantityBase: quantity };
  }

  @Get('stock')
  @ApiOp({ summary: 'Stock levels', description: 'On hand, reserved, allocated and available (base units) per SKU and warehouse, with batches first-expiry-first and holds.', answer: StockLevelListView })
  async stock(@Query() query: StockQueryDto, @Ctx() ctx: RequestContext) {
    return { items: await this.queries.levels(query, ctx.now) };
  }

  @Get('stock/history')
  @ApiOp({ summary: 'Stock history', description: 'The ledger of one SKU at one warehouse from the log, and the position as of `asOf` (a date alone: the end of that day in Beijing).', answer: StockHistoryView })
  history(@Query() query: StockHistoryQueryDto, @Ctx() ctx: RequestContext) {
    return this.queries.history({ sku: query.sku, warehouse: query.warehouse, asOf: query.asOf ? asOfInstant(query.asOf) : undefined }, ctx.now);
  }

  @Post('write-offs')
  @HttpCode(201)
  @ApiOp({ summary: 'Write off stock', description: 'Spoiled, expired or damaged stock of one batch (损耗), `quantityBase` base units; the answer values it at the batch’s cost (`valueFen`).', answer: WriteOffView, status: 201, errors: ['INSUFFICIENT_STOCK', 'NOT_FOUND', 'INVALID_STATE'] })
  writeOff(@Body() body: WriteOffDto, @Ctx() ctx: RequestContext) {
    const { sku, warehouse, ...rest } = body;
    return this.desk.writeOff({ sku, warehouse }, rest, commandContextOf(ctx, 'write-off'));
  }

  @Post('batches/:batchId/inspection')
  @HttpCode(200)
  @ApiOp({ summary: 'Record an inspection', description: 'A new inspection result for a batch; a pass makes it sellable.', answer: InspectionClearedView, params: { batchId: 'batch id (B-…)' }, errors: ['NOT_FOUND', 'INVALID_STATE'] })
  async inspection(@Param('batchId') batchId: string, @Body() body: InspectionClearanceDto, @Ctx() ctx: RequestContext) {
    const out = await this.commands.clearInspection(
      { sku: body.sku, warehouse: body.warehouse },
      { batchId, inspection: body.inspection },
      commandContextOf(ctx, 'clear-inspection'),
    );
    return { batchId, inspection: body.inspection, position: out.position };
  }

  @Get('batches/:batchId/trace')
  @ApiOp({ summary: 'Batch trace', description: 'Traceability (溯源): a batch’s origin, latest inspection and every movement across warehouses and holders, in base units.', answer: BatchTraceView, params: { batchId: 'batch id (B-…)' }, errors: ['NOT_FOUND'] })
  async trace(@Param('batchId') batchId: string, @Query() query: AfterQueryDto) {
    const trace = await this.queries.trace(batchId, query.after);
    if (!trace) throw new NotFoundException(`no batch ${batchId}`);
    return trace;
  }
}
