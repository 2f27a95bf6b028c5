import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CountQueries } from '@gx/application';
import { ApiOp, Roles } from '@gx/platform';
import { VarianceReportView } from './operations.views';
import { VarianceQueryDto } from './counts.dto';

/** Reconciliation reports (operators only). */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('operator')
@Controller('reports')
export class ReportsController {
  constructor(private readonly counts: CountQueries) {}

  @Get('variances')
  @ApiOp({ summary: 'Variance report', description: 'Receipts, transfers in, write-offs, count gains/losses and losses in transit at cost (fen) per warehouse, SKU and business month (Asia/Shanghai), with the shrinkage rate.', answer: VarianceReportView })
  variances(@Query() query: VarianceQueryDto) {
    return this.counts.variances(query);
  }
}
