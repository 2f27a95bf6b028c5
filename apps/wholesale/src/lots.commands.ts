import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, BidCommands, LotCommands, lotTermsAnswer, buyerIdOf } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { ListLotDto, PlaceBidDto } from './wholesale.dto';

/** List a lot */
export class LotsListCommand extends Command<ResultOf<LotsListHandler>> {
  constructor(
    readonly body: ListLotDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(LotsListCommand)
export class LotsListHandler {
  constructor(private readonly lots: LotCommands) {}

  async execute({ body, ctx }: { body: ListLotDto; ctx: RequestContext }) {
    const { terms, baseUnit, position } = await this.lots.list(body, commandContextOf(ctx, 'list-lot'));
    return { ...lotTermsAnswer(terms, baseUnit), position };
  }
}

/** Bid on a lot */
export class LotsBidCommand extends Command<ResultOf<LotsBidHandler>> {
  constructor(
    readonly id: string,
    readonly body: PlaceBidDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(LotsBidCommand)
export class LotsBidHandler {
  constructor(private readonly bids: BidCommands) {}

  execute({ id, body, ctx }: { id: string; body: PlaceBidDto; ctx: RequestContext }) {
    return this.bids.place(id, buyerIdOf(ctx.user), body, commandContextOf(ctx, `bid:${id}`));
  }
}

/** The handlers of the commands of lots.controller.ts, registered in the app module. */
export const LOTS_COMMAND_HANDLERS = [LotsListHandler, LotsBidHandler];
