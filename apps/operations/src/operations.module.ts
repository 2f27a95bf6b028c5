import { Module } from '@nestjs/common';
import { BuyerDirectoryModule, CatalogModule, CountingModule, DayDeadlinesModule, DesignatedCountiesModule, IdentityModule, IntegrityModule, KernelModule, MeController, ProjectionAdminModule, StockModule, UserDirectoryModule, WriteOffLogModule } from '@gx/application';
import { PlatformModule } from '@gx/platform';
import { BuyersController } from './buyers.controller';
import { PartiesController } from './parties.controller';
import { CatalogController } from './catalog.controller';
import { CountsController } from './counts.controller';
import { DeadlinesController } from './deadlines.controller';
import { DesignatedCountiesController } from './designated-counties.controller';
import { ProjectionsController } from './projections.controller';
import { ReportsController } from './reports.controller';
import { ReservationsController } from './reservations.controller';
import { StockReportsController } from './stock-reports.controller';
import { StockController } from './stock.controller';
import { TransfersController } from './transfers.controller';
import { WriteOffsController } from './write-offs.controller';
import { UsersController } from './users.controller';
import { PeopleController } from './people.controller';

/** 运营后台: master data, the stock ledger and projection admin, for operators. */
@Module({
  imports: [PlatformModule.forRoot({ app: 'operations', login: true }), KernelModule.forRoot(), IdentityModule, CatalogModule, StockModule, ProjectionAdminModule, IntegrityModule, CountingModule, DayDeadlinesModule, WriteOffLogModule, DesignatedCountiesModule, UserDirectoryModule, BuyerDirectoryModule],
  controllers: [
    MeController,
    CatalogController,
    PartiesController,
    StockController,
    TransfersController,
    ReservationsController,
    StockReportsController,
    CountsController,
    ReportsController,
    DeadlinesController,
    WriteOffsController,
    ProjectionsController,
    DesignatedCountiesController,
    UsersController,
    BuyersController,
    PeopleController,
  ],
})
export class OperationsModule {}
