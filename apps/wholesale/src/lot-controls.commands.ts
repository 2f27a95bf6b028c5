import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, LotCommands } from '@gx/application';
import type { LotState } from '@gx/domain';
import type { RequestContext } from '@gx/platform';
import type { WithdrawLotDto, LotControlView } from './lot-controls.controller';

const controlView = (lotId: string, state: LotState, position: string): LotControlView => ({
  lotId,
  status: state.status,
  ...(state.status === 'sold' && state.price !== null
    ? { pricePerUnitFen: state.price, ...(state.leader ? { winner: state.leader.alias } : {}) }
    : {}),
  position,
});

/** Withdraw a lot before its first bid */
export class LotControlsWithdrawCommand extends Command<ResultOf<LotControlsWithdrawHandler>> {
  constructor(
    readonly id: string,
    readonly body: WithdrawLotDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(LotControlsWithdrawCommand)
export class LotControlsWithdrawHandler {
  constructor(private readonly lots: LotCommands) {}

  async execute({ id, body, ctx }: { id: string; body: WithdrawLotDto; ctx: RequestContext }) {
    const out = await this.lots.withdraw(id, body.reason, commandContextOf(ctx, `withdraw:${id}`));
    return controlView(id, out.state, out.position);
  }
}

/** Close a lot now */
export class LotControlsCloseCommand extends Command<ResultOf<LotControlsCloseHandler>> {
  constructor(
    readonly id: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(LotControlsCloseCommand)
export class LotControlsCloseHandler {
  constructor(private readonly lots: LotCommands) {}

  async execute({ id, ctx }: { id: string; ctx: RequestContext }) {
    const out = await this.lots.closeNow(id, commandContextOf(ctx, `close:${id}`));
    return controlView(id, out.state, out.position);
  }
}

/** The handlers of the commands of lot-controls.controller.ts, registered in the app module. */
export const LOT_CONTROLS_COMMAND_HANDLERS = [LotControlsWithdrawHandler, LotControlsCloseHandler];
