import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, StockCommands, StockDesk } from '@gx/application';
import { ProblemException, type RequestContext } from '@gx/platform';
import { CreateReceiptDto, InspectionClearanceDto, WriteOffDto } from './stock.dto';

/** Receive stock */
export class StockReceiveCommand extends Command<ResultOf<StockReceiveHandler>> {
  constructor(
    readonly body: CreateReceiptDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StockReceiveCommand)
export class StockReceiveHandler {
  constructor(
    private readonly commands: StockCommands,
    private readonly desk: StockDesk,
  ) {}

  async execute({ body, ctx }: { body: CreateReceiptDto; ctx: RequestContext }) {
    const { quantityBase, costFen, costPerBase, ...rest } = body;
    if ((costFen === undefined) !== (costPerBase === undefined)) {
      const message = 'give costFen and costPerBase together, or neither';
      throw new ProblemException(400, 'VALIDATION_FAILED', `Invalid request: ${message}`, {
        errors: [{ field: costFen === undefined ? 'costFen' : 'costPerBase', message }],
      });
    }
    const cost = costFen !== undefined && costPerBase !== undefined ? { cost: { fen: costFen, per: costPerBase } } : {};
    const { quantity, ...out } = await this.commands.receive(
      { ...rest, quantity: quantityBase, ...cost },
      commandContextOf(ctx, 'receive-stock'),
    );
    return { ...out, baseUnit: await this.desk.baseUnitOf(body.sku), quantityBase: quantity };
  }
}

/** Write off stock */
export class StockWriteOffCommand extends Command<ResultOf<StockWriteOffHandler>> {
  constructor(
    readonly body: WriteOffDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StockWriteOffCommand)
export class StockWriteOffHandler {
  constructor(private readonly desk: StockDesk) {}

  async execute({ body, ctx }: { body: WriteOffDto; ctx: RequestContext }) {
    const { sku, warehouse, ...rest } = body;
    return this.desk.writeOff({ sku, warehouse }, rest, commandContextOf(ctx, 'write-off'));
  }
}

/** Record an inspection */
export class StockInspectionCommand extends Command<ResultOf<StockInspectionHandler>> {
  constructor(
    readonly batchId: string,
    readonly body: InspectionClearanceDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(StockInspectionCommand)
export class StockInspectionHandler {
  constructor(private readonly commands: StockCommands) {}

  async execute({ batchId, body, ctx }: { batchId: string; body: InspectionClearanceDto; ctx: RequestContext }) {
    const out = await this.commands.clearInspection(
      { sku: body.sku, warehouse: body.warehouse },
      { batchId, inspection: body.inspection },
      commandContextOf(ctx, 'clear-inspection'),
    );
    return { batchId, inspection: body.inspection, position: out.position };
  }
}

/** The handlers of the commands of stock.controller.ts, registered in the app module. */
export const STOCK_COMMAND_HANDLERS = [StockReceiveHandler, StockWriteOffHandler, StockInspectionHandler];
