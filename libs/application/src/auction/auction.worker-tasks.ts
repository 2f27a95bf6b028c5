import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '@gx/platform';
import type { DeadlineHandler } from '@gx/readstore';
import { systemContext } from '../kernel/command-context';
import { StockCommands } from '../stock/stock.commands';
import { DeclareWorkerTasks, type WorkerTaskSource } from '../kernel/declarations';
import type { WorkerTasks } from '../worker/worker-tasks';
import { AUCTION_CREDIT, AuctionCredit, auctionCreditProcessManager } from './auction-credit';
import { AUCTION_FULFILMENT, AuctionFulfilment, auctionFulfilmentProcessManager } from './auction-fulfilment';
import { AUCTION_COMMAND_IDS as IDS } from './auction.ids';
import {
  AUCTION_DEADLINE_KINDS,
  AUCTION_DEADLINES,
  type CloseDue,
  type HoldDue,
  type ListingDue,
} from './auction.schedule';
import { BuyerCommands } from './buyer.commands';
import { LotCommands } from './lot.commands';
import { SaleCommands } from './sale.commands';

/** Names (checkpoints and leases) of the auction's process managers. */
export const AUCTION_PROCESS_MANAGERS = { credit: AUCTION_CREDIT, fulfilment: AUCTION_FULFILMENT } as const;

interface Deps {
  lots: LotCommands;
  buyers: BuyerCommands;
  sales: SaleCommands;
  stock: StockCommands;
  clock: Clock;
}

/** Handlers of the auction's deadlines: close lots, sweep listings and holds that never completed. */
export function auctionDeadlineHandlers(deps: Deps): Record<string, DeadlineHandler> {
  const ctx = (component: string, commandId: string) => systemContext(component, commandId, deps.clock.now());
  return {
    [AUCTION_DEADLINE_KINDS.close]: async (payload) => {
      const { lotId } = payload as CloseDue;
      await deps.lots.close(lotId, ctx('auction-close', IDS.closeLot(lotId)));
    },
    [AUCTION_DEADLINE_KINDS.listingCheck]: async (payload) => {
      const { lotId, sku, warehouse } = payload as ListingDue;
      await deps.lots.abandonIfUnlisted(
        lotId,
        { sku, warehouse },
        ctx('auction-listing-check', IDS.abandonListing(lotId)),
      );
    },
    [AUCTION_DEADLINE_KINDS.holdCheck]: async (payload) => {
      const { buyerId, bidId, lotId } = payload as HoldDue;
      const accepted = await deps.lots.voidBid(lotId, bidId, buyerId, ctx('auction-hold-check', IDS.voidBid(bidId)));
      // An accepted bid's hold is released by the credit process manager when it stops leading.
      if (!accepted)
        await deps.buyers.release(
          buyerId,
          bidId,
          'bid never reached the lot',
          ctx('auction-hold-check', IDS.releaseCredit(bidId)),
        );
    },
  };
}

/** What the auction context runs in the worker. */
@DeclareWorkerTasks()
export class AuctionWorkerTasks implements WorkerTaskSource {
  constructor(
    private readonly lots: LotCommands,
    private readonly buyers: BuyerCommands,
    private readonly sales: SaleCommands,
    private readonly stock: StockCommands,
    private readonly credit: AuctionCredit,
    private readonly fulfilment: AuctionFulfilment,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  tasks(): WorkerTasks {
    const deps: Deps = {
      lots: this.lots,
      buyers: this.buyers,
      sales: this.sales,
      stock: this.stock,
      clock: this.clock,
    };
    return {
      processManagers: [
        auctionCreditProcessManager(this.credit, this.clock),
        auctionFulfilmentProcessManager(this.fulfilment, this.clock),
      ],
      deadlineHandlers: auctionDeadlineHandlers(deps),
      deadlineCollections: [AUCTION_DEADLINES],
    };
  }
}
