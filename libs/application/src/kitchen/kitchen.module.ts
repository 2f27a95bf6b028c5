import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { StockModule } from '../stock/stock.module';
import { ContractCommands } from './contract.commands';
import { DeliveryCommands, StatementCommands } from './delivery.commands';
import { BatchSources, DesignatedCountiesModule } from './designated-counties';
import { KitchenDemoSeeder } from './kitchen-demo';
import { KitchenFulfilment } from './kitchen-fulfilment';
import { KitchenProjection } from './kitchen.projection';
import { KitchenQueries } from './kitchen.queries';
import { KitchenViews } from './kitchen.views';
import { KitchenWorkerTasks } from './kitchen.worker-tasks';
import { StandingOrderCommands } from './standing-order.commands';
import { SubstituteFinder } from './substitutes';

/**
 * The kitchen context (中央厨房): contracts, standing orders, deliveries and statements.
 * Projection: kitchenProjection; cut-off deadlines and fulfilment: KitchenWorkerTasks, in the worker.
 */
@Module({
  imports: [CatalogModule, StockModule, DesignatedCountiesModule],
  providers: [
    ContractCommands,
    StandingOrderCommands,
    DeliveryCommands,
    StatementCommands,
    KitchenQueries,
    KitchenViews,
    SubstituteFinder,
    BatchSources,
    KitchenFulfilment,
    KitchenWorkerTasks,
    KitchenDemoSeeder,
    KitchenProjection,
  ],
  exports: [
    ContractCommands,
    StandingOrderCommands,
    DeliveryCommands,
    StatementCommands,
    KitchenQueries,
    KitchenViews,
    DesignatedCountiesModule,
    KitchenWorkerTasks,
    KitchenDemoSeeder,
  ],
})
export class KitchenContextModule {}
