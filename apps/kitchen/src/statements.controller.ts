import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { commandContextOf, KitchenQueries, StatementCommands } from '@gx/application';
import { Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { MONTH_PATTERN, RecordPaymentDto, StatementQueryDto } from './kitchen.dto';

/** Path of the statement endpoints. */
class MonthParamsDto {
  @Matches(MONTH_PATTERN, { message: 'month must be written YYYY-MM' }) month: string;
}

/** Monthly statements (对账单): received deliveries, claims, totals, payments; paid or not. */
@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class StatementsController {
  constructor(
    private readonly commands: StatementCommands,
    private readonly queries: KitchenQueries,
  ) {}

  /** A kitchen's statement for a month (Asia/Shanghai delivery dates): a purchaser's own; operators name `kitchen`. */
  @Get(':month')
  @Roles('purchaser', 'operator')
  get(@Param() params: MonthParamsDto, @Query() query: StatementQueryDto, @CurrentUser() user: AuthUser) {
    return this.queries.statement(user, params.month, query);
  }

  /** Record a bank transfer received against a kitchen's statement (its reference once per statement). */
  @Post(':month/payments')
  @Roles('operator')
  @HttpCode(201)
  pay(@Param() params: MonthParamsDto, @Body() body: RecordPaymentDto, @Ctx() ctx: RequestContext) {
    return this.commands.recordPayment({ ...body, month: params.month }, commandContextOf(ctx, `statement-payment:${body.kitchen}:${params.month}`));
  }
}
