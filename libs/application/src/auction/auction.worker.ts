import { Inject, Injectable } from '@nestjs/common';
import { SALE_PAYMENT_TERMS_DAYS, type LotEvent, type SaleEvent } from '@gx/domain';
import { CLOCK, type Clock } from '@gx/platform';
import type { DeadlineHandler, ProcessManager } from '@gx/readstore';
import { causedBy, systemContext } from '../kernel/command-context';
import { StockCommands } from '../stock/stock.commands';
import type { WorkerTasks } from '../worker/worker-tasks';
import { AUCTION_COMMAND_IDS as IDS } from './auction.ids';
import { AUCTION_DEADLINE_KINDS, AUCTION_DEADLINES, type CloseDue, type HoldDue, type ListingDue } from './auction.schedule';
import { BuyerCommands } from './buyer.commands';
import { LotCommands } from './lot.commands';
import { SaleCommands } from './sale.commands';

/** Names (checkpoints and leases) of the auction's process managers. */
export const AUCTION_PROCESS_MANAGERS = { credit: 'auction-credit', fulfilment: 'auction-fulfilment' } as const;

const DAY_MS = 86_400_000;

interface Deps {
  lots: LotCommands;
  buyers: BuyerCommands;
  sales: SaleCommands;
  stock: StockCommands;
  clock: Clock;
}


/**
 * Keeps buyers' credit in step with the lots: a bid that stops leading (outbid, or superseded by its
 * buyer's own raise) frees its hold; a sold lot turns the winner's holds into a receivable; an unsold
 * lot frees its last leader's holds; a recorded payment lowers the receivable.
 */
export function auctionCreditProcessManager(deps: Deps): ProcessManager {
  const name = AUCTION_PROCESS_MANAGERS.credit;
  return {
    name,
    filter: { streamPrefixes: ['lot-', 'sale-'], eventTypes: ['BidOutbid', 'LeaderMaxRaised', 'LotSold', 'LotUnsold', 'SalePaymentRecorded'] },
    async handle(event) {
      const e = { type: event.type, data: event.data } as LotEvent | SaleEvent;
      const ctx = (commandId: string) => causedBy(name, commandId, event, deps.clock.now());
      switch (e.type) {
        case 'BidOutbid':
          await deps.buyers.release(e.data.buyerId, e.data.bidId, 'outbid', ctx(IDS.releaseCredit(e.data.bidId)));
          return;
        case 'LeaderMaxRaised':
          await deps.buyers.release(e.data.buyerId, e.data.previousBidId, 'superseded', ctx(IDS.releaseCredit(e.data.previousBidId)));
          return;
        case 'LotSold': {
          const { buyerId, lotId, saleId, amount } = e.data;
          await deps.buyers.convert(buyerId, { lotId, saleId, amount }, ctx(IDS.convertCredit(lotId)));
          return;
        }
        case 'LotUnsold':
          if (e.data.buyerId) await deps.buyers.releaseLot(e.data.buyerId, e.data.lotId, 'unsold', ctx(IDS.releaseLotCredit(e.data.lotId)));
          return;
        case 'SalePaymentRecorded': {
          const { buyerId, saleId, paymentId, amount } = e.data;
          await deps.buyers.recordPayment(buyerId, { saleId, paymentId, amount }, ctx(IDS.recordPayment(paymentId)));
          return;
        }
        default:
          return;
      }
    },
  };
}

/**
 * Carries out a lot's close on the stock ledger and the sale: sold → a sale order with payment due
 * and the lot's allocated stock issued to the winner; unsold or withdrawn → the lot's stock released.
 */
export function auctionFulfilmentProcessManager(deps: Deps): ProcessManager {
  const name = AUCTION_PROCESS_MANAGERS.fulfilment;
  return {
    name,
    filter: { streamPrefixes: ['lot-'], eventTypes: ['LotSold', 'LotUnsold', 'LotWithdrawn'] },
    async handle(event) {
      const e = { type: event.type, data: event.data } as LotEvent;
      const ctx = (commandId: string) => causedBy(name, commandId, event, deps.clock.now());
      if (e.type === 'LotUnsold' || e.type === 'LotWithdrawn') {
        const reason = e.type === 'LotUnsold' ? 'lot unsold' : 'lot withdrawn';
        await deps.lots.releaseStock(e.data.lotId, { sku: e.data.sku, warehouse: e.data.warehouse }, reason, ctx(IDS.releaseLotStock(e.data.lotId)));
        return;
      }
      if (e.type !== 'LotSold') return;
      const d = e.data;
      const { state } = await deps.lots.state(d.lotId);
      const unit = state.terms?.unit ?? '';
      const dueAt = new Date(Date.parse(d.closedAt) + SALE_PAYMENT_TERMS_DAYS * DAY_MS).toISOString();
      const { saleId, lotId, buyerId, sku, warehouse, quantity, units, pricePerUnit, amount } = d;
      await deps.sales.open(
        { saleId, lotId, buyerId, sku, warehouse, quantity, units, unit, pricePerUnit, amount, dueAt, openedAt: d.closedAt },
        ctx(IDS.openSale(saleId)),
      );
      const issued = await deps.stock.issue({ sku, warehouse }, { holder: lotId, reason: `sale ${saleId}` }, ctx(IDS.issueLotStock(lotId)));
      const picks = issued.events.flatMap((x) => (x.type === 'StockIssued' ? x.data.picks : []));
      await deps.sales.recordIssued(saleId, picks, ctx(IDS.recordIssued(saleId)));
    },
  };
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
      await deps.lots.abandonIfUnlisted(lotId, { sku, warehouse }, ctx('auction-listing-check', IDS.abandonListing(lotId)));
    },
    [AUCTION_DEADLINE_KINDS.holdCheck]: async (payload) => {
      const { buyerId, bidId, lotId } = payload as HoldDue;
      const accepted = await deps.lots.voidBid(lotId, bidId, buyerId, ctx('auction-hold-check', IDS.voidBid(bidId)));
      // An accepted bid's hold is released by the credit process manager when it stops leading.
      if (!accepted) await deps.buyers.release(buyerId, bidId, 'bid never reached the lot', ctx('auction-hold-check', IDS.releaseCredit(bidId)));
    },
  };
}

/** What the auction context runs in the worker. */
@Injectable()
export class AuctionWorkerTasks {
  constructor(
    private readonly lots: LotCommands,
    private readonly buyers: BuyerCommands,
    private readonly sales: SaleCommands,
    private readonly stock: StockCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  tasks(): WorkerTasks {
    const deps: Deps = { lots: this.lots, buyers: this.buyers, sales: this.sales, stock: this.stock, clock: this.clock };
    return {
      processManagers: [auctionCreditProcessManager(deps), auctionFulfilmentProcessManager(deps)],
      deadlineHandlers: auctionDeadlineHandlers(deps),
      deadlineCollections: [AUCTION_DEADLINES],
    };
  }
}
