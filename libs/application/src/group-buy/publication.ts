import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError, type CampaignState, type SaleUnit } from '@gx/domain';
import { comparePositions, type CommandContext } from '@gx/eventstore';
import type { AuthUser } from '@gx/platform';
import { StockCommands } from '../stock/stock.commands';
import { CampaignCommands, type CampaignChanged } from './campaign.commands';
import { requireCampaignRights } from './group-buy-access';
import { GROUP_BUY_IDS as IDS, groupBuyStep } from './group-buy.ids';
import { campaignViewOfTerms } from './group-buy.views';

/** A refusal of the ledger restated in the campaign's sale unit: '0 箱(5kg) available, 100 asked' (the quota is in sale units). */
function inSaleUnits(e: DomainError, saleUnit: SaleUnit): DomainError {
  if (e.code !== 'INSUFFICIENT_STOCK' || !e.shortfall) return e;
  const { available, asked } = e.shortfall;
  return new DomainError(
    'INSUFFICIENT_STOCK',
    `${Math.floor(available / saleUnit.base)} ${saleUnit.unit} available, ${asked / saleUnit.base} asked`,
    'quota',
  );
}

/** Where a publication ended: live, or back to draft because the ledger refused the quota. */
export interface PublicationOutcome {
  status: CampaignState['status'];
  position: string;
  refused?: DomainError;
}

/**
 * Publishing a campaign is a small saga: `CampaignPublishRequested` is recorded first, then the
 * quota is reserved on the supplying warehouse's stock (holder = campaign id, kind `campaign`), then
 * the campaign is confirmed live, or sent back to draft when the ledger refuses. Every step has a
 * command id derived from the campaign and the attempt, so the request that asked and the
 * publication process manager (which finishes whatever a crash interrupted) run the same steps and
 * append each once. A reservation is never kept for a campaign that is not published: if the
 * confirmation is refused (the attempt was settled otherwise in a race), the reservation is released.
 */
@Injectable()
export class CampaignPublication {
  constructor(
    private readonly campaigns: CampaignCommands,
    private readonly stock: StockCommands,
  ) {}

  /**
   * Publish a campaign (operators, or the leader of its pickup point): record the request, then
   * reserve its quota and go live in this request. INSUFFICIENT_STOCK (the campaign stays a draft)
   * when the supplying warehouse cannot cover the quota.
   */
  async publish(campaignId: string, actor: AuthUser, ctx: CommandContext): Promise<CampaignChanged> {
    const terms = await this.campaigns.terms(campaignId);
    requireCampaignRights(actor, terms.pickupPoint);
    const out = await this.campaigns.execute(campaignId, { type: 'RequestPublish', by: ctx.actor, now: ctx.now }, ctx);
    let position = out.position;
    if (out.state.status === 'publishing') {
      const done = await this.complete(campaignId, out.state.publishAttempts, ctx);
      if (done.refused) throw done.refused;
      if (comparePositions(done.position, position) > 0) position = done.position;
    }
    const [{ state }, sku] = await Promise.all([this.campaigns.load(campaignId), this.campaigns.sku(terms.sku)]);
    return { ...campaignViewOfTerms(terms, state.status, sku.baseUnit), position };
  }

  /** Carry publication `attempt` of a campaign through; a no-op when it is already settled. */
  async complete(campaignId: string, attempt: number, cause: CommandContext): Promise<PublicationOutcome> {
    const { state, position } = await this.campaigns.load(campaignId);
    const terms = state.terms;
    if (!terms || state.status !== 'publishing' || state.publishAttempts !== attempt)
      return { status: state.status, position };
    const at = { sku: terms.sku, warehouse: terms.warehouse };
    const quantity = terms.quota * terms.saleUnit.base;
    try {
      await this.stock.reserve(
        at,
        { holder: campaignId, holderKind: 'campaign', quantity },
        groupBuyStep(cause, IDS.reserveQuota(campaignId, attempt)),
      );
    } catch (caught) {
      if (!isDomainError(caught)) throw caught;
      const e = inSaleUnits(caught, terms.saleUnit);
      const rejected = await this.settle(
        campaignId,
        { type: 'RejectPublish', attempt, code: e.code, reason: e.message, now: cause.now },
        groupBuyStep(cause, IDS.publishRejected(campaignId, attempt)),
      );
      return { status: 'draft', position: rejected ?? position, refused: e };
    }
    try {
      const out = await this.campaigns.execute(
        campaignId,
        { type: 'ConfirmPublish', attempt, now: cause.now },
        groupBuyStep(cause, IDS.published(campaignId, attempt)),
      );
      return { status: out.state.status, position: out.position };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      // The attempt was settled otherwise meanwhile: the quota must not stay reserved for it.
      const reason = `publication ${attempt} of ${campaignId} was settled otherwise`;
      const released = await this.stock.release(
        at,
        { holder: campaignId, quantity, reason },
        groupBuyStep(cause, IDS.undoReserve(campaignId, attempt)),
      );
      return { status: (await this.campaigns.state(campaignId)).status, position: released.position };
    }
  }

  /** Record a refusal; one already settled by a concurrent run is fine (undefined). */
  private async settle(
    campaignId: string,
    command: Parameters<CampaignCommands['execute']>[1],
    ctx: CommandContext,
  ): Promise<string | undefined> {
    try {
      return (await this.campaigns.execute(campaignId, command, ctx)).position;
    } catch (e) {
      if (isDomainError(e) && e.code === 'INVALID_STATE') return undefined;
      throw e;
    }
  }
}
