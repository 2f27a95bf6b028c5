import { Module } from '@nestjs/common';
import { CatalogModule, CountingModule, IdentityModule, IntegrityModule, KernelModule, ProjectionAdminModule, StockModule } from '@gx/application';
import { PlatformModule } from '@gx/platform';
import { CatalogController } from './catalog.controller';
import { CountsController } from './counts.controller';
import { ProjectionsController } from './projections.controller';
import { ReportsController } from './reports.controller';
import { ReservationsController } from './reservations.controller';
import { StockReportsController } from './stock-reports.controller';
import { StockController } from './stock.controller';
import { TransfersController } from './transfers.controller';

/** 运营后台: master data, the stock ledger and projection admin, for operators. */
@Module({
  imports: [PlatformModule.forRoot({ app: 'operations', login: true }), KernelModule.forRoot(), IdentityModule, CatalogModule, StockModule, ProjectionAdminModule, IntegrityModule, CountingModule],
  controllers: [
    CatalogController,
    StockController,
    TransfersController,
    ReservationsController,
    StockReportsController,
    CountsController,
    ReportsController,
    ProjectionsController,
  ],
})
export class OperationsModule {}
