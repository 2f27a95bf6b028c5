import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { StockModule } from '../stock/stock.module';
import { CountCommands } from './count.commands';
import { CountingWorkerTasks } from './counting.worker-tasks';
import { CountQueries } from './count.queries';
import { CountingProjection } from './counting.projection';

/** Stock counts and reconciliation (projection: countingProjection; process manager: CountingWorkerTasks, in the worker). */
@Module({
  imports: [CatalogModule, StockModule],
  providers: [CountCommands, CountQueries, CountingWorkerTasks, CountingProjection],
  exports: [CountCommands, CountQueries, CountingWorkerTasks],
})
export class CountingModule {}
