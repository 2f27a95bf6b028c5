import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOp, Roles } from '@gx/platform';
import { VarianceReportView } from './operations.views';
import { VarianceQueryDto } from './counts.dto';
import { ReportsVariancesQuery } from './reports.queries';

/** Reconciliation reports (operators only). */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('operator')
@Controller('reports')
export class ReportsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('variances')
  @ApiOp({
    summary: 'Variance report',
    description:
      'Receipts, transfers in, write-offs, count gains/losses and losses in transit at cost (fen) per warehouse, SKU and business month (Asia/Shanghai), with the shrinkage rate.',
    answer: VarianceReportView,
  })
  variances(@Query() query: VarianceQueryDto) {
    return this.queryBus.execute(new ReportsVariancesQuery(query));
  }
}
