import { Module } from '@nestjs/common';
import { IdentityModule, KernelModule, KitchenContextModule, MeController } from '@gx/application';
import { PlatformModule } from '@gx/platform';
import { ContractsController } from './contracts.controller';
import { DeliveriesController } from './deliveries.controller';
import { SpendingController } from './spending.controller';
import { StandingOrdersController } from './standing-orders.controller';
import { StatementsController } from './statements.controller';

/**
 * 中央厨房: contracts, standing orders, deliveries and statements. Kitchens' purchasers and the
 * cooperative's operators both use this app: operators create contracts, answer shortage flags,
 * dispatch deliveries and record payments here, next to what the kitchens see.
 */
@Module({
  imports: [PlatformModule.forRoot({ app: 'kitchen', login: true }), KernelModule.forRoot(), IdentityModule, KitchenContextModule],
  controllers: [MeController, ContractsController, StandingOrdersController, DeliveriesController, StatementsController, SpendingController],
})
export class KitchenModule {}
