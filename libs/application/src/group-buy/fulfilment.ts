import { Injectable } from '@nestjs/common';
import { isDomainError, type CampaignEvent, type CampaignTerms, type ConfirmedOrder } from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import { StockCommands } from '../stock/stock.commands';
import { CampaignCommands } from './campaign.commands';
import { GroupBuyOrders } from './group-buy-orders';
import { GROUP_BUY_IDS as IDS, groupBuyStep } from './group-buy.ids';

type Succeeded = Extract<CampaignEvent, { type: 'CampaignSucceeded' }>['data'];

/** A step of the fulfilment that the ledger refused. */
class Blocked extends Error {
  constructor(
    readonly step: string,
    readonly code: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * The stock side of a campaign's outcome, run by the fulfilment process manager. Success: the
 * unused quota goes back to stock, the sold quantity is allocated first-expiry-first from the
 * campaign's reservation and transferred to the pickup point's warehouse (holder = campaign id), and
 * each live order is confirmed for pickup. Failure or cancellation: the whole reservation is released. Each step has
 * a command id derived from the campaign, so a redelivered outcome appends nothing twice; a step
 * the ledger refuses (e.g. the reserved batches expired) is recorded on the campaign for operators.
 */
@Injectable()
export class CampaignFulfilment {
  constructor(
    private readonly campaigns: CampaignCommands,
    private readonly stock: StockCommands,
    private readonly orders: GroupBuyOrders,
  ) {}

  async succeeded(data: Succeeded, cause: CommandContext): Promise<void> {
    const { campaignId } = data;
    const state = await this.campaigns.state(campaignId);
    const terms = state.terms as CampaignTerms;
    if (state.fulfilment === 'pending') {
      try {
        const moved = await this.moveStock(terms, data.soldQuantity, cause);
        await this.campaigns.execute(
          campaignId,
          { type: 'RecordFulfilment', ...moved, to: terms.pickupWarehouse, now: cause.now },
          groupBuyStep(cause, IDS.fulfilled(campaignId)),
        );
      } catch (e) {
        if (!(e instanceof Blocked)) throw e;
        await this.campaigns.execute(
          campaignId,
          { type: 'RecordFulfilmentBlocked', step: e.step, code: e.code, reason: e.message, now: cause.now },
          groupBuyStep(cause, IDS.fulfilmentBlocked(campaignId)),
        );
      }
    }
    for (const orderId of data.orders) {
      const order = state.orders.get(orderId);
      if (!order) continue;
      const confirmed: ConfirmedOrder = {
        orderId,
        campaignId,
        customer: order.customer,
        pickupPoint: terms.pickupPoint,
        pickupCode: order.pickupCode,
        quantity: order.quantity,
        amountFen: order.amountFen,
        paymentMethod: order.paymentMethod,
      };
      await this.orders.executeOrder(
        orderId,
        { type: 'ConfirmOrder', order: confirmed, now: cause.now },
        groupBuyStep(cause, IDS.confirm(orderId)),
      );
    }
  }

  /** A failed or cancelled campaign's whole reservation goes back to stock (`reason` on the ledger). */
  async returnQuota(campaignId: string, reason: string, cause: CommandContext): Promise<void> {
    const state = await this.campaigns.state(campaignId);
    if (state.fulfilment !== 'pending') return;
    const terms = state.terms as CampaignTerms;
    let released = 0;
    try {
      const out = await this.stock.release(
        { sku: terms.sku, warehouse: terms.warehouse },
        { holder: campaignId, reason },
        groupBuyStep(cause, IDS.releaseQuota(campaignId)),
      );
      for (const e of out.events) if (e.type === 'StockReservationReleased') released += e.data.quantity;
    } catch (e) {
      // Nothing held any more (released by an operator): there is nothing to return.
      if (!isDomainError(e) || e.code !== 'NOT_FOUND') throw e;
    }
    await this.campaigns.execute(
      campaignId,
      { type: 'RecordQuotaReturned', released, now: cause.now },
      groupBuyStep(cause, IDS.quotaReturned(campaignId)),
    );
  }

  /** Release the unused quota, allocate the sold quantity FEFO and send it to the pickup point. */
  private async moveStock(terms: CampaignTerms, soldQuantity: number, cause: CommandContext) {
    const { campaignId } = terms;
    const at = { sku: terms.sku, warehouse: terms.warehouse };
    const sold = soldQuantity * terms.saleUnit.base;
    const unused = (terms.quota - soldQuantity) * terms.saleUnit.base;
    if (unused > 0) {
      await refusable('release unused quota', () =>
        this.stock.release(
          at,
          { holder: campaignId, quantity: unused, reason: `unused quota of campaign ${campaignId}` },
          groupBuyStep(cause, IDS.releaseUnused(campaignId)),
        ),
      );
    }
    await refusable('allocate', () =>
      this.stock.allocate(at, { holder: campaignId, quantity: sold }, groupBuyStep(cause, IDS.allocate(campaignId))),
    );
    const sent = await refusable('transfer', () =>
      this.stock.transferOut(
        at,
        { to: terms.pickupWarehouse, holder: campaignId },
        groupBuyStep(cause, IDS.transfer(campaignId)),
      ),
    );
    return { allocated: sold, released: unused, transferId: sent.transferId };
  }
}

/** Run a ledger step; a refusal by the ledger becomes {@link Blocked}, anything else (IO) is thrown for a retry. */
async function refusable<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isDomainError(e)) throw new Blocked(name, e.code, e.message);
    throw e;
  }
}
