import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { ContractCreatedView, ContractListView, ContractView } from './kitchen.views';
import { CreateContractDto, KitchenListQueryDto } from './kitchen.dto';
import { ContractsCreateCommand } from './contracts.commands';
import { ContractsListQuery, ContractsGetQuery } from './contracts.queries';

/** Supply contracts (供货协议): operators create them; a kitchen's purchaser reads its own. */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @HttpCode(201)
  @ApiOp({
    summary: 'Create a contract',
    description:
      'SKUs at contract prices (`unitPriceFen` per `saleUnit`: the SKU’s base unit or one of its sale units) for a period, with optional contracted totals in base units (`limitBase`). The answer is the contract as GET shows it.',
    answer: ContractCreatedView,
    status: 201,
    errors: ['UNKNOWN_SKU', 'UNKNOWN_UNIT', 'INVALID_DATES', 'NOT_FOUND'],
  })
  create(@Body() body: CreateContractDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new ContractsCreateCommand(body, ctx));
  }

  @Get()
  @Roles('purchaser', 'operator')
  @ApiOp({
    summary: 'List contracts',
    description: 'With what has been drawn of each contracted total: a purchaser’s own kitchen’s, or (operators) any.',
    answer: ContractListView,
  })
  list(@Query() query: KitchenListQueryDto, @CurrentUser() user: AuthUser) {
    return this.queryBus.execute(new ContractsListQuery(query, user));
  }

  @Get(':id')
  @Roles('purchaser', 'operator')
  @ApiOp({
    summary: 'One contract',
    description: 'Another kitchen’s contract is NOT_FOUND.',
    answer: ContractView,
    params: { id: 'contract id (CT-…)' },
    errors: ['NOT_FOUND'],
  })
  get(@Param('id') id: string, @Query() query: AfterQueryDto, @CurrentUser() user: AuthUser) {
    return this.queryBus.execute(new ContractsGetQuery(id, query, user));
  }
}
