import { Module } from '@nestjs/common';
import { GroupBuyModule, IdentityModule, KernelModule } from '@gx/application';
import { PlatformModule } from '@gx/platform';
import { CampaignsController } from './campaigns.controller';
import { OrdersController } from './orders.controller';
import { PaymentsController } from './payments.controller';
import { PickupPointsController } from './pickup-points.controller';

/** 电商运营公司: community group buys: campaigns, orders, Stripe payments and refunds, pickup. */
@Module({
  imports: [PlatformModule.forRoot({ app: 'storefront', login: true }), KernelModule.forRoot(), IdentityModule, GroupBuyModule],
  controllers: [CampaignsController, OrdersController, PaymentsController, PickupPointsController],
})
export class StorefrontModule {}
