import { Module } from '@nestjs/common';
import { IdentityModule, KernelModule, AuctionModule, MeController } from '@gx/application';
import { PlatformModule } from '@gx/platform';
import { BuyersController } from './buyers.controller';
import { LiveController } from './live.controller';
import { LotControlsController } from './lot-controls.controller';
import { LotsController } from './lots.controller';
import { SalesController } from './sales.controller';
import { BUYERS_COMMAND_HANDLERS } from './buyers.commands';
import { BUYERS_QUERY_HANDLERS } from './buyers.queries';
import { LOT_CONTROLS_COMMAND_HANDLERS } from './lot-controls.commands';
import { LOT_CONTROLS_QUERY_HANDLERS } from './lot-controls.queries';
import { LOTS_COMMAND_HANDLERS } from './lots.commands';
import { LOTS_QUERY_HANDLERS } from './lots.queries';
import { SALES_COMMAND_HANDLERS } from './sales.commands';
import { SALES_QUERY_HANDLERS } from './sales.queries';

/** 批发市场: lot auctions with proxy bids and anti-sniping, buyers' credit, the live board and settlement. */
@Module({
  imports: [
    PlatformModule.forRoot({ app: 'wholesale', login: true }),
    KernelModule.forRoot(),
    IdentityModule,
    AuctionModule,
  ],
  controllers: [MeController, LotsController, LotControlsController, LiveController, BuyersController, SalesController],
  // The handlers of the commands and queries the controllers send (CommandBus, QueryBus).
  providers: [
    ...BUYERS_COMMAND_HANDLERS,
    ...BUYERS_QUERY_HANDLERS,
    ...LOT_CONTROLS_COMMAND_HANDLERS,
    ...LOT_CONTROLS_QUERY_HANDLERS,
    ...LOTS_COMMAND_HANDLERS,
    ...LOTS_QUERY_HANDLERS,
    ...SALES_COMMAND_HANDLERS,
    ...SALES_QUERY_HANDLERS,
  ],
})
export class WholesaleModule {}
