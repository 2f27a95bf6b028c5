import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import {
  BatchTraceView,
  InspectionClearedView,
  ReceiptView,
  StockHistoryView,
  StockLevelListView,
  WriteOffView,
} from './operations.views';
import {
  CreateReceiptDto,
  InspectionClearanceDto,
  StockHistoryQueryDto,
  StockQueryDto,
  WriteOffDto,
} from './stock.dto';
import { StockReceiveCommand, StockWriteOffCommand, StockInspectionCommand } from './stock.commands';
import { StockStockQuery, StockHistoryQuery, StockTraceQuery } from './stock.queries';

/** The stock ledger: receipts, levels, history, write-offs, inspections and batch traces (operators only). */
@ApiTags('stock')
@ApiBearerAuth()
@Roles('operator')
@Controller()
export class StockController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post('receipts')
  @HttpCode(201)
  @ApiOp({
    summary: 'Receive stock',
    description:
      'Produce into a warehouse as a new batch (收购入库): `quantityBase` base units, valued at `costFen` per `costPerBase` (default: the SKU’s cost).',
    answer: ReceiptView,
    status: 201,
    errors: [
      'UNKNOWN_SKU',
      'UNKNOWN_WAREHOUSE',
      'UNKNOWN_PRODUCER',
      'NOT_FOUND',
      'INVALID_DATES',
      'ALREADY_EXISTS',
      'INVALID_STATE',
    ],
  })
  receive(@Body() body: CreateReceiptDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new StockReceiveCommand(body, ctx));
  }

  @Get('stock')
  @ApiOp({
    summary: 'Stock levels',
    description:
      'On hand, reserved, allocated and available (base units) per SKU and warehouse, with batches first-expiry-first and holds.',
    answer: StockLevelListView,
  })
  stock(@Query() query: StockQueryDto, @Ctx() ctx: RequestContext) {
    return this.queryBus.execute(new StockStockQuery(query, ctx));
  }

  @Get('stock/history')
  @ApiOp({
    summary: 'Stock history',
    description:
      'The ledger of one SKU at one warehouse from the log, and the position as of `asOf` (a date alone: the end of that day in Beijing).',
    answer: StockHistoryView,
  })
  history(@Query() query: StockHistoryQueryDto, @Ctx() ctx: RequestContext) {
    return this.queryBus.execute(new StockHistoryQuery(query, ctx));
  }

  @Post('write-offs')
  @HttpCode(201)
  @ApiOp({
    summary: 'Write off stock',
    description:
      'Spoiled, expired or damaged stock of one batch (损耗), `quantityBase` base units; the answer values it at the batch’s cost (`valueFen`).',
    answer: WriteOffView,
    status: 201,
    errors: ['INSUFFICIENT_STOCK', 'NOT_FOUND', 'INVALID_STATE'],
  })
  writeOff(@Body() body: WriteOffDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new StockWriteOffCommand(body, ctx));
  }

  @Post('batches/:batchId/inspection')
  @HttpCode(200)
  @ApiOp({
    summary: 'Record an inspection',
    description: 'A new inspection result for a batch; a pass makes it sellable.',
    answer: InspectionClearedView,
    params: { batchId: 'batch id (B-…)' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
  })
  inspection(@Param('batchId') batchId: string, @Body() body: InspectionClearanceDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new StockInspectionCommand(batchId, body, ctx));
  }

  @Get('batches/:batchId/trace')
  @ApiOp({
    summary: 'Batch trace',
    description:
      'Traceability (溯源): a batch’s origin, latest inspection and every movement across warehouses and holders, in base units.',
    answer: BatchTraceView,
    params: { batchId: 'batch id (B-…)' },
    errors: ['NOT_FOUND'],
  })
  trace(@Param('batchId') batchId: string, @Query() query: AfterQueryDto) {
    return this.queryBus.execute(new StockTraceQuery(batchId, query));
  }
}
