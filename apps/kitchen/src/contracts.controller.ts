import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, ContractCommands, KitchenQueries, KitchenViews } from '@gx/application';
import { ApiOp, Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { ContractCreatedView, ContractListView, ContractView } from './kitchen.views';
import { CreateContractDto, KitchenListQueryDto } from './kitchen.dto';

/** Supply contracts (供货协议): operators create them; a kitchen's purchaser reads its own. */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly commands: ContractCommands,
    private readonly queries: KitchenQueries,
    private readonly views: KitchenViews,
  ) {}

  @Post()
  @Roles('operator')
  @HttpCode(201)
  @ApiOp({
    summary: 'Create a contract',
    description: 'SKUs at contract prices (`unitPriceFen` per `saleUnit`: the SKU’s base unit or one of its sale units) for a period, with optional contracted totals in base units (`limitBase`). The answer is the contract as GET shows it.',
    answer: ContractCreatedView,
    status: 201,
    errors: ['UNKNOWN_SKU', 'UNKNOWN_UNIT', 'INVALID_DATES', 'NOT_FOUND'],
  })
  async create(@Body() body: CreateContractDto, @Ctx() ctx: RequestContext) {
    const lines = body.lines.map((l) => ({ sku: l.sku, unit: l.saleUnit, fen: l.unitPriceFen, ...(l.limitBase !== undefined && { limit: l.limitBase }) }));
    const { contractId, position, state } = await this.commands.create({ ...body, lines }, commandContextOf(ctx, 'create-contract'));
    const { kitchen, title, from, to } = state;
    const created = Object.values(state.lines).map((l) => ({ ...l, drawn: 0, remaining: l.limit ?? null }));
    const view = await this.views.contract({ contractId, kitchen, title, from, to, lines: created, createdBy: ctx.user?.username ?? '', createdAt: ctx.now.toISOString() });
    return { ...view, position };
  }

  @Get()
  @Roles('purchaser', 'operator')
  @ApiOp({ summary: 'List contracts', description: 'With what has been drawn of each contracted total: a purchaser’s own kitchen’s, or (operators) any.', answer: ContractListView })
  async list(@Query() query: KitchenListQueryDto, @CurrentUser() user: AuthUser) {
    return { items: await this.views.contracts(await this.queries.contracts(user, query)) };
  }

  @Get(':id')
  @Roles('purchaser', 'operator')
  @ApiOp({ summary: 'One contract', description: 'Another kitchen’s contract is NOT_FOUND.', answer: ContractView, params: { id: 'contract id (CT-…)' }, errors: ['NOT_FOUND'] })
  async get(@Param('id') id: string, @Query() query: AfterQueryDto, @CurrentUser() user: AuthUser) {
    return this.views.contract(await this.queries.contract(user, id, query.after));
  }
}
