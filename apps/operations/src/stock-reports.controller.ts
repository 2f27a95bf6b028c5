import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IntegrityService, StockQueries } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
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

  /** Batches with stock that expire within `days` days (expired ones included, first). */
  @Get('reports/expiring')
  async expiring(@Query() query: ExpiringQueryDto, @Ctx() ctx: RequestContext) {
    return { items: await this.queries.expiring(query, ctx.now) };
  }

  /** Reservations older than `hours` hours (stuck holds). */
  @Get('reports/stuck-reservations')
  async stuck(@Query() query: StuckQueryDto, @Ctx() ctx: RequestContext) {
    return { items: await this.queries.stuckReservations(query, ctx.now) };
  }

  /** Every read model checked against a fresh fold of the log, listing any disagreement. */
  @Get('integrity')
  check(@Ctx() ctx: RequestContext) {
    return this.integrity.check(ctx.now);
  }
}
