import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ApiOp, Ctx, CurrentUser, Roles, type AuthUser, type RequestContext } from '@gx/platform';
import { StatementPaidView, StatementView } from './kitchen.views';
import { MONTH_PATTERN, RecordPaymentDto, StatementQueryDto } from './kitchen.dto';
import { StatementsPayCommand } from './statements.commands';
import { StatementsGetQuery } from './statements.queries';

/** Path of the statement endpoints. */
export class MonthParamsDto {
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
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get(':month')
  @Roles('purchaser', 'operator')
  @ApiOp({
    summary: 'Monthly statement',
    description:
      'A kitchen’s statement (对账单) for a business month (Asia/Shanghai delivery dates): a purchaser’s own; operators name `kitchen`. Money in fen.',
    answer: StatementView,
  })
  get(@Param() params: MonthParamsDto, @Query() query: StatementQueryDto, @CurrentUser() user: AuthUser) {
    return this.queryBus.execute(new StatementsGetQuery(params, query, user));
  }

  @Post(':month/payments')
  @Roles('operator')
  @HttpCode(201)
  @ApiOp({
    summary: 'Record a statement payment',
    description:
      'A bank transfer received against a kitchen’s statement (`amountFen`; its reference once per statement).',
    answer: StatementPaidView,
    status: 201,
    errors: ['ALREADY_EXISTS', 'INVALID_DATES', 'INVALID_STATE'],
  })
  pay(@Param() params: MonthParamsDto, @Body() body: RecordPaymentDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new StatementsPayCommand(params, body, ctx));
  }
}
