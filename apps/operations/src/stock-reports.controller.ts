import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IntegrityService, StockQueries } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { ExpiringListView, IntegrityView, StuckHoldListView } from './operations.views';
import { ExpiringQueryDto, StuckQueryDto } from './stock.dto';

/** Stock reports and the ledger integrity check (operators only). */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('operator')
@Controller()
export class StockReportsController {
  constructor(
    private readonly queries: StockQueries,
    private readonly integrity: IntegrityService,
  ) {}

  @Get('reports/expiring')
  @ApiOp({ summary: 'Expiring batches', description: 'Batches with stock that expire within `days` days (Beijing dates; expired ones included, first).', answer: ExpiringListView })
  async expiring(@Query() query: ExpiringQueryDto, @Ctx() ctx: RequestContext) {
    return { items: await this.queries.expiring(query, ctx.now) };
  }

  @Get('reports/stuck-reservations')
  @ApiOp({ summary: 'Stuck reservations', description: 'Holds older than `hours` hours that nobody allocated, issued or released.', answer: StuckHoldListView })
  async stuck(@Query() query: StuckQueryDto, @Ctx() ctx: RequestContext) {
    return { items: await this.queries.stuckReservations(query, ctx.now) };
  }

  @Get('integrity')
  @ApiOp({ summary: 'Integrity check', description: 'Every read model checked against a fresh fold of the log, listing any disagreement.', answer: IntegrityView, errors: ['STORE_UNAVAILABLE'] })
  check(@Ctx() ctx: RequestContext) {
    return this.integrity.check(ctx.now);
  }
}
