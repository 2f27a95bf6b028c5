import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { SaleListView, SaleView, SettledView } from './wholesale.views';
import { SaleListQueryDto, SettleSaleDto } from './wholesale.dto';
import { SalesSettleCommand } from './sales.commands';
import { SalesIndexQuery, SalesGetQuery } from './sales.queries';

/** Sale orders of won lots: stock issued to the winner, payment due, settlement recorded by operators. */
@ApiTags('sales')
@ApiBearerAuth()
@Controller('sales')
export class SalesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @Roles('buyer', 'operator')
  @ApiOp({
    summary: 'List sales',
    description: 'Sales of won lots, newest first: operators see all (or one buyer’s), a buyer its own.',
    answer: SaleListView,
  })
  index(@Query() query: SaleListQueryDto, @Ctx() ctx: RequestContext) {
    return this.queryBus.execute(new SalesIndexQuery(query, ctx));
  }

  @Get(':id')
  @Roles('buyer', 'operator')
  @ApiOp({
    summary: 'One sale',
    description: 'Operators, or its buyer (anyone else NOT_FOUND).',
    answer: SaleView,
    params: { id: 'sale id' },
    errors: ['NOT_FOUND'],
  })
  get(@Param('id') id: string, @Query() query: AfterQueryDto, @Ctx() ctx: RequestContext) {
    return this.queryBus.execute(new SalesGetQuery(id, query, ctx));
  }

  @Post(':id/settle')
  @Roles('operator')
  @HttpCode(200)
  @ApiOp({
    summary: 'Settle a sale',
    description:
      'Record a settlement (bank transfer, cash, offset against credit) in fen; the buyer’s receivable falls by it.',
    answer: SettledView,
    params: { id: 'sale id' },
    errors: ['NOT_FOUND', 'INVALID_STATE', 'ALREADY_DECIDED'],
  })
  settle(@Param('id') id: string, @Body() body: SettleSaleDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new SalesSettleCommand(id, body, ctx));
  }
}
