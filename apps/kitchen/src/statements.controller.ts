import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { commandContextOf, KitchenQueries, StatementCommands, KitchenViews } from '@gx/application';
import { ApiOp, Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { StatementPaidView, StatementView } from './kitchen.views';
import { MONTH_PATTERN, RecordPaymentDto, StatementQueryDto } from './kitchen.dto';

/** Path of the statement endpoints. */
class MonthParamsDto {
  @ApiProperty({ example: '2026-12', description: 'business month (YYYY-MM, Asia/Shanghai delivery dates)' })
  @Matches(MONTH_PATTERN, { message: 'month must be written YYYY-MM' })
  month: string;
}

/** Monthly statements (对账单): received deliveries, claims, totals, payments; paid or not. */
@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class StatementsController {
  constructor(
    private readonly commands: StatementCommands,
    private readonly queries: KitchenQueries,
    private readonly views: KitchenViews,
  ) {}

  @Get(':month')
  @Roles('purchaser', 'operator')
  @ApiOp({ summary: 'Monthly statement', description: 'A kitchen’s statement (对账单) for a business month (Asia/Shanghai delivery dates): a purchaser’s own; operators name `kitchen`. Money in fen.', answer: StatementView })
  async get(@Param() params: MonthParamsDto, @Query() query: StatementQueryDto, @CurrentUser() user: AuthUser) {
    return this.views.statement(await this.queries.statement(user, params.month, query));
  }

  @Post(':month/payments')
  @Roles('operator')
  @HttpCode(201)
  @ApiOp({ summary: 'Record a statement payment', description: 'A bank transfer received against a kitchen’s statement (`amountFen`; its reference once per statement).', answer: StatementPaidView, status: 201, errors: ['ALREADY_EXISTS', 'INVALID_DATES', 'INVALID_STATE'] })
  async pay(@Param() params: MonthParamsDto, @Body() body: RecordPaymentDto, @Ctx() ctx: RequestContext) {
    const { amountFen, ...rest } = body;
    const out = await this.commands.recordPayment({ ...rest, amount: amountFen, month: params.month }, commandContextOf(ctx, `statement-payment:${body.kitchen}:${params.month}`));
    return { kitchen: out.kitchen, month: out.month, paidFen: out.paid, position: out.position };
  }
}
