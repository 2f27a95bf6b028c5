import { Module } from '@nestjs/common';
import { IdentityModule, KernelModule, AuctionModule, MeController } from '@gx/application';
import { PlatformModule } from '@gx/platform';
import { BuyersController } from './buyers.controller';
import { LiveController } from './live.controller';
import { LotControlsController } from './lot-controls.controller';
import { LotsController } from './lots.controller';
import { SalesController } from './sales.controller';

/** 批发市场: lot auctions with proxy bids and anti-sniping, buyers' credit, the live board and settlement. */
@Module({
  imports: [PlatformModule.forRoot({ app: 'wholesale', login: true }), KernelModule.forRoot(), IdentityModule, AuctionModule],
  controllers: [MeController, LotsController, LotControlsController, LiveController, BuyersController, SalesController],
})
export class WholesaleModule {}
