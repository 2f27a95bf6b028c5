import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, StatementCommands } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { RecordPaymentDto } from './kitchen.dto';
import type { MonthParamsDto } from './statements.controller';

/** Record a statement payment */
export class StatementsPayCommand extends Command<ResultOf<StatementsPayHandler>> {
  constructor(
    readonly params: MonthParamsDto,
    readonly body: RecordPaymentDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StatementsPayCommand)
export class StatementsPayHandler {
  constructor(private readonly commands: StatementCommands) {}

  async execute({ params, body, ctx }: { params: MonthParamsDto; body: RecordPaymentDto; ctx: RequestContext }) {
    const { amountFen, ...rest } = body;
    const out = await this.commands.recordPayment(
      { ...rest, amount: amountFen, month: params.month },
      commandContextOf(ctx, `statement-payment:${body.kitchen}:${params.month}`),
    );
    return { kitchen: out.kitchen, month: out.month, paidFen: out.paid, position: out.position };
  }
}

/** The handlers of the commands of statements.controller.ts, registered in the app module. */
export const STATEMENTS_COMMAND_HANDLERS = [StatementsPayHandler];
