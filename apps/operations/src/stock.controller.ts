import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { commandContextOf, StockCommands, StockQueries } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
import { CreateReceiptDto, StockQueryDto } from './stock.dto';

/** The stock ledger: receipts and stock levels (operators only). */
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

  /** On hand, reserved and available per SKU and warehouse, with batches first-expiry-first. */
  @Get('stock')
  async stock(@Query() query: StockQueryDto, @Ctx() ctx: RequestContext) {
    return { items: await this.queries.levels(query, ctx.now) };
  }
}
