import { Module } from '@nestjs/common';
import {
  CatalogModule,
  GroupBuyModule,
  IdentityModule,
  KernelModule,
  MeController,
  SignUpController,
} from '@gx/application';
import { PlatformModule } from '@gx/platform';
import { CampaignLifecycleController } from './campaign-lifecycle.controller';
import { CampaignLiveController } from './campaign-live.controller';
import { CampaignsController } from './campaigns.controller';
import { OrderLive } from './order-live';
import { StorefrontStreams } from './storefront-streams';
import { OrderLiveController } from './order-live.controller';
import { OrdersController } from './orders.controller';
import { PaymentsController } from './payments.controller';
import { PickupPointDirectoryController } from './pickup-point-directory.controller';
import { PickupPointsController } from './pickup-points.controller';
import { TraceabilityController } from './traceability.controller';
import { CAMPAIGN_LIFECYCLE_COMMAND_HANDLERS } from './campaign-lifecycle.commands';
import { CAMPAIGNS_COMMAND_HANDLERS } from './campaigns.commands';
import { CAMPAIGNS_QUERY_HANDLERS } from './campaigns.queries';
import { ORDERS_COMMAND_HANDLERS } from './orders.commands';
import { ORDERS_QUERY_HANDLERS } from './orders.queries';
import { PAYMENTS_COMMAND_HANDLERS } from './payments.commands';
import { PICKUP_POINT_DIRECTORY_QUERY_HANDLERS } from './pickup-point-directory.queries';
import { PICKUP_POINTS_COMMAND_HANDLERS } from './pickup-points.commands';
import { PICKUP_POINTS_QUERY_HANDLERS } from './pickup-points.queries';
import { TRACEABILITY_QUERY_HANDLERS } from './traceability.queries';

/** 电商运营公司: community group buys: campaigns, orders, Stripe payments and refunds, pickup. */
@Module({
  imports: [
    PlatformModule.forRoot({ app: 'storefront', login: true }),
    KernelModule.forRoot(),
    IdentityModule,
    CatalogModule,
    GroupBuyModule,
  ],
  controllers: [
    MeController,
    SignUpController,
    CampaignsController,
    CampaignLifecycleController,
    OrdersController,
    PaymentsController,
    PickupPointDirectoryController,
    PickupPointsController,
    CampaignLiveController,
    TraceabilityController,
    OrderLiveController,
  ],
  // The handlers of the commands and queries the controllers send (CommandBus, QueryBus).
  providers: [
    OrderLive,
    StorefrontStreams,
    ...CAMPAIGN_LIFECYCLE_COMMAND_HANDLERS,
    ...CAMPAIGNS_COMMAND_HANDLERS,
    ...CAMPAIGNS_QUERY_HANDLERS,
    ...ORDERS_COMMAND_HANDLERS,
    ...ORDERS_QUERY_HANDLERS,
    ...PAYMENTS_COMMAND_HANDLERS,
    ...PICKUP_POINT_DIRECTORY_QUERY_HANDLERS,
    ...PICKUP_POINTS_COMMAND_HANDLERS,
    ...PICKUP_POINTS_QUERY_HANDLERS,
    ...TRACEABILITY_QUERY_HANDLERS,
  ],
})
export class StorefrontModule {}
