import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, SaleCommands } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { SettleSaleDto } from './wholesale.dto';

/** Settle a sale */
export class SalesSettleCommand extends Command<ResultOf<SalesSettleHandler>> {
  constructor(
    readonly id: string,
    readonly body: SettleSaleDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SalesSettleCommand)
export class SalesSettleHandler {
  constructor(private readonly sales: SaleCommands) {}

  execute({ id, body, ctx }: { id: string; body: SettleSaleDto; ctx: RequestContext }) {
    return this.sales.settle(id, body, commandContextOf(ctx, `settle:${id}`));
  }
}

/** The handlers of the commands of sales.controller.ts, registered in the app module. */
export const SALES_COMMAND_HANDLERS = [SalesSettleHandler];
