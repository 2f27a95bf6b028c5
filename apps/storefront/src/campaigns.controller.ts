import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, CurrentUser, Public, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import {
  CampaignChangedView,
  CampaignListView,
  CampaignView,
  LeaderCommissionView,
  PlacedOrderView,
} from './storefront.views';
import { CampaignListQueryDto, CreateCampaignDto, JoinCampaignDto } from './group-buy.dto';
import { CampaignsCreateCommand, CampaignsPublishCommand, CampaignsJoinCommand } from './campaigns.commands';
import { CampaignsListQuery, CampaignsGetQuery } from './campaigns.queries';

/** Community group-buy campaigns (团购活动): anyone browses; operators and leaders create and publish; consumers join. */
@ApiTags('campaigns')
@ApiExtraModels(LeaderCommissionView)
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Public()
  @Get()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOp({
    summary: 'List campaigns',
    description:
      'Campaigns with their remaining quota and progress to the minimum, the latest cut-off first. Anyone may read published, succeeded and failed campaigns; drafts are shown to operators and the leader of their pickup point only.',
    answer: CampaignListView,
  })
  list(@Query() query: CampaignListQueryDto, @CurrentUser() viewer?: AuthUser): Promise<Buffer> {
    return this.queryBus.execute(new CampaignsListQuery(query, viewer));
  }

  @Public()
  @Get(':id')
  @ApiOp({
    summary: 'One campaign',
    description: 'A draft is NOT_FOUND for anyone but its managers.',
    answer: CampaignView,
    params: { id: 'campaign id (GB-…)' },
    errors: ['NOT_FOUND'],
  })
  get(@Param('id') id: string, @Query() query: AfterQueryDto, @CurrentUser() viewer?: AuthUser) {
    return this.queryBus.execute(new CampaignsGetQuery(id, query, viewer));
  }

  @ApiBearerAuth()
  @Roles('operator', 'leader')
  @Post()
  @HttpCode(201)
  @ApiOp({
    summary: 'Create a draft campaign',
    description:
      'Operators, or a leader for the pickup point they run. Quantities (quota, minQuantity, perCustomerLimit) are whole sale units of `saleUnit`; the price is fen per sale unit. The answer is the campaign as GET shows it.',
    answer: CampaignChangedView,
    status: 201,
    errors: ['NOT_FOUND', 'INVALID_STATE', 'FORBIDDEN'],
  })
  create(@Body() body: CreateCampaignDto, @CurrentUser() actor: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CampaignsCreateCommand(body, actor, ctx));
  }

  @ApiBearerAuth()
  @Roles('operator', 'leader')
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOp({
    summary: 'Publish a campaign',
    description:
      'Reserves the quota from the supplying warehouse’s stock and opens the campaign. INSUFFICIENT_STOCK (stated in the campaign’s sale unit) leaves it a draft.',
    answer: CampaignChangedView,
    params: { id: 'campaign id (GB-…)' },
    errors: ['NOT_FOUND', 'INSUFFICIENT_STOCK', 'INVALID_STATE'],
  })
  publish(@Param('id') id: string, @CurrentUser() actor: AuthUser, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CampaignsPublishCommand(id, actor, ctx));
  }

  @ApiBearerAuth()
  @Roles('consumer')
  @Post(':id/orders')
  @HttpCode(201)
  @ApiOp({
    summary: 'Join a campaign (place an order)',
    description:
      'The order holds quota at once; `quantity` is whole sale units. An online order answers its Stripe client secret in `payment` and must be paid within the payment window. The answer is the order as GET /orders/{id} shows it.',
    answer: PlacedOrderView,
    status: 201,
    params: { id: 'campaign id (GB-…)' },
    errors: ['NOT_FOUND', 'SOLD_OUT', 'LIMIT_EXCEEDED', 'NOT_OPEN', 'CUTOFF_PASSED', 'PAYMENT_METHOD_UNAVAILABLE'],
  })
  join(
    @Param('id') id: string,
    @Body() body: JoinCampaignDto,
    @CurrentUser() customer: AuthUser,
    @Ctx() ctx: RequestContext,
  ) {
    return this.commandBus.execute(new CampaignsJoinCommand(id, body, customer, ctx));
  }
}
