import { Module } from '@nestjs/common';
import { CatalogModule, IdentityModule, KernelModule, ProjectionAdminModule, StockModule } from '@gx/application';
import { PlatformModule } from '@gx/platform';
import { CatalogController } from './catalog.controller';
import { ProjectionsController } from './projections.controller';
import { StockController } from './stock.controller';

/** 运营后台: master data, the stock ledger and projection admin, for operators. */
@Module({
  imports: [PlatformModule.forRoot({ app: 'operations', login: true }), KernelModule.forRoot(), IdentityModule, CatalogModule, StockModule, ProjectionAdminModule],
  controllers: [CatalogController, StockController, ProjectionsController],
})
export class OperationsModule {}
