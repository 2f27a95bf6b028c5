import { Module } from '@nestjs/common';
import { AuctionModule } from '../auction/auction.module';
import { CatalogModule } from '../catalog/catalog.module';
import { CountingModule } from '../counting/counting.module';
import { GroupBuyModule } from '../group-buy/group-buy.module';
import { UserDirectoryModule } from '../identity/user-directory';
import { KitchenContextModule } from '../kitchen/kitchen.module';
import { StockModule } from '../stock/stock.module';
import { WriteOffLogModule } from '../stock/write-off-log';

/**
 * Every business area's module, so that discovery (`Declarations`) finds all the projections and
 * worker tasks they declare: imported where every one of them matters (the worker's projection host
 * and background host, the projection admin, the integrity check). A new area adds its module here
 * once; a new projection or worker task in an existing area is only declared and registered in its module.
 */
@Module({
  imports: [
    CatalogModule,
    StockModule,
    WriteOffLogModule,
    CountingModule,
    GroupBuyModule,
    AuctionModule,
    KitchenContextModule,
    UserDirectoryModule,
  ],
})
export class AllAreasModule {}
