import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, AuctionQueries, SaleCommands } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { SaleListView, SaleView, SettledView } from './wholesale.views';
import { requireOperatorOrBuyer, viewerOf } from './viewer';
import { SaleListQueryDto, SettleSaleDto } from './wholesale.dto';

/** Sale orders of won lots: stock issued to the winner, payment due, settlement recorded by operators. */
@ApiTags('sales')
@ApiBearerAuth()
@Controller('sales')
export class SalesController {
  constructor(
    private readonly sales: SaleCommands,
    private readonly queries: AuctionQueries,
  ) {}

  @Get()
  @Roles('buyer', 'operator')
  @ApiOp({ summary: 'List sales', description: 'Sales of won lots, newest first: operators see all (or one buyer’s), a buyer its own.', answer: SaleListView })
  async index(@Query() query: SaleListQueryDto, @Ctx() ctx: RequestContext) {
    const viewer = viewerOf(ctx.user);
    const buyerId = viewer.operator ? query.buyer : viewer.buyerId;
    if (!viewer.operator && !buyerId) return { items: [] };
    return { items: await this.queries.sales({ buyerId, status: query.status, after: query.after }) };
  }

  @Get(':id')
  @Roles('buyer', 'operator')
  @ApiOp({ summary: 'One sale', description: 'Operators, or its buyer (anyone else NOT_FOUND).', answer: SaleView, params: { id: 'sale id' }, errors: ['NOT_FOUND'] })
  async get(@Param('id') id: string, @Query() query: AfterQueryDto, @Ctx() ctx: RequestContext) {
    const sale = await this.queries.sale(id, query.after);
    if (!sale) throw new NotFoundException(`no sale ${id}`);
    requireOperatorOrBuyer(ctx.user, sale.buyerId, `no sale ${id}`);
    return sale;
  }

  @Post(':id/settle')
  @Roles('operator')
  @HttpCode(200)
  @ApiOp({ summary: 'Settle a sale', description: 'Record a settlement (bank transfer, cash, offset against credit) in fen; the buyer’s receivable falls by it.', answer: SettledView, params: { id: 'sale id' }, errors: ['NOT_FOUND', 'INVALID_STATE', 'ALREADY_DECIDED'] })
  settle(@Param('id') id: string, @Body() body: SettleSaleDto, @Ctx() ctx: RequestContext) {
    return this.sales.settle(id, body, commandContextOf(ctx, `settle:${id}`));
  }
}
