import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { StockCommands } from './stock.commands';
import { StockDesk } from './stock.desk';
import { StockProjection } from './stock.projection';
import { StockQueries } from './stock.queries';

/** Stock ledger use cases (projection: stockProjection, run by the worker). */
@Module({
  imports: [CatalogModule],
  providers: [StockCommands, StockQueries, StockDesk, StockProjection],
  exports: [StockCommands, StockQueries, StockDesk],
})
export class StockModule {}
