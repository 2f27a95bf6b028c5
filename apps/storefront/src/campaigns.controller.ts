import { Body, Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, CampaignCommands, CampaignPublication, commandContextOf, GroupBuyOrders, GroupBuyQueries } from '@gx/application';
import { Ctx, CurrentUser, Public, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { CampaignListQueryDto, CreateCampaignDto, JoinCampaignDto } from './group-buy.dto';

/** Community group-buy campaigns (团购活动): anyone browses; operators and leaders create and publish; consumers join. */
@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignCommands,
    private readonly publication: CampaignPublication,
    private readonly orders: GroupBuyOrders,
    private readonly queries: GroupBuyQueries,
  ) {}

  /** Campaigns with their remaining quota and progress to the minimum (drafts only for their managers). */
  @Public()
  @Get()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({ description: '`{ items: Campaign[] }`' })
  list(@Query() query: CampaignListQueryDto, @CurrentUser() viewer?: AuthUser): Promise<Buffer> {
    // JSON bytes made by the query (the public's answer is serialised once per read-model checkpoint).
    return this.queries.campaignListing(query, viewer);
  }

  @Public()
  @Get(':id')
  async get(@Param('id') id: string, @Query() query: AfterQueryDto, @CurrentUser() viewer?: AuthUser) {
    const campaign = await this.queries.campaign(id, viewer, query.after);
    if (!campaign) throw new NotFoundException(`no campaign ${id}`);
    return campaign;
  }

  /** Create a draft campaign (operators; a leader for their own pickup point). */
  @ApiBearerAuth()
  @Roles('operator', 'leader')
  @Post()
  @HttpCode(201)
  create(@Body() body: CreateCampaignDto, @CurrentUser() actor: AuthUser, @Ctx() ctx: RequestContext) {
    return this.campaigns.create(body, actor, commandContextOf(ctx, 'create-campaign'));
  }

  /** Publish: reserves the quota from the supplying warehouse's stock and opens the campaign (INSUFFICIENT_STOCK otherwise). */
  @ApiBearerAuth()
  @Roles('operator', 'leader')
  @Post(':id/publish')
  @HttpCode(200)
  publish(@Param('id') id: string, @CurrentUser() actor: AuthUser, @Ctx() ctx: RequestContext) {
    return this.publication.publish(id, actor, commandContextOf(ctx, `publish-campaign:${id}`));
  }

  /**
   * Join: the order holds quota at once (SOLD_OUT, LIMIT_EXCEEDED, NOT_OPEN, CUTOFF_PASSED otherwise).
   * An online order answers its Stripe client secret and must be paid within the payment window.
   */
  @ApiBearerAuth()
  @Roles('consumer')
  @Post(':id/orders')
  @HttpCode(201)
  join(@Param('id') id: string, @Body() body: JoinCampaignDto, @CurrentUser() customer: AuthUser, @Ctx() ctx: RequestContext) {
    return this.orders.join(id, body, customer.username, commandContextOf(ctx, `join-campaign:${id}`));
  }
}
