import { Injectable } from '@nestjs/common';
import type { LotEvent, SaleEvent } from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import type { Clock } from '@gx/platform';
import type { ProcessManager } from '@gx/readstore';
import { eventCause, stepContext } from '../kernel/command-context';
import { AUCTION_COMMAND_IDS as IDS } from './auction.ids';
import { asLot, asSale } from './auction.projection';
import { BuyerCommands } from './buyer.commands';

/** Name (checkpoint and lease) of the process manager keeping buyers' credit in step with the lots. */
export const AUCTION_CREDIT = 'auction-credit';

type Of<E extends { type: string; data: unknown }, T extends E['type']> = Extract<E, { type: T }>['data'];

/**
 * The steps that keep buyers' credit in step with the lots: a bid that stops leading (outbid, or superseded
 * by its buyer's own raise) frees its hold; a sold lot turns the winner's holds into a receivable; an unsold
 * lot frees its last leader's holds; a recorded payment lowers the receivable. Every command runs under
 * `stepContext(cause, <its id>)` with an id from `AUCTION_COMMAND_IDS`.
 */
@Injectable()
export class AuctionCredit {
  constructor(private readonly buyers: BuyerCommands) {}

  /** A bid was outbid: free its hold. */
  async outbid(bid: Of<LotEvent, 'BidOutbid'>, cause: CommandContext): Promise<void> {
    await this.buyers.release(bid.buyerId, bid.bidId, 'outbid', stepContext(cause, IDS.releaseCredit(bid.bidId)));
  }

  /** The leader raised its own maximum: the hold of its previous bid is superseded. */
  async superseded(raise: Of<LotEvent, 'LeaderMaxRaised'>, cause: CommandContext): Promise<void> {
    await this.buyers.release(
      raise.buyerId,
      raise.previousBidId,
      'superseded',
      stepContext(cause, IDS.releaseCredit(raise.previousBidId)),
    );
  }

  /** The lot was sold: the winner's holds on it become a receivable. */
  async sold(sold: Of<LotEvent, 'LotSold'>, cause: CommandContext): Promise<void> {
    const { buyerId, lotId, saleId, amount } = sold;
    await this.buyers.convert(buyerId, { lotId, saleId, amount }, stepContext(cause, IDS.convertCredit(lotId)));
  }

  /** The lot closed unsold: its last leader's holds on it are freed. */
  async unsold(unsold: Of<LotEvent, 'LotUnsold'>, cause: CommandContext): Promise<void> {
    if (unsold.buyerId)
      await this.buyers.releaseLot(
        unsold.buyerId,
        unsold.lotId,
        'unsold',
        stepContext(cause, IDS.releaseLotCredit(unsold.lotId)),
      );
  }

  /** A payment was recorded on a sale: the buyer's receivable goes down. */
  async paid(payment: Of<SaleEvent, 'SalePaymentRecorded'>, cause: CommandContext): Promise<void> {
    const { buyerId, saleId, paymentId, amount } = payment;
    await this.buyers.recordPayment(
      buyerId,
      { saleId, paymentId, amount },
      stepContext(cause, IDS.recordPayment(paymentId)),
    );
  }
}

/**
 * The auction credit process manager: routes each stored event to one step of {@link AuctionCredit}, under
 * one cause per event (`eventCause`: the process manager as actor, the event as cause).
 */
export function auctionCreditProcessManager(steps: AuctionCredit, clock: Clock): ProcessManager {
  return {
    name: AUCTION_CREDIT,
    filter: {
      streamPrefixes: ['lot-', 'sale-'],
      eventTypes: ['BidOutbid', 'LeaderMaxRaised', 'LotSold', 'LotUnsold', 'SalePaymentRecorded'],
    },
    async handle(event) {
      const cause = eventCause(AUCTION_CREDIT, event, clock.now());
      const e = asLot(event) ?? asSale(event);
      switch (e?.type) {
        case 'BidOutbid':
          return steps.outbid(e.data, cause);
        case 'LeaderMaxRaised':
          return steps.superseded(e.data, cause);
        case 'LotSold':
          return steps.sold(e.data, cause);
        case 'LotUnsold':
          return steps.unsold(e.data, cause);
        case 'SalePaymentRecorded':
          return steps.paid(e.data, cause);
        default:
          return;
      }
    },
  };
}
