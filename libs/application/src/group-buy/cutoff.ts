import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError, shanghaiIso, type CampaignEvent } from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import type { AuthUser } from '@gx/platform';
import { CampaignCommands } from './campaign.commands';
import { requireOperator } from './group-buy-access';
import { GROUP_BUY_IDS as IDS } from './group-buy.ids';

/** Where a campaign's cut-off left it, and the log position to read after. */
export interface CutoffOutcome {
  campaignId: string;
  status: 'succeeded' | 'failed';
  /** Orders that go on to pickup (succeeded), or that were cancelled with the campaign (failed). */
  orders: number;
  /** Online orders still unpaid at the cut-off, released. */
  expired: number;
  closedAt: string;
  /** The operator who ran it before its time; absent when the deadline ran it. */
  closedBy?: string;
  position: string;
}

/**
 * A campaign's cut-off (截单): unpaid online orders expire, then the campaign succeeds or fails on
 * its committed quantity, and the fulfilment process manager moves the stock. Its deadline runs it
 * at `cutoffAt`; an operator may run it now on an open campaign. Both send the same command under
 * the same command id (one per campaign), so whichever comes second appends nothing: the deadline
 * after an operator's run (or an operator's after the deadline's) changes nothing.
 */
@Injectable()
export class CampaignCutoff {
  constructor(private readonly campaigns: CampaignCommands) {}

  /** The deadline fired: close the campaign (one already decided or cancelled stays as it is). */
  async onDeadline(campaignId: string, ctx: CommandContext): Promise<void> {
    try {
      await this.close(campaignId, undefined, ctx);
    } catch (e) {
      if (!isDomainError(e) || (e.code !== 'ALREADY_DECIDED' && e.code !== 'CAMPAIGN_CANCELLED')) throw e;
    }
  }

  /**
   * An operator runs the cut-off of an open campaign now: NOT_OPEN for a draft or a campaign not
   * open yet, ALREADY_DECIDED once it has been cut off, CAMPAIGN_CANCELLED for a cancelled one.
   * Audited: the outcome event names the operator (`closedBy`) and carries their request's correlation id.
   */
  async runNow(campaignId: string, actor: AuthUser, ctx: CommandContext): Promise<CutoffOutcome> {
    requireOperator(actor, 'run a cut-off before its time');
    return this.close(campaignId, actor.username, ctx);
  }

  private async close(campaignId: string, by: string | undefined, ctx: CommandContext): Promise<CutoffOutcome> {
    const { state } = await this.campaigns.load(campaignId);
    if (!state.terms) throw new DomainError('NOT_FOUND', `no campaign ${campaignId}`, 'campaignId');
    // A replay of the one close (the deadline's or another operator's) would answer its events as if new.
    if (state.status === 'succeeded' || state.status === 'failed')
      throw new DomainError('ALREADY_DECIDED', `the campaign has ${state.status}`);
    const out = await this.campaigns.execute(
      campaignId,
      { type: 'CloseCampaign', now: ctx.now, ...(by !== undefined && { by }) },
      { ...ctx, commandId: IDS.close(campaignId) },
    );
    const outcome = out.events.find(
      (e): e is Extract<CampaignEvent, { type: 'CampaignSucceeded' | 'CampaignFailed' }> =>
        e.type === 'CampaignSucceeded' || e.type === 'CampaignFailed',
    );
    if (!outcome) throw new DomainError('ALREADY_DECIDED', 'the campaign has been cut off');
    const expired = out.events.filter((e) => e.type === 'CampaignOrderReleased').length;
    const { closedBy, at, orders } = outcome.data;
    const status = outcome.type === 'CampaignSucceeded' ? 'succeeded' : 'failed';
    return {
      campaignId,
      status,
      orders: orders.length,
      expired,
      closedAt: shanghaiIso(at),
      ...(closedBy !== undefined && { closedBy }),
      position: out.position,
    };
  }
}
