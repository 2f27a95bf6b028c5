import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { StockModule } from '../stock/stock.module';
import { AuctionCredit } from './auction-credit';
import { AuctionDemoSeeder } from './auction-demo';
import { AuctionFulfilment } from './auction-fulfilment';
import { AuctionProjection } from './auction.projection';
import { AuctionQueries } from './auction.queries';
import { AuctionWorkerTasks } from './auction.worker-tasks';
import { BidCommands } from './bid.commands';
import { BuyerCommands } from './buyer.commands';
import { LiveBoard } from './live-board';
import { LotCommands } from './lot.commands';
import { MarketBatches } from './market-batches';
import { SaleCommands } from './sale.commands';

const PROVIDERS = [
  LotCommands,
  BidCommands,
  BuyerCommands,
  SaleCommands,
  AuctionQueries,
  MarketBatches,
  LiveBoard,
  AuctionCredit,
  AuctionFulfilment,
  AuctionWorkerTasks,
  AuctionDemoSeeder,
];

/**
 * Wholesale lot auctions (projection: auctionProjection; process managers and deadlines:
 * AuctionWorkerTasks, in the worker; the live board subscribes lazily, in the app serving it).
 */
@Module({ imports: [CatalogModule, StockModule], providers: [...PROVIDERS, AuctionProjection], exports: PROVIDERS })
export class AuctionModule {}
