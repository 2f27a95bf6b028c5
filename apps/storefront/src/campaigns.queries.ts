import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, AfterQueryDto, GroupBuyQueries } from '@gx/application';
import type { AuthUser } from '@gx/platform';
import { CampaignListQueryDto } from './group-buy.dto';

/** List campaigns */
export class CampaignsListQuery extends Query<ResultOf<CampaignsListHandler>> {
  constructor(
    readonly query: CampaignListQueryDto,
    readonly viewer: AuthUser | undefined,
  ) {
    super();
  }
}

@QueryHandler(CampaignsListQuery)
export class CampaignsListHandler {
  constructor(private readonly queries: GroupBuyQueries) {}

  execute({ query, viewer }: { query: CampaignListQueryDto; viewer: AuthUser | undefined }) {
    // JSON bytes made by the query (the public's answer is serialised once per read-model checkpoint).
    return this.queries.campaignListing(query, viewer);
  }
}

/** One campaign */
export class CampaignsGetQuery extends Query<ResultOf<CampaignsGetHandler>> {
  constructor(
    readonly id: string,
    readonly query: AfterQueryDto,
    readonly viewer: AuthUser | undefined,
  ) {
    super();
  }
}

@QueryHandler(CampaignsGetQuery)
export class CampaignsGetHandler {
  constructor(private readonly queries: GroupBuyQueries) {}

  async execute({ id, query, viewer }: { id: string; query: AfterQueryDto; viewer: AuthUser | undefined }) {
    const campaign = await this.queries.campaign(id, viewer, query.after);
    if (!campaign) throw new NotFoundException(`no campaign ${id}`);
    return campaign;
  }
}

/** The handlers of the queries of campaigns.controller.ts, registered in the app module. */
export const CAMPAIGNS_QUERY_HANDLERS = [CampaignsListHandler, CampaignsGetHandler];
