import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, DeliveryCommands, KitchenViews } from '@gx/application';
import type { AuthUser, RequestContext } from '@gx/platform';
import {
  AcceptSubstituteDto,
  CancelDeliveryDto,
  DismissShortageDto,
  ReceiveDeliveryDto,
  SubstituteParamsDto,
} from './kitchen.dto';

/** Receive a delivery */
export class DeliveriesReceiveCommand extends Command<ResultOf<DeliveriesReceiveHandler>> {
  constructor(
    readonly id: string,
    readonly body: ReceiveDeliveryDto,
    readonly user: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DeliveriesReceiveCommand)
export class DeliveriesReceiveHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly commands: DeliveryCommands,
  ) {}

  async execute({
    id,
    body,
    user,
    ctx,
  }: {
    id: string;
    body: ReceiveDeliveryDto;
    user: AuthUser;
    ctx: RequestContext;
  }) {
    const lines = (body.lines ?? []).map((l) => ({
      sku: l.sku,
      received: l.receivedBase,
      ...(l.damagedBase !== undefined && { damaged: l.damagedBase }),
      ...(l.qualityBase !== undefined && { qualityBase: l.qualityBase }),
    }));
    return this.views.receipt(
      await this.commands.receive(user, id, { lines, note: body.note }, commandContextOf(ctx, `receive:${id}`)),
    );
  }
}

/** Dispatch a delivery */
export class DeliveriesDispatchCommand extends Command<ResultOf<DeliveriesDispatchHandler>> {
  constructor(
    readonly id: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DeliveriesDispatchCommand)
export class DeliveriesDispatchHandler {
  constructor(
    private readonly views: KitchenViews,
    private readonly commands: DeliveryCommands,
  ) {}

  async execute({ id, ctx }: { id: string; ctx: RequestContext }) {
    return this.views.dispatched(await this.commands.dispatch(id, commandContextOf(ctx, `dispatch:${id}`)));
  }
}

/** Cancel a delivery */
export class DeliveriesCancelCommand extends Command<ResultOf<DeliveriesCancelHandler>> {
  constructor(
    readonly id: string,
    readonly body: CancelDeliveryDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DeliveriesCancelCommand)
export class DeliveriesCancelHandler {
  constructor(private readonly commands: DeliveryCommands) {}

  execute({ id, body, ctx }: { id: string; body: CancelDeliveryDto; ctx: RequestContext }) {
    return this.commands.cancel(id, body.reason, commandContextOf(ctx, `cancel-delivery:${id}`));
  }
}

/** Substitute a shortage */
export class DeliveriesSubstituteCommand extends Command<ResultOf<DeliveriesSubstituteHandler>> {
  constructor(
    readonly id: string,
    readonly sku: string,
    readonly body: AcceptSubstituteDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DeliveriesSubstituteCommand)
export class DeliveriesSubstituteHandler {
  constructor(private readonly commands: DeliveryCommands) {}

  async execute({ id, sku, body, ctx }: { id: string; sku: string; body: AcceptSubstituteDto; ctx: RequestContext }) {
    const choice = {
      ...(body.sku !== undefined && { sku: body.sku }),
      ...(body.quantityBase !== undefined && { quantity: body.quantityBase }),
    };
    return this.commands.acceptSubstitute(id, sku, choice, commandContextOf(ctx, `substitute:${id}:${sku}`));
  }
}

/** Dismiss a shortage */
export class DeliveriesDismissCommand extends Command<ResultOf<DeliveriesDismissHandler>> {
  constructor(
    readonly id: string,
    readonly sku: string,
    readonly body: DismissShortageDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DeliveriesDismissCommand)
export class DeliveriesDismissHandler {
  constructor(private readonly commands: DeliveryCommands) {}

  execute({ id, sku, body, ctx }: { id: string; sku: string; body: DismissShortageDto; ctx: RequestContext }) {
    return this.commands.dismissShortage(id, sku, body.note, commandContextOf(ctx, `dismiss:${id}:${sku}`));
  }
}

/** Accept a substitute line */
export class DeliveriesAcceptSubstituteCommand extends Command<ResultOf<DeliveriesAcceptSubstituteHandler>> {
  constructor(
    readonly params: SubstituteParamsDto,
    readonly user: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DeliveriesAcceptSubstituteCommand)
export class DeliveriesAcceptSubstituteHandler {
  constructor(private readonly commands: DeliveryCommands) {}

  execute({ params, user, ctx }: { params: SubstituteParamsDto; user: AuthUser; ctx: RequestContext }) {
    return this.commands.decideSubstitute(
      user,
      params.id,
      params.sku,
      'accepted',
      commandContextOf(ctx, `accept-substitute:${params.id}:${params.sku}`),
    );
  }
}

/** Refuse a substitute line */
export class DeliveriesRefuseSubstituteCommand extends Command<ResultOf<DeliveriesRefuseSubstituteHandler>> {
  constructor(
    readonly params: SubstituteParamsDto,
    readonly user: AuthUser,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DeliveriesRefuseSubstituteCommand)
export class DeliveriesRefuseSubstituteHandler {
  constructor(private readonly commands: DeliveryCommands) {}

  execute({ params, user, ctx }: { params: SubstituteParamsDto; user: AuthUser; ctx: RequestContext }) {
    return this.commands.decideSubstitute(
      user,
      params.id,
      params.sku,
      'refused',
      commandContextOf(ctx, `refuse-substitute:${params.id}:${params.sku}`),
    );
  }
}

/** The handlers of the commands of deliveries.controller.ts, registered in the app module. */
export const DELIVERIES_COMMAND_HANDLERS = [
  DeliveriesReceiveHandler,
  DeliveriesDispatchHandler,
  DeliveriesCancelHandler,
  DeliveriesSubstituteHandler,
  DeliveriesDismissHandler,
  DeliveriesAcceptSubstituteHandler,
  DeliveriesRefuseSubstituteHandler,
];
