import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, AfterQueryDto, commandContextOf, PickupReceipts } from '@gx/application';
import type { AuthUser, RequestContext } from '@gx/platform';
import { PickupReceiptDto } from './group-buy.dto';

/** Receive goods at a pickup point */
export class PickupPointsReceiveCommand extends Command<ResultOf<PickupPointsReceiveHandler>> {
  constructor(
    readonly code: string,
    readonly transferId: string,
    readonly body: PickupReceiptDto,
    readonly query: AfterQueryDto,
    readonly actor: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PickupPointsReceiveCommand)
export class PickupPointsReceiveHandler {
  constructor(private readonly receipts: PickupReceipts) {}

  execute({
    code,
    transferId,
    body,
    query,
    actor,
    ctx,
  }: {
    code: string;
    transferId: string;
    body: PickupReceiptDto;
    query: AfterQueryDto;
    actor: AuthUser;
    ctx: RequestContext;
  }) {
    return this.receipts.receive(
      code,
      transferId,
      body.received,
      actor,
      query.after,
      commandContextOf(ctx, `transfer-in:${transferId}`),
    );
  }
}

/** The handlers of the commands of pickup-points.controller.ts, registered in the app module. */
export const PICKUP_POINTS_COMMAND_HANDLERS = [PickupPointsReceiveHandler];
