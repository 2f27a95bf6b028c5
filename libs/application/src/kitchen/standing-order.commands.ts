import { Injectable } from '@nestjs/common';
import {
  DomainError,
  standingOrderDecider,
  standingOrderStream,
  type CutoffRule,
  type DeliverySchedule,
  type NextDelivery,
  type StandingLine,
  type StandingOrderCommand,
  type StandingOrderEvent,
  type StandingOrderState,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import type { AuthUser } from '@gx/platform';
import { CatalogCommands } from '../catalog/catalog.commands';
import { ContractCommands } from './contract.commands';
import { idDigest, purchaserKitchen } from './kitchen-access';
import { KITCHEN_COMMAND_IDS } from './kitchen.ids';

/** The default cut-off: 16:00 (Asia/Shanghai) the day before delivery. */
export const DEFAULT_STANDING_CUTOFF: CutoffRule = { daysBefore: 1, time: '16:00' };

/** Command id of the generation of one standing order's date (see {@link KITCHEN_COMMAND_IDS}). */
export const generationCommandId = KITCHEN_COMMAND_IDS.generate;

/** What running a cut-off did: the date became a delivery, lapsed (its day had passed), or had been handled already. */
export interface CutoffRun {
  standingOrderId: string;
  date: string;
  deliveryId: string | null;
  outcome: 'generated' | 'lapsed' | 'already_handled';
  next: NextDelivery | null;
  position: string;
}

/** A standing order as a purchaser enters it. */
export interface StandingOrderInput {
  contractId: string;
  warehouse: string;
  address: string;
  lines: StandingLine[];
  schedule: DeliverySchedule;
  startDate: string;
  endDate?: string;
  cutoff?: CutoffRule;
  skip?: string[];
}

/** Where a standing order stands after a command, and the log position to read after. */
export interface StandingOrderChanged {
  standingOrderId: string;
  status: StandingOrderState['status'];
  next: NextDelivery | null;
  position: string;
}

/** A command of a standing order without its time, which the request supplies. */
type Timeless<C = StandingOrderCommand> = C extends StandingOrderCommand ? Omit<C, 'now'> : never;

/** Standing orders: placed and changed by the kitchen's purchaser before each cut-off; generated at cut-off. */
@Injectable()
export class StandingOrderCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly contracts: ContractCommands,
    private readonly catalog: CatalogCommands,
  ) {}

  /** Place a standing order for the purchaser's own kitchen under one of its contracts. */
  async place(
    user: AuthUser,
    input: StandingOrderInput,
    ctx: CommandContext,
  ): Promise<StandingOrderChanged & { startDate: string; endDate: string }> {
    const kitchen = purchaserKitchen(user);
    const contract = await this.contracts.state(input.contractId);
    // Another kitchen's contract is answered as absent: its id reveals nothing.
    if (!contract.exists || contract.kitchen !== kitchen)
      throw new DomainError('NOT_FOUND', `no contract ${input.contractId}`, 'contractId');
    await this.catalog.warehouse(input.warehouse, 'warehouse');
    const standingOrderId = `SO-${idDigest(ctx.commandId)}`;
    const terms = {
      contractId: contract.contractId,
      kitchen: contract.kitchen,
      from: contract.from,
      to: contract.to,
      skus: Object.keys(contract.lines),
    };
    const { contractId: _id, cutoff, ...rest } = input;
    const command = {
      type: 'PlaceStandingOrder' as const,
      ...rest,
      standingOrderId,
      kitchen,
      contract: terms,
      cutoff: cutoff ?? DEFAULT_STANDING_CUTOFF,
      by: ctx.actor,
    };
    const out = await this.execute(standingOrderId, command, ctx);
    return { ...this.changed(standingOrderId, out), startDate: out.state.startDate, endDate: out.state.endDate };
  }

  /** Deliver nothing on `date`. */
  skip(user: AuthUser, id: string, date: string, ctx: CommandContext): Promise<StandingOrderChanged> {
    return this.change(user, id, { type: 'SkipDate', date }, ctx);
  }

  /** Replace the lines of one date. */
  async changeDate(
    user: AuthUser,
    id: string,
    date: string,
    lines: StandingLine[],
    ctx: CommandContext,
  ): Promise<StandingOrderChanged> {
    const order = await this.own(user, id);
    const contract = await this.contracts.state(order.contractId);
    return this.changed(
      id,
      await this.execute(id, { type: 'ChangeDate', date, lines, contractSkus: Object.keys(contract.lines) }, ctx),
    );
  }

  /** Deliver nothing before `until`. */
  pause(user: AuthUser, id: string, until: string, ctx: CommandContext): Promise<StandingOrderChanged> {
    return this.change(user, id, { type: 'PauseStandingOrder', until }, ctx);
  }

  resume(user: AuthUser, id: string, ctx: CommandContext): Promise<StandingOrderChanged> {
    return this.change(user, id, { type: 'ResumeStandingOrder' }, ctx);
  }

  /** Deliver nothing after `lastDate` (default: only dates already past their cut-off). */
  end(user: AuthUser, id: string, lastDate: string | undefined, ctx: CommandContext): Promise<StandingOrderChanged> {
    return this.change(user, id, { type: 'EndStandingOrder', ...(lastDate ? { lastDate } : {}) }, ctx);
  }

  /** Turn `date` into a delivery once its cut-off has passed (the cut-off deadline's command). */
  async generate(id: string, date: string, ctx: CommandContext): Promise<StandingOrderEvent[]> {
    return (await this.execute(id, { type: 'GenerateDelivery', date }, ctx)).events;
  }

  /**
   * An operator runs the cut-off of the next pending date (or of `date`) now: the same command the
   * deadline sends, under the same command id, so the deadline then finds the date handled; the event
   * records who ran it and when.
   */
  async runCutoffNow(id: string, date: string | undefined, ctx: CommandContext): Promise<CutoffRun> {
    const order = await this.state(id);
    if (order.status === 'none') throw new DomainError('NOT_FOUND', `no standing order ${id}`, 'id');
    const target = date ?? order.next?.date;
    if (target === undefined)
      throw new DomainError('INVALID_STATE', `standing order ${id} has no delivery date pending`, 'id');
    if (target >= order.cursor && target !== order.next?.date) {
      throw new DomainError(
        'INVALID_STATE',
        `the next cut-off of standing order ${id} is of ${order.next?.date ?? 'no date'}: cut-offs run in date order`,
        'date',
      );
    }
    const out = await this.execute(
      id,
      { type: 'GenerateDelivery', date: target, runBy: ctx.actor },
      { ...ctx, commandId: generationCommandId(id, target) },
    );
    const due = out.events.find((e) => e.type === 'StandingDeliveryDue');
    const lapsed = out.events.some((e) => e.type === 'StandingDeliveryLapsed');
    const outcome = due ? 'generated' : lapsed ? 'lapsed' : 'already_handled';
    const deliveryId =
      due?.type === 'StandingDeliveryDue'
        ? due.data.deliveryId
        : out.state.lastDelivery?.date === target
          ? out.state.lastDelivery.deliveryId
          : null;
    return { standingOrderId: id, date: target, deliveryId, outcome, next: out.state.next, position: out.position };
  }

  /** Current state of a standing order (the write side, exact). */
  async state(id: string): Promise<StandingOrderState> {
    return (await this.runner.load(standingOrderDecider, standingOrderStream(id))).state;
  }

  /** The order, when it is the purchaser's own kitchen's; NOT_FOUND otherwise. */
  private async own(user: AuthUser, id: string): Promise<StandingOrderState> {
    const kitchen = purchaserKitchen(user);
    const order = await this.state(id);
    if (order.status === 'none' || order.kitchen !== kitchen)
      throw new DomainError('NOT_FOUND', `no standing order ${id}`, 'id');
    return order;
  }

  private async change(
    user: AuthUser,
    id: string,
    command: Timeless,
    ctx: CommandContext,
  ): Promise<StandingOrderChanged> {
    await this.own(user, id);
    return this.changed(id, await this.execute(id, command, ctx));
  }

  private changed(id: string, out: CommandOutcome<StandingOrderEvent, StandingOrderState>): StandingOrderChanged {
    return { standingOrderId: id, status: out.state.status, next: out.state.next, position: out.position };
  }

  private execute(
    id: string,
    command: Timeless,
    ctx: CommandContext,
  ): Promise<CommandOutcome<StandingOrderEvent, StandingOrderState>> {
    // The union is rebuilt member by member; TypeScript cannot follow the spread through it.
    return this.runner.execute(
      standingOrderDecider,
      standingOrderStream(id),
      { ...command, now: ctx.now } as StandingOrderCommand,
      ctx,
    );
  }
}
