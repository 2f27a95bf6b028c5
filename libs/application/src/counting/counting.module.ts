import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { StockModule } from '../stock/stock.module';
import { CountCommands } from './count.commands';
import { CountAdjustments } from './count-adjustments';
import { CountQueries } from './counting.queries';
import { CountingWorkerTasks } from './counting.worker-tasks';
import { CountingProjection } from './counting.projection';

/** Stock counts and reconciliation (projection: countingProjection; process manager: CountingWorkerTasks, in the worker). */
@Module({
  imports: [CatalogModule, StockModule],
  providers: [CountCommands, CountQueries, CountAdjustments, CountingWorkerTasks, CountingProjection],
  exports: [CountCommands, CountQueries, CountingWorkerTasks],
})
export class CountingModule {}
