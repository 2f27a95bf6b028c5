import { Injectable } from '@nestjs/common';
import {
  DomainError,
  hasOwnKey,
  isDomainError,
  lotDecider,
  minimumBid,
  shanghaiIso,
  type LotState,
  type PlaceBid,
} from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import { AUCTION_COMMAND_IDS as IDS } from './auction.ids';
import { BuyerCommands } from './buyer.commands';
import { LotCommands } from './lot.commands';

/** A bid as a buyer places it: the price it asks and an optional hidden maximum for its proxy. */
export interface BidInput {
  /** Fen per trading unit. */
  pricePerUnitFen: number;
  /** Fen per trading unit. */
  maxPricePerUnitFen?: number;
}

/** A bid that leads: the lot's price after it, the bidder's own maximum, and the (possibly extended) close. */
export interface BidLeading {
  lotId: string;
  bidId: string;
  status: 'leading';
  pricePerUnitFen: number;
  maxPricePerUnitFen: number;
  /** Beijing time. */
  closesAt: string;
  /** Credit held for the bid: units × maximum. */
  creditHeldFen: number;
  position: string;
}

/**
 * A bid that was placed (it counts, and moved the price) but that the leader's proxy answered at once: the
 * price now, who leads (their alias), and no credit held any more.
 */
export interface BidAnswered {
  lotId: string;
  bidId: string;
  status: 'outbid';
  /** The price this bid placed on the lot before the proxy answered it. */
  yourPricePerUnitFen: number;
  /** The lot's price now, set by the leader's proxy. */
  pricePerUnitFen: number;
  leader: string;
  maxPricePerUnitFen: number;
  /** Beijing time. */
  closesAt: string;
  creditHeldFen: 0;
  position: string;
}

/**
 * A BID_TOO_LOW refusal with the lowest bid `state` accepts (`minimumBidFen`, fen per sale unit), so that a
 * client whose view of the lot is stale learns the server's figure; anything else unchanged.
 */
function withMinimum(e: unknown, state: LotState): unknown {
  if (!isDomainError(e) || e.code !== 'BID_TOO_LOW' || !state.terms) return e;
  const refused = new DomainError(e.code, e.message, e.field);
  (refused as { extensions?: Record<string, number> }).extensions = { minimumBidFen: minimumBid(state, state.terms) };
  return refused;
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
  async place(lotId: string, buyerId: string, input: BidInput, ctx: CommandContext): Promise<BidLeading | BidAnswered> {
    const bidId = ctx.commandId;
    const command: PlaceBid = {
      type: 'PlaceBid',
      lotId,
      bidId,
      buyerId,
      pricePerUnit: input.pricePerUnitFen,
      ...(input.maxPricePerUnitFen !== undefined ? { maxPricePerUnit: input.maxPricePerUnitFen } : {}),
      now: ctx.now,
    };
    const { state } = await this.lots.state(lotId);
    // A dry run refuses a doomed bid (too low, closed…) before any credit is held; the lot's mailbox decides for real.
    try {
      if (!hasOwnKey(state.attempts, bidId)) lotDecider.decide(command, state);
    } catch (e) {
      throw withMinimum(e, state);
    }
    const units = state.terms?.units ?? 0;
    const max = input.maxPricePerUnitFen ?? input.pricePerUnitFen;
    const creditHeld = units * max;
    const hold = () =>
      this.buyers.reserve(
        buyerId,
        { bidId, lotId, amount: creditHeld },
        { ...ctx, commandId: IDS.reserveCredit(bidId), causationId: bidId },
      );
    try {
      await hold();
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'CREDIT_EXCEEDED' || !(await this.releaseBeatenHolds(buyerId, ctx))) throw e;
      await hold();
    }

    let out;
    try {
      out = await this.lots.execute(lotId, command, ctx);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await this.release(buyerId, bidId, `refused: ${e.code}`, ctx);
      // The mailbox decided on a newer state than the dry run (another bid came first): the minimum of the lot now.
      throw e.code === 'BID_TOO_LOW' ? withMinimum(e, (await this.lots.state(lotId)).state) : e;
    }
    const price = out.events.reduce(
      (p, e) => (e.type === 'BidPlaced' && e.data.bidId === bidId ? e.data.pricePerUnit : p),
      out.state.price ?? 0,
    );
    const answered = out.events.find((e) => e.type === 'BidOutbid' && e.data.bidId === bidId);
    if (answered?.type === 'BidOutbid') {
      // Placed and counted, then answered by the leader's proxy in the same decision: not a failure.
      await this.release(buyerId, bidId, 'outbid', ctx);
      const { closesAt, leader } = out.state;
      const now = answered.data.pricePerUnit;
      return {
        lotId,
        bidId,
        status: 'outbid',
        yourPricePerUnitFen: price,
        pricePerUnitFen: now,
        leader: leader?.alias ?? '',
        maxPricePerUnitFen: max,
        closesAt: shanghaiIso(closesAt),
        creditHeldFen: 0,
        position: out.position,
      };
    }
    return {
      lotId,
      bidId,
      status: 'leading',
      pricePerUnitFen: price,
      maxPricePerUnitFen: max,
      closesAt: shanghaiIso(out.state.closesAt),
      creditHeldFen: creditHeld,
      position: out.position,
    };
  }

  /**
   * Free the holds of this buyer's bids that their lots show placed and no longer leading. The exposure process
   * manager frees them a moment after the outbid; doing it here (same command id, so whichever comes second is a
   * no-op) means a buyer who bids again right after being outbid is not refused for credit that is already free.
   * A hold whose bid has not reached its lot yet is left alone. Answers whether any hold was freed.
   */
  private async releaseBeatenHolds(buyerId: string, ctx: CommandContext): Promise<boolean> {
    let freed = false;
    for (const [bidId, { lotId }] of Object.entries((await this.buyers.state(buyerId)).holds)) {
      const { state } = await this.lots.state(lotId);
      if (state.attempts[bidId] !== 'accepted' || state.leader?.bidId === bidId) continue;
      await this.release(buyerId, bidId, 'outbid', ctx);
      freed = true;
    }
    return freed;
  }

  private async release(buyerId: string, bidId: string, reason: string, ctx: CommandContext): Promise<void> {
    await this.buyers.release(buyerId, bidId, reason, {
      ...ctx,
      commandId: IDS.releaseCredit(bidId),
      causationId: bidId,
    });
  }
}
