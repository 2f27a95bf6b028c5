import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiOp, Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { CampaignCancelledView, CampaignCutoffView } from './campaign-lifecycle.views';
import { CancelCampaignDto, EditCampaignDto } from './group-buy.dto';
import { CampaignChangedView } from './storefront.views';
import {
  CampaignLifecycleEditCommand,
  CampaignLifecycleCancelCommand,
  CampaignLifecycleRunCutoffCommand,
} from './campaign-lifecycle.commands';

const ID = 'campaign id (GB-…)';

/**
 * The lifecycle of a campaign beyond create and publish: edit or cancel a draft, cancel a published
 * campaign with its orders, run a cut-off now. Every change is an event on the campaign's stream
 * naming who made it and when.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignLifecycleController {
  constructor(private readonly commandBus: CommandBus) {}

  @ApiOp({
    summary: 'Edit a draft campaign',
    description:
      'Changes the terms sent (title, price, quota, per-customer limit, minimum, opening, cut-off, pickup date, pickup point) of a campaign not yet published. ' +
      'The resulting terms are validated as on creation. Operators, or the leader of its pickup point (who may only move it to a point they run). ' +
      'Recorded as `CampaignEdited` with the changed terms, who and when. Sending no term, or the same values, changes nothing. Answers the campaign as every campaign command does.',
    answer: CampaignChangedView,
    params: { id: ID },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CAMPAIGN_NOT_DRAFT', 'CAMPAIGN_CANCELLED', 'INVALID_DATES', 'INVALID_STATE'],
  })
  @Roles('operator', 'leader')
  @Patch(':id')
  @HttpCode(200)
  edit(
    @Param('id') id: string,
    @Body() body: EditCampaignDto,
    @CurrentUser() actor: AuthUser,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commandBus.execute(new CampaignLifecycleEditCommand(id, body, actor, ctx));
  }

  @ApiOp({
    summary: 'Cancel a campaign',
    description:
      'A draft: operators or the leader of its pickup point. A published campaign: operators only; every live order is cancelled with the reason shown to its consumer, ' +
      'online payments are refunded through the payment gateway and unpaid online orders can no longer be paid, pay-at-pickup orders are released, ' +
      'and the whole quota reserved at the supplying warehouse goes back to stock (process managers, moments later). Joins are refused afterwards with `CAMPAIGN_CANCELLED`. ' +
      'Recorded as `CampaignCancelled` with who, when and why. INVALID_STATE: being published right now, try again.',
    answer: CampaignCancelledView,
    params: { id: ID },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CAMPAIGN_CANCELLED', 'ALREADY_DECIDED', 'INVALID_STATE'],
  })
  @Roles('operator', 'leader')
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @Param('id') id: string,
    @Body() body: CancelCampaignDto,
    @CurrentUser() actor: AuthUser,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commandBus.execute(new CampaignLifecycleCancelCommand(id, body, actor, ctx));
  }

  @ApiOp({
    summary: 'Run the cut-off now',
    description:
      'Cuts off an open campaign now instead of at its `cutoffAt`: unpaid online orders expire, then it succeeds (orders confirmed, goods sent to the pickup point) or fails ' +
      '(orders cancelled, paid ones refunded) exactly as at its deadline — the same command under the same command id, so the deadline firing later changes nothing. ' +
      'The outcome event names the operator (`closedBy`).',
    answer: CampaignCutoffView,
    params: { id: ID },
    errors: ['NOT_FOUND', 'NOT_OPEN', 'ALREADY_DECIDED', 'CAMPAIGN_CANCELLED'],
  })
  @Roles('operator')
  @Post(':id/cutoff')
  @HttpCode(200)
  runCutoff(
    @Param('id') id: string,
    @CurrentUser() actor: AuthUser,
    @Ctx() ctx: RequestContext,
  ): Promise<CampaignCutoffView> {
    return this.commandBus.execute(new CampaignLifecycleRunCutoffCommand(id, actor, ctx));
  }
}
