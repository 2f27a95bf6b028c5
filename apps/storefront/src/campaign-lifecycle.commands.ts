import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, CampaignCommands, CampaignCutoff, commandContextOf } from '@gx/application';
import type { AuthUser, RequestContext } from '@gx/platform';
import { CancelCampaignDto, EditCampaignDto } from './group-buy.dto';

/** Edit a draft campaign */
export class CampaignLifecycleEditCommand extends Command<ResultOf<CampaignLifecycleEditHandler>> {
  constructor(
    readonly id: string,
    readonly body: EditCampaignDto,
    readonly actor: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CampaignLifecycleEditCommand)
export class CampaignLifecycleEditHandler {
  constructor(private readonly campaigns: CampaignCommands) {}

  execute({ id, body, actor, ctx }: { id: string; body: EditCampaignDto; actor: AuthUser; ctx: RequestContext }) {
    return this.campaigns.edit(id, body, actor, commandContextOf(ctx, `edit-campaign:${id}`));
  }
}

/** Cancel a campaign */
export class CampaignLifecycleCancelCommand extends Command<ResultOf<CampaignLifecycleCancelHandler>> {
  constructor(
    readonly id: string,
    readonly body: CancelCampaignDto,
    readonly actor: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CampaignLifecycleCancelCommand)
export class CampaignLifecycleCancelHandler {
  constructor(private readonly campaigns: CampaignCommands) {}

  execute({ id, body, actor, ctx }: { id: string; body: CancelCampaignDto; actor: AuthUser; ctx: RequestContext }) {
    return this.campaigns.cancel(id, body.reason, actor, commandContextOf(ctx, `cancel-campaign:${id}`));
  }
}

/** Run the cut-off now */
export class CampaignLifecycleRunCutoffCommand extends Command<ResultOf<CampaignLifecycleRunCutoffHandler>> {
  constructor(
    readonly id: string,
    readonly actor: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CampaignLifecycleRunCutoffCommand)
export class CampaignLifecycleRunCutoffHandler {
  constructor(private readonly cutoffs: CampaignCutoff) {}

  execute({ id, actor, ctx }: { id: string; actor: AuthUser; ctx: RequestContext }) {
    return this.cutoffs.runNow(id, actor, commandContextOf(ctx, `cutoff-campaign:${id}`));
  }
}

/** The handlers of the commands of campaign-lifecycle.controller.ts, registered in the app module. */
export const CAMPAIGN_LIFECYCLE_COMMAND_HANDLERS = [
  CampaignLifecycleEditHandler,
  CampaignLifecycleCancelHandler,
  CampaignLifecycleRunCutoffHandler,
];
