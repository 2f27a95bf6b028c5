import { Module } from '@nestjs/common';
import {
  BuyerDirectoryModule,
  CatalogModule,
  CountingModule,
  DayDeadlinesModule,
  DesignatedCountiesModule,
  IdentityModule,
  IntegrityModule,
  KernelModule,
  MeController,
  ProjectionAdminModule,
  StockModule,
  UserDirectoryModule,
  WriteOffLogModule,
} from '@gx/application';
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
import { BUYERS_QUERY_HANDLERS } from './buyers.queries';
import { CATALOG_COMMAND_HANDLERS } from './catalog.commands';
import { CATALOG_QUERY_HANDLERS } from './catalog.queries';
import { COUNTS_COMMAND_HANDLERS } from './counts.commands';
import { COUNTS_QUERY_HANDLERS } from './counts.queries';
import { DEADLINES_QUERY_HANDLERS } from './deadlines.queries';
import { DESIGNATED_COUNTIES_COMMAND_HANDLERS } from './designated-counties.commands';
import { DESIGNATED_COUNTIES_QUERY_HANDLERS } from './designated-counties.queries';
import { PARTIES_COMMAND_HANDLERS } from './parties.commands';
import { PARTIES_QUERY_HANDLERS } from './parties.queries';
import { PEOPLE_COMMAND_HANDLERS } from './people.commands';
import { PROJECTIONS_COMMAND_HANDLERS } from './projections.commands';
import { PROJECTIONS_QUERY_HANDLERS } from './projections.queries';
import { REPORTS_QUERY_HANDLERS } from './reports.queries';
import { RESERVATIONS_COMMAND_HANDLERS } from './reservations.commands';
import { STOCK_REPORTS_QUERY_HANDLERS } from './stock-reports.queries';
import { STOCK_COMMAND_HANDLERS } from './stock.commands';
import { STOCK_QUERY_HANDLERS } from './stock.queries';
import { TRANSFERS_COMMAND_HANDLERS } from './transfers.commands';
import { TRANSFERS_QUERY_HANDLERS } from './transfers.queries';
import { USERS_COMMAND_HANDLERS } from './users.commands';
import { USERS_QUERY_HANDLERS } from './users.queries';
import { WRITE_OFFS_QUERY_HANDLERS } from './write-offs.queries';

/** 运营后台: master data, the stock ledger and projection admin, for operators. */
@Module({
  imports: [
    PlatformModule.forRoot({ app: 'operations', login: true }),
    KernelModule.forRoot(),
    IdentityModule,
    CatalogModule,
    StockModule,
    ProjectionAdminModule,
    IntegrityModule,
    CountingModule,
    DayDeadlinesModule,
    WriteOffLogModule,
    DesignatedCountiesModule,
    UserDirectoryModule,
    BuyerDirectoryModule,
  ],
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
  // The handlers of the commands and queries the controllers send (CommandBus, QueryBus).
  providers: [
    ...BUYERS_QUERY_HANDLERS,
    ...CATALOG_COMMAND_HANDLERS,
    ...CATALOG_QUERY_HANDLERS,
    ...COUNTS_COMMAND_HANDLERS,
    ...COUNTS_QUERY_HANDLERS,
    ...DEADLINES_QUERY_HANDLERS,
    ...DESIGNATED_COUNTIES_COMMAND_HANDLERS,
    ...DESIGNATED_COUNTIES_QUERY_HANDLERS,
    ...PARTIES_COMMAND_HANDLERS,
    ...PARTIES_QUERY_HANDLERS,
    ...PEOPLE_COMMAND_HANDLERS,
    ...PROJECTIONS_COMMAND_HANDLERS,
    ...PROJECTIONS_QUERY_HANDLERS,
    ...REPORTS_QUERY_HANDLERS,
    ...RESERVATIONS_COMMAND_HANDLERS,
    ...STOCK_REPORTS_QUERY_HANDLERS,
    ...STOCK_COMMAND_HANDLERS,
    ...STOCK_QUERY_HANDLERS,
    ...TRANSFERS_COMMAND_HANDLERS,
    ...TRANSFERS_QUERY_HANDLERS,
    ...USERS_COMMAND_HANDLERS,
    ...USERS_QUERY_HANDLERS,
    ...WRITE_OFFS_QUERY_HANDLERS,
  ],
})
export class OperationsModule {}
