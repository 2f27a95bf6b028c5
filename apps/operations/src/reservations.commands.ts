import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, StockDesk } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { AllocateDto, IssueDto, ReleaseDto, ReservationDto } from './stock.dto';

/** Reserve stock for a manual hold */
export class ReservationsReserveCommand extends Command<ResultOf<ReservationsReserveHandler>> {
  constructor(
    readonly body: ReservationDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ReservationsReserveCommand)
export class ReservationsReserveHandler {
  constructor(private readonly desk: StockDesk) {}

  async execute({ body, ctx }: { body: ReservationDto; ctx: RequestContext }) {
    const { sku, warehouse, ...rest } = body;
    return this.desk.reserve({ sku, warehouse }, rest, commandContextOf(ctx, 'reserve'));
  }
}

/** Release a manual hold */
export class ReservationsReleaseCommand extends Command<ResultOf<ReservationsReleaseHandler>> {
  constructor(
    readonly body: ReleaseDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ReservationsReleaseCommand)
export class ReservationsReleaseHandler {
  constructor(private readonly desk: StockDesk) {}

  async execute({ body, ctx }: { body: ReleaseDto; ctx: RequestContext }) {
    const { sku, warehouse, ...rest } = body;
    return this.desk.release({ sku, warehouse }, rest, commandContextOf(ctx, 'release'));
  }
}

/** Allocate a manual hold */
export class ReservationsAllocateCommand extends Command<ResultOf<ReservationsAllocateHandler>> {
  constructor(
    readonly body: AllocateDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ReservationsAllocateCommand)
export class ReservationsAllocateHandler {
  constructor(private readonly desk: StockDesk) {}

  async execute({ body, ctx }: { body: AllocateDto; ctx: RequestContext }) {
    const { sku, warehouse, ...rest } = body;
    return this.desk.allocate({ sku, warehouse }, rest, commandContextOf(ctx, 'allocate'));
  }
}

/** Issue a manual hold */
export class ReservationsIssueCommand extends Command<ResultOf<ReservationsIssueHandler>> {
  constructor(
    readonly body: IssueDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ReservationsIssueCommand)
export class ReservationsIssueHandler {
  constructor(private readonly desk: StockDesk) {}

  async execute({ body, ctx }: { body: IssueDto; ctx: RequestContext }) {
    const { sku, warehouse, ...rest } = body;
    return this.desk.issue({ sku, warehouse }, rest, commandContextOf(ctx, 'issue'));
  }
}

/** The handlers of the commands of reservations.controller.ts, registered in the app module. */
export const RESERVATIONS_COMMAND_HANDLERS = [
  ReservationsReserveHandler,
  ReservationsReleaseHandler,
  ReservationsAllocateHandler,
  ReservationsIssueHandler,
];
