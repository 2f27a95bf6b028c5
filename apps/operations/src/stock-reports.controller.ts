import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { ExpiringListView, IntegrityView, StuckHoldListView } from './operations.views';
import { ExpiringQueryDto, StuckQueryDto } from './stock.dto';
import { StockReportsExpiringQuery, StockReportsStuckQuery, StockReportsCheckQuery } from './stock-reports.queries';

/** Stock reports and the ledger integrity check (operators only). */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('operator')
@Controller()
export class StockReportsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('reports/expiring')
  @ApiOp({
    summary: 'Expiring batches',
    description: 'Batches with stock that expire within `days` days (Beijing dates; expired ones included, first).',
    answer: ExpiringListView,
  })
  expiring(@Query() query: ExpiringQueryDto, @Ctx() ctx: RequestContext) {
    return this.queryBus.execute(new StockReportsExpiringQuery(query, ctx));
  }

  @Get('reports/stuck-reservations')
  @ApiOp({
    summary: 'Stuck reservations',
    description: 'Holds older than `hours` hours that nobody allocated, issued or released.',
    answer: StuckHoldListView,
  })
  stuck(@Query() query: StuckQueryDto, @Ctx() ctx: RequestContext) {
    return this.queryBus.execute(new StockReportsStuckQuery(query, ctx));
  }

  @Get('integrity')
  @ApiOp({
    summary: 'Integrity check',
    description: 'Every read model checked against a fresh fold of the log, listing any disagreement.',
    answer: IntegrityView,
    errors: ['STORE_UNAVAILABLE'],
  })
  check(@Ctx() ctx: RequestContext) {
    return this.queryBus.execute(new StockReportsCheckQuery(ctx));
  }
}
