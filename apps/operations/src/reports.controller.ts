import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CountQueries } from '@gx/application';
import { Roles } from '@gx/platform';
import { VarianceQueryDto } from './counts.dto';

/** Reconciliation reports (operators only). */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('operator')
@Controller('reports')
export class ReportsController {
  constructor(private readonly counts: CountQueries) {}

  /** Receipts, write-offs and count gains/losses at cost per warehouse, SKU and month, with the shrinkage rate. */
  @Get('variances')
  variances(@Query() query: VarianceQueryDto) {
    return this.counts.variances(query);
  }
}
