import { Command, CommandHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, AfterQueryDto, commandContextOf, StockDesk, StockQueries } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { TransferDto, TransferReceiptDto } from './stock.dto';

/** Send a transfer */
export class TransfersSendCommand extends Command<ResultOf<TransfersSendHandler>> {
  constructor(
    readonly body: TransferDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(TransfersSendCommand)
export class TransfersSendHandler {
  constructor(private readonly desk: StockDesk) {}

  execute({ body, ctx }: { body: TransferDto; ctx: RequestContext }) {
    return this.desk.send(body, commandContextOf(ctx, 'transfer-out'));
  }
}

/** Receive a transfer */
export class TransfersReceiveCommand extends Command<ResultOf<TransfersReceiveHandler>> {
  constructor(
    readonly id: string,
    readonly body: TransferReceiptDto,
    readonly query: AfterQueryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(TransfersReceiveCommand)
export class TransfersReceiveHandler {
  constructor(
    private readonly queries: StockQueries,
    private readonly desk: StockDesk,
  ) {}

  async execute({
    id,
    body,
    query,
    ctx,
  }: {
    id: string;
    body: TransferReceiptDto;
    query: AfterQueryDto;
    ctx: RequestContext;
  }) {
    const transfer = await this.queries.transferDoc(id, query.after);
    if (!transfer) throw new NotFoundException(`no transfer ${id}`);
    return this.desk.receive(transfer, body.received, commandContextOf(ctx, `transfer-in:${id}`));
  }
}

/** The handlers of the commands of transfers.controller.ts, registered in the app module. */
export const TRANSFERS_COMMAND_HANDLERS = [TransfersSendHandler, TransfersReceiveHandler];
