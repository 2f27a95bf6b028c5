import { Module } from '@nestjs/common';
import { AuctionModule } from '../auction/auction.module';
import { AuctionWorkerTasks } from '../auction/auction.worker';
import { CountingModule } from '../counting/counting.module';
import { CountingWorkerTasks } from '../counting/count-adjustments';
import { GroupBuyModule } from '../group-buy/group-buy.module';
import { GroupBuyWorkerTasks } from '../group-buy/group-buy.worker';
import { KitchenContextModule } from '../kitchen/kitchen.module';
import { KitchenWorkerTasks } from '../kitchen/kitchen-worker-tasks';
import { BackgroundHost } from './background-host';
import { LeaseHealth } from './lease-health';
import { WORKER_TASKS, type WorkerTasks } from './worker-tasks';

/**
 * The worker's process managers and deadline handlers. Each context contributes a provider whose
 * `tasks()` lists them; add it to `imports` and to the factory below.
 */
@Module({
  imports: [CountingModule, GroupBuyModule, AuctionModule, KitchenContextModule],
  providers: [
    {
      provide: WORKER_TASKS,
      inject: [CountingWorkerTasks, GroupBuyWorkerTasks, AuctionWorkerTasks, KitchenWorkerTasks],
      useFactory: (counting: CountingWorkerTasks, groupBuy: GroupBuyWorkerTasks, auction: AuctionWorkerTasks, kitchen: KitchenWorkerTasks): WorkerTasks[] => [
        counting.tasks(),
        groupBuy.tasks(),
        auction.tasks(),
        kitchen.tasks(),
      ],
    },
    BackgroundHost,
    LeaseHealth,
  ],
})
export class WorkerTasksModule {}
