import { Module } from '@nestjs/common';
import { AuctionModule } from '../auction/auction.module';
import { CatalogModule } from '../catalog/catalog.module';
import { GroupBuyModule } from '../group-buy/group-buy.module';
import { KitchenContextModule } from '../kitchen/kitchen.module';
import { StockModule } from '../stock/stock.module';
import { DemoSeeder } from './demo-seeder';

/** The embedded demo's seeder (used only when SEED_DEMO is on). */
@Module({
  imports: [CatalogModule, StockModule, GroupBuyModule, AuctionModule, KitchenContextModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
