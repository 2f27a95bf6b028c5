import { Module } from '@nestjs/common';
import { PaymentsModule } from '@gx/payments/payments.module';
import { CatalogModule } from '../catalog/catalog.module';
import { StockModule } from '../stock/stock.module';
import { CampaignLive } from './campaign-live';
import { CampaignCommands } from './campaign.commands';
import { CampaignCutoff } from './cutoff';
import { CampaignFulfilment } from './fulfilment';
import { GroupBuyDemo } from './group-buy-demo';
import { GroupBuyOrders } from './group-buy-orders';
import { GroupBuyPayments } from './group-buy-payments';
import { GroupBuyProjection } from './group-buy.projection';
import { GroupBuyQueries } from './group-buy.queries';
import { GroupBuyWorkerTasks } from './group-buy.worker-tasks';
import { PickupReceipts } from './pickup-receipts';
import { PickupStock } from './pickup-stock';
import { OrderTraceability } from './traceability';
import { CampaignPublication } from './publication';

/**
 * Community group buy (社区团购): campaigns, orders, payments, refunds, pickup and the books at the
 * pickup point. Projection: groupBuyProjection; process managers and deadlines: GroupBuyWorkerTasks, in the worker.
 */
@Module({
  imports: [CatalogModule, StockModule, PaymentsModule],
  providers: [
    CampaignCommands,
    CampaignCutoff,
    CampaignPublication,
    CampaignFulfilment,
    GroupBuyOrders,
    GroupBuyPayments,
    GroupBuyQueries,
    GroupBuyWorkerTasks,
    GroupBuyDemo,
    PickupStock,
    PickupReceipts,
    CampaignLive,
    OrderTraceability,
    GroupBuyProjection,
  ],
  exports: [
    CampaignCommands,
    CampaignCutoff,
    CampaignPublication,
    GroupBuyOrders,
    GroupBuyPayments,
    GroupBuyQueries,
    GroupBuyWorkerTasks,
    GroupBuyDemo,
    PickupReceipts,
    CampaignLive,
    OrderTraceability,
  ],
})
export class GroupBuyModule {}
