import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, BuyerCommands } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { CreditLimitDto, RegisterBuyerDto } from './wholesale.dto';

/** Register a buyer */
export class BuyersRegisterCommand extends Command<ResultOf<BuyersRegisterHandler>> {
  constructor(
    readonly body: RegisterBuyerDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(BuyersRegisterCommand)
export class BuyersRegisterHandler {
  constructor(private readonly buyers: BuyerCommands) {}

  execute({ body, ctx }: { body: RegisterBuyerDto; ctx: RequestContext }) {
    return this.buyers.register(body, commandContextOf(ctx, 'register-buyer'));
  }
}

/** Set a buyer’s credit limit */
export class BuyersSetCreditCommand extends Command<ResultOf<BuyersSetCreditHandler>> {
  constructor(
    readonly id: string,
    readonly body: CreditLimitDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(BuyersSetCreditCommand)
export class BuyersSetCreditHandler {
  constructor(private readonly buyers: BuyerCommands) {}

  execute({ id, body, ctx }: { id: string; body: CreditLimitDto; ctx: RequestContext }) {
    return this.buyers.setCreditLimit(id, body.creditLimitFen, commandContextOf(ctx, `credit:${id}`));
  }
}

/** The handlers of the commands of buyers.controller.ts, registered in the app module. */
export const BUYERS_COMMAND_HANDLERS = [BuyersRegisterHandler, BuyersSetCreditHandler];
