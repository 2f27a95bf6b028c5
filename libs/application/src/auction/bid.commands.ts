import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError, lotDecider, type PlaceBid } from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import { AUCTION_COMMAND_IDS as IDS } from './auction.ids';
import { BuyerCommands } from './buyer.commands';
import { LotCommands } from './lot.commands';

/** A bid as a buyer places it: the price it asks and an optional hidden maximum for its proxy. */
export interface BidInput {
  pricePerUnit: number;
  maxPricePerUnit?: number;
}

/** A bid that leads: the lot's price after it, the bidder's own maximum, and the (possibly extended) close. */
export interface BidLeading {
  lotId: string;
  bidId: string;
  status: 'leading';
  pricePerUnit: number;
  maxPricePerUnit: number;
  closesAt: string;
  /** Credit held for the bid: units × maximum. */
  creditHeld: number;
  position: string;
}

/**
 * Places bids. Credit is held on the buyer's stream before the bid reaches the lot, so no bid ever
 * leads without credit behind it; a bid the lot refuses (or that a proxy answers at once) releases its
 * hold here, and the exposure process manager releases it again idempotently from the stored events
 * (same command id), so a crash between the two writes cannot keep credit held for a bid that lost.
 * A hold whose bid never reached the lot is swept by the hold-check deadline.
 */
@Injectable()
export class BidCommands {
  constructor(
    private readonly lots: LotCommands,
    private readonly buyers: BuyerCommands,
  ) {}

  /** Place a bid for `buyerId`; its id is the command id (a retry under the same Idempotency-Key is the same bid). */
  async place(lotId: string, buyerId: string, input: BidInput, ctx: CommandContext): Promise<BidLeading> {
    const bidId = ctx.commandId;
    const command: PlaceBid = { type: 'PlaceBid', lotId, bidId, buyerId, ...input, now: ctx.now };
    const { state } = await this.lots.state(lotId);
    // A dry run refuses a doomed bid (too low, closed…) before any credit is held; the lot's mailbox decides for real.
    if (state.attempts[bidId] === undefined) lotDecider.decide(command, state);
    const units = state.terms?.units ?? 0;
    const max = input.maxPricePerUnit ?? input.pricePerUnit;
    const creditHeld = units * max;
    await this.buyers.reserve(buyerId, { bidId, lotId, amount: creditHeld }, { ...ctx, commandId: IDS.reserveCredit(bidId), causationId: bidId });

    let out;
    try {
      out = await this.lots.execute(lotId, command, ctx);
    } catch (e) {
      if (isDomainError(e)) await this.release(buyerId, bidId, `refused: ${e.code}`, ctx);
      throw e;
    }
    const answered = out.events.find((e) => e.type === 'BidOutbid' && e.data.bidId === bidId);
    if (answered?.type === 'BidOutbid') {
      await this.release(buyerId, bidId, 'outbid', ctx);
      throw new DomainError('OUTBID', `a higher maximum answered your bid: the price is now ${answered.data.pricePerUnit} fen`, 'pricePerUnit');
    }
    const price = out.events.reduce((p, e) => (e.type === 'BidPlaced' && e.data.bidId === bidId ? e.data.pricePerUnit : p), out.state.price ?? 0);
    return { lotId, bidId, status: 'leading', pricePerUnit: price, maxPricePerUnit: max, closesAt: out.state.closesAt, creditHeld, position: out.position };
  }

  private async release(buyerId: string, bidId: string, reason: string, ctx: CommandContext): Promise<void> {
    await this.buyers.release(buyerId, bidId, reason, { ...ctx, commandId: IDS.releaseCredit(bidId), causationId: bidId });
  }
}
