import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, commandContextOf, AuctionQueries, BuyerCommands } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
import { requireOperatorOrBuyer } from './viewer';
import { CreditLimitDto, RegisterBuyerDto } from './wholesale.dto';

/** Wholesale buyers and their credit (授信). */
@ApiTags('buyers')
@ApiBearerAuth()
@Controller('buyers')
export class BuyersController {
  constructor(
    private readonly buyers: BuyerCommands,
    private readonly queries: AuctionQueries,
  ) {}

  /** Register a buyer's login (role buyer); approve it with PUT /buyers/{id}/credit. */
  @Post()
  @Roles('operator')
  @HttpCode(201)
  register(@Body() body: RegisterBuyerDto, @Ctx() ctx: RequestContext) {
    return this.buyers.register(body, commandContextOf(ctx, 'register-buyer'));
  }

  /** Approve a buyer with a credit limit, or change it. */
  @Put(':id/credit')
  @Roles('operator')
  @HttpCode(200)
  setCredit(@Param('id') id: string, @Body() body: CreditLimitDto, @Ctx() ctx: RequestContext) {
    return this.buyers.setCreditLimit(id, body.creditLimit, commandContextOf(ctx, `credit:${id}`));
  }

  /** Credit limit, exposure, receivables and available credit (operators, or the buyer itself). */
  @Get(':id')
  @Roles('buyer', 'operator')
  async get(@Param('id') id: string, @Query() query: AfterQueryDto, @Ctx() ctx: RequestContext) {
    requireOperatorOrBuyer(ctx.user, id);
    const buyer = await this.queries.buyer(id, query.after);
    if (!buyer) throw new NotFoundException(`buyer ${id} has no approved credit`);
    return buyer;
  }
}
