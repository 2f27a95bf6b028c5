import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, CampaignCommands, CampaignPublication, commandContextOf, GroupBuyOrders } from '@gx/application';
import type { AuthUser, RequestContext } from '@gx/platform';
import { CreateCampaignDto, JoinCampaignDto } from './group-buy.dto';

/** Create a draft campaign */
export class CampaignsCreateCommand extends Command<ResultOf<CampaignsCreateHandler>> {
  constructor(
    readonly body: CreateCampaignDto,
    readonly actor: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CampaignsCreateCommand)
export class CampaignsCreateHandler {
  constructor(private readonly campaigns: CampaignCommands) {}

  execute({ body, actor, ctx }: { body: CreateCampaignDto; actor: AuthUser; ctx: RequestContext }) {
    return this.campaigns.create(body, actor, commandContextOf(ctx, 'create-campaign'));
  }
}

/** Publish a campaign */
export class CampaignsPublishCommand extends Command<ResultOf<CampaignsPublishHandler>> {
  constructor(
    readonly id: string,
    readonly actor: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CampaignsPublishCommand)
export class CampaignsPublishHandler {
  constructor(private readonly publication: CampaignPublication) {}

  execute({ id, actor, ctx }: { id: string; actor: AuthUser; ctx: RequestContext }) {
    return this.publication.publish(id, actor, commandContextOf(ctx, `publish-campaign:${id}`));
  }
}

/** Join a campaign (place an order) */
export class CampaignsJoinCommand extends Command<ResultOf<CampaignsJoinHandler>> {
  constructor(
    readonly id: string,
    readonly body: JoinCampaignDto,
    readonly customer: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CampaignsJoinCommand)
export class CampaignsJoinHandler {
  constructor(private readonly orders: GroupBuyOrders) {}

  execute({ id, body, customer, ctx }: { id: string; body: JoinCampaignDto; customer: AuthUser; ctx: RequestContext }) {
    return this.orders.join(id, body, customer.username, commandContextOf(ctx, `join-campaign:${id}`));
  }
}

/** The handlers of the commands of campaigns.controller.ts, registered in the app module. */
export const CAMPAIGNS_COMMAND_HANDLERS = [CampaignsCreateHandler, CampaignsPublishHandler, CampaignsJoinHandler];
