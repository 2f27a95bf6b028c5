import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, ContractCommands, KitchenQueries } from '@gx/application';
import { Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { CreateContractDto, KitchenListQueryDto } from './kitchen.dto';

/** Supply contracts (供货协议): operators create them; a kitchen's purchaser reads its own. */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly commands: ContractCommands,
    private readonly queries: KitchenQueries,
  ) {}

  /** Create a contract: SKUs at contract prices (fen per unit) for a period, with optional contracted totals. */
  @Post()
  @Roles('operator')
  @HttpCode(201)
  async create(@Body() body: CreateContractDto, @Ctx() ctx: RequestContext) {
    const { contractId, position, state } = await this.commands.create(body, commandContextOf(ctx, 'create-contract'));
    const { kitchen, title, from, to } = state;
    return { contractId, kitchen, title, from, to, lines: Object.values(state.lines), position };
  }

  /** Contracts with what has been drawn of each contracted total: a purchaser's own kitchen's, or (operators) any. */
  @Get()
  @Roles('purchaser', 'operator')
  async list(@Query() query: KitchenListQueryDto, @CurrentUser() user: AuthUser) {
    return { items: await this.queries.contracts(user, query) };
  }

  @Get(':id')
  @Roles('purchaser', 'operator')
  get(@Param('id') id: string, @Query() query: AfterQueryDto, @CurrentUser() user: AuthUser) {
    return this.queries.contract(user, id, query.after);
  }
}
