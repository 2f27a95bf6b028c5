import { Inject, Injectable } from '@nestjs/common';
import {
  baseUnitsOf,
  DomainError,
  isDomainError,
  own,
  pickupHolderOf,
  planPickup,
  type BatchPick,
  type CampaignTerms,
  type OrderEvent,
  type StockEvent,
  type TransferDoc,
} from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import { CONFIG, type AppConfig } from '@gx/platform';
import { ReadModels } from '@gx/readstore';
import { StockCommands } from '../stock/stock.commands';
import { STOCK, stockProjection } from '../stock/stock.projection';
import { CampaignCommands } from './campaign.commands';
import { GROUP_BUY_IDS as IDS, groupBuyStep, isCampaignId, newTraceToken } from './group-buy.ids';

/** A transfer received at its destination, as the stock ledger recorded it. */
export type TransferArrival = Extract<StockEvent, { type: 'StockTransferredIn' }>['data'];
type HandedOver = Extract<OrderEvent, { type: 'OrderHandedOver' }>['data'];

const total = (picks: BatchPick[]): number => picks.reduce((n, p) => n + p.quantity, 0);

/**
 * The stock side of the pickup, run by the pickup process manager: the books of the village point
 * must go down by exactly what consumers took home.
 *
 * - Arrival: when a campaign's transfer is received at its pickup point's warehouse, the base units
 *   that arrived and that whole orders fit in are reserved there under {@link pickupHolderOf} (kind
 *   `campaign`), and the arrival is recorded on the campaign with the orders the goods cannot serve
 *   (lost in transit, or the hold refused), so no shortfall is silently dropped.
 * - Hand-over: each `OrderHandedOver` allocates exactly that order's base units from the hold, first
 *   expiry first, and issues them (reason naming the order, caused by the hand-over event), then
 *   records the issue on the campaign. Every unit sent is so accounted for: lost in transit, issued
 *   to one named order, still held for an order awaiting pickup, or the remainder no whole order
 *   fits in (left free at the village point). One campaign hold rather than one per order: moving
 *   stock from a campaign hold to an order hold would take a release and a reserve, two commands
 *   between which another writer could take the freed stock; holding per order at arrival would
 *   cost a reservation per order before anyone comes. Allocating then issuing under the campaign
 *   hold is exact as long as nothing else allocates from it, which is checked before each issue.
 *
 * Every step has a command id derived from the campaign or the order, so a redelivered event
 * appends nothing twice; a step the ledger refuses is recorded on the campaign for operators.
 */
@Injectable()
export class PickupStock {
  constructor(
    private readonly campaigns: CampaignCommands,
    private readonly stock: StockCommands,
    private readonly readModels: ReadModels,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The campaign that sent the transfer received at `position`, or null for any other transfer. The
   * ledger's transfer-in does not repeat who the goods were sent for, so the sender's holder is read
   * from the transfers read model once it has passed the arrival (it was sent before it arrived).
   */
  async campaignOf(arrival: TransferArrival, position: string): Promise<string | null> {
    if (!(await this.readModels.waitFor(stockProjection.name, position, this.config.readWaitTimeoutMs))) {
      throw new Error(`the stock read model has not reached position ${position} yet`);
    }
    const transfer = await this.readModels.get<TransferDoc>(STOCK.transfers, arrival.transferId);
    return transfer?.holder !== undefined && isCampaignId(transfer.holder) ? transfer.holder : null;
  }

  /** Hold what arrived for the campaign's orders, then record the arrival and its shortfall on the campaign. */
  async arrived(campaignId: string, arrival: TransferArrival, cause: CommandContext): Promise<void> {
    const state = await this.campaigns.state(campaignId);
    const terms = state.terms;
    if (!terms || !isCampaignsTransfer(terms, arrival) || state.status !== 'succeeded') return;
    if (state.pickup.status !== 'none') return;
    const received = total(arrival.picks);
    const plan = planPickup(state, received);
    let refused: { code: string; reason: string } | undefined;
    if (plan.held > 0) {
      try {
        await this.stock.reserve(
          { sku: terms.sku, warehouse: terms.pickupWarehouse },
          { holder: pickupHolderOf(campaignId), holderKind: 'campaign', quantity: plan.held },
          groupBuyStep(cause, IDS.pickupHold(campaignId)),
        );
      } catch (e) {
        // E.g. the batches expired on the way: recorded, every order flagged, operators step in.
        if (!isDomainError(e)) throw e;
        refused = { code: e.code, reason: e.message };
      }
    }
    await this.campaigns.execute(
      campaignId,
      {
        type: 'RecordGoodsArrived',
        transferId: arrival.transferId,
        received,
        lost: total(arrival.lost),
        ...(refused && { refused }),
        now: cause.now,
      },
      groupBuyStep(cause, IDS.goodsArrived(campaignId)),
    );
  }

  /** Issue exactly the handed-over order's base units from the campaign's hold at the pickup point. */
  async handedOver(handed: HandedOver, cause: CommandContext): Promise<void> {
    const { campaignId, orderId } = handed;
    const state = await this.campaigns.state(campaignId);
    const order = state.orders.get(orderId);
    if (!state.terms || !order || order.pickup === 'issued' || order.pickup === 'issue_blocked') return;
    const terms = state.terms;
    let picks: BatchPick[];
    try {
      if (state.pickup.status !== 'ready' || order.pickup === 'unserved') {
        throw new DomainError(
          'GOODS_NOT_ARRIVED',
          `nothing is held at ${terms.pickupWarehouse} for order ${orderId}`,
          'orderId',
        );
      }
      picks = await this.issue(terms, orderId, baseUnitsOf(terms, order), cause);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      const blocked = {
        type: 'RecordPickupIssueBlocked',
        orderId,
        code: e.code,
        reason: e.message,
        now: cause.now,
      } as const;
      await this.campaigns.execute(campaignId, blocked, groupBuyStep(cause, IDS.pickupIssueBlocked(orderId)));
      return;
    }
    // A redelivered hand-over finds the order issued and appends nothing, so a token is drawn once per order.
    const issued = { type: 'RecordPickupIssued', orderId, picks, traceToken: newTraceToken(), now: cause.now } as const;
    await this.campaigns.execute(campaignId, issued, groupBuyStep(cause, IDS.pickupIssued(orderId)));
  }

  /** Allocate `quantity` from the hold and issue it; answers what was issued (the first run's, on a repeat). */
  private async issue(
    terms: CampaignTerms,
    orderId: string,
    quantity: number,
    cause: CommandContext,
  ): Promise<BatchPick[]> {
    const at = { sku: terms.sku, warehouse: terms.pickupWarehouse };
    const holder = pickupHolderOf(terms.campaignId);
    // Allocated picks of the hold are this order's own from an interrupted run, or nothing: anything else
    // was allocated by hand and would be issued with this order.
    const before = total(
      Object.entries(own((await this.stock.state(at)).reservations, holder)?.picks ?? {}).map(([batchId, q]) => ({
        batchId,
        quantity: q,
      })),
    );
    if (before !== 0 && before !== quantity) {
      throw new DomainError(
        'INVALID_STATE',
        `${holder} has ${before} allocated by hand; release it before order ${orderId} is issued`,
        'holder',
      );
    }
    await this.stock.allocate(at, { holder, quantity }, groupBuyStep(cause, IDS.pickupAllocate(orderId)));
    const out = await this.stock.issue(
      at,
      { holder, reason: `group-buy pickup of order ${orderId}` },
      groupBuyStep(cause, IDS.pickupIssue(orderId)),
    );
    const issued = out.events.find((e) => e.type === 'StockIssued');
    return issued?.type === 'StockIssued' ? issued.data.picks : [];
  }
}

/** Whether an arrival is the campaign's transfer reaching its own pickup point. */
const isCampaignsTransfer = (terms: CampaignTerms, arrival: TransferArrival): boolean =>
  arrival.sku === terms.sku && arrival.from === terms.warehouse && arrival.warehouse === terms.pickupWarehouse;
