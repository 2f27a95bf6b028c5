import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { BuyerMeView, BuyerRegisteredView, BuyerView, CreditSetView } from './wholesale.views';
import { CreditLimitDto, RegisterBuyerDto } from './wholesale.dto';
import { BuyersRegisterCommand, BuyersSetCreditCommand } from './buyers.commands';
import { BuyersMeQuery, BuyersGetQuery } from './buyers.queries';

/** Wholesale buyers and their credit (授信). */
@ApiTags('buyers')
@ApiBearerAuth()
@Controller('buyers')
export class BuyersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Roles('operator')
  @HttpCode(201)
  @ApiOp({
    summary: 'Register a buyer',
    description: 'A buyer’s login (role buyer); approve it with PUT /buyers/{id}/credit.',
    answer: BuyerRegisteredView,
    status: 201,
    errors: ['ALREADY_EXISTS'],
  })
  register(@Body() body: RegisterBuyerDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new BuyersRegisterCommand(body, ctx));
  }

  @Put(':id/credit')
  @Roles('operator')
  @HttpCode(200)
  @ApiOp({
    summary: 'Set a buyer’s credit limit',
    answer: CreditSetView,
    params: { id: 'buyer id' },
    errors: ['NOT_FOUND', 'INVALID_STATE'],
    description:
      'Approve a registered buyer (POST /buyers) with a credit limit in fen, or change it; an unknown buyer id is NOT_FOUND and nothing is written.',
  })
  setCredit(@Param('id') id: string, @Body() body: CreditLimitDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new BuyersSetCreditCommand(id, body, ctx));
  }

  @Get('me')
  @Roles('buyer')
  @ApiOp({
    summary: 'The signed-in buyer’s account',
    description:
      'The buyer id the signed-in user acts for, the buyer’s name and its credit in fen, read from the write side (exact at once).',
    answer: BuyerMeView,
  })
  me(@Ctx() ctx: RequestContext): Promise<BuyerMeView> {
    return this.queryBus.execute(new BuyersMeQuery(ctx));
  }

  @Get(':id')
  @ApiOp({
    summary: 'A buyer’s credit',
    description:
      'Credit limit, exposure, receivables and available credit in fen (operators, or the buyer itself; anyone else NOT_FOUND).',
    answer: BuyerView,
    params: { id: 'buyer id' },
    errors: ['NOT_FOUND'],
  })
  @Roles('buyer', 'operator')
  get(@Param('id') id: string, @Query() query: AfterQueryDto, @Ctx() ctx: RequestContext) {
    return this.queryBus.execute(new BuyersGetQuery(id, query, ctx));
  }
}
