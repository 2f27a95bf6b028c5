import { Module } from '@nestjs/common';
import { CatalogModule, GroupBuyModule, IdentityModule, KernelModule, MeController, SignUpController } from '@gx/application';
import { PlatformModule } from '@gx/platform';
import { CampaignLifecycleController } from './campaign-lifecycle.controller';
import { CampaignLiveController } from './campaign-live.controller';
import { CampaignsController } from './campaigns.controller';
import { OrderLive } from './order-live';
import { OrderLiveController } from './order-live.controller';
import { OrdersController } from './orders.controller';
import { PaymentsController } from './payments.controller';
import { PickupPointDirectoryController } from './pickup-point-directory.controller';
import { PickupPointsController } from './pickup-points.controller';
import { TraceabilityController } from './traceability.controller';

/** 电商运营公司: community group buys: campaigns, orders, Stripe payments and refunds, pickup. */
@Module({
  imports: [PlatformModule.forRoot({ app: 'storefront', login: true }), KernelModule.forRoot(), IdentityModule, CatalogModule, GroupBuyModule],
  controllers: [MeController, SignUpController, CampaignsController, CampaignLifecycleController, OrdersController, PaymentsController, PickupPointDirectoryController, PickupPointsController, CampaignLiveController, TraceabilityController, OrderLiveController],
  providers: [OrderLive],
})
export class StorefrontModule {}
