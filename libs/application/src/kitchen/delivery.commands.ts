import { Injectable } from '@nestjs/common';
import {
  deliveryDecider,
  deliveryLineOf,
  deliveryStream,
  DomainError,
  own,
  statementDecider,
  statementStream,
  type BatchPick,
  type BatchSource,
  type SubstituteDecision,
  type CreateDelivery,
  type DeliveryCommand,
  type DeliveryEvent,
  type DeliveryState,
  type StatementPaymentMethod,
  type SubstituteProposal,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import type { AuthUser } from '@gx/platform';
import { ContractCommands } from './contract.commands';
import { purchaserKitchen, requireVisible } from './kitchen-access';

/** Where a delivery stands after a command, and the log position to read after. */
export interface DeliveryChanged {
  deliveryId: string;
  status: DeliveryState['status'];
  position: string;
}

/** A receipt as the purchaser reports it: per line what arrived in good order and what arrived damaged. */
export interface DeliveryReceiptReport {
  lines: Array<{ sku: string; received: number; damaged?: number; qualityBase?: number }>;
  note?: string;
}

/** Deliveries: opened and reserved by the worker at cut-off, answered and dispatched by operators, received by the purchaser. */
@Injectable()
export class DeliveryCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly contracts: ContractCommands,
  ) {}

  /** Open the delivery of a standing order's date (a repeat is the same delivery). */
  async create(input: Omit<CreateDelivery, 'type' | 'now'>, ctx: CommandContext): Promise<DeliveryState> {
    return (await this.execute(input.deliveryId, { type: 'CreateDelivery', ...input, now: ctx.now }, ctx)).state;
  }

  /** Record what one line holds after the contract and the warehouse answered. */
  async recordReservation(
    deliveryId: string,
    r: { sku: string; granted: number; reserved: number; substitute: SubstituteProposal | null },
    ctx: CommandContext,
  ): Promise<void> {
    await this.execute(deliveryId, { type: 'RecordLineReservation', ...r }, ctx);
  }

  /** Make up a line's shortage with another SKU of the contract: the one proposed, unless the operator names another. */
  async acceptSubstitute(
    deliveryId: string,
    forSku: string,
    choice: { sku?: string; quantity?: number },
    ctx: CommandContext,
  ): Promise<DeliveryChanged> {
    const delivery = await this.state(deliveryId);
    const shortage = deliveryLineOf(delivery, forSku)?.shortage;
    const sku = choice.sku ?? shortage?.substitute?.sku;
    if (!sku) throw new DomainError('INVALID_STATE', `no substitute is proposed for ${forSku}: name one`, 'sku');
    const contract = await this.contracts.state(delivery.contractId);
    const priced = own(contract.lines, sku);
    if (!priced)
      throw new DomainError(
        'UNKNOWN_SKU',
        `${sku} is not on contract ${delivery.contractId}: it has no agreed price`,
        'sku',
      );
    const quantity =
      choice.quantity ?? (shortage?.substitute?.sku === sku ? shortage.substitute.quantity : (shortage?.quantity ?? 0));
    const substitute = { sku, name: priced.name, unit: priced.unit, base: priced.base, fen: priced.fen };
    return this.changed(
      deliveryId,
      await this.execute(
        deliveryId,
        { type: 'AcceptSubstitute', forSku, substitute, quantity, by: ctx.actor, now: ctx.now },
        ctx,
      ),
    );
  }

  /** Close a shortage flag without a substitute. */
  async dismissShortage(
    deliveryId: string,
    sku: string,
    note: string | undefined,
    ctx: CommandContext,
  ): Promise<DeliveryChanged> {
    return this.changed(
      deliveryId,
      await this.execute(
        deliveryId,
        { type: 'DismissShortage', sku, ...(note ? { note } : {}), by: ctx.actor, now: ctx.now },
        ctx,
      ),
    );
  }

  /** Send what every line holds; the worker then allocates and issues the stock. */
  async dispatch(deliveryId: string, ctx: CommandContext): Promise<DeliveryChanged & { gross: number }> {
    const out = await this.execute(deliveryId, { type: 'DispatchDelivery', by: ctx.actor, now: ctx.now }, ctx);
    return { ...this.changed(deliveryId, out), gross: out.state.gross };
  }

  /** Call a delivery off before it leaves; the worker releases its stock and gives back its contract draws. */
  async cancel(deliveryId: string, reason: string, ctx: CommandContext): Promise<DeliveryChanged> {
    return this.changed(
      deliveryId,
      await this.execute(deliveryId, { type: 'CancelDelivery', reason, by: ctx.actor, now: ctx.now }, ctx),
    );
  }

  /** Record what the ledger issued for a line, or why it refused. */
  async recordIssue(
    deliveryId: string,
    sku: string,
    outcome: { picks: BatchPick[]; sources?: BatchSource[] } | { blocked: { code: string; reason: string } },
    ctx: CommandContext,
  ): Promise<void> {
    const command: DeliveryCommand =
      'picks' in outcome
        ? { type: 'RecordLineIssue', sku, ...outcome }
        : { type: 'RecordLineIssueBlocked', sku, ...outcome.blocked };
    await this.execute(deliveryId, command, ctx);
  }

  /** Receive a delivery of the purchaser's own kitchen with actual quantities. */
  async receive(user: AuthUser, deliveryId: string, report: DeliveryReceiptReport, ctx: CommandContext) {
    await this.own(user, deliveryId);
    const out = await this.execute(
      deliveryId,
      {
        type: 'ReceiveDelivery',
        lines: report.lines,
        ...(report.note ? { note: report.note } : {}),
        by: ctx.actor,
        now: ctx.now,
      },
      ctx,
    );
    const { gross, claimsTotal, amount, claims } = out.state;
    return { ...this.changed(deliveryId, out), gross, claimsTotal, amount, claims };
  }

  /** The purchaser accepts or refuses a substitute line of their own kitchen's delivery, until it is received. */
  async decideSubstitute(
    user: AuthUser,
    deliveryId: string,
    sku: string,
    decision: SubstituteDecision,
    ctx: CommandContext,
  ): Promise<DeliveryChanged> {
    await this.own(user, deliveryId);
    return this.changed(
      deliveryId,
      await this.execute(deliveryId, { type: 'DecideSubstitute', sku, decision, by: ctx.actor, now: ctx.now }, ctx),
    );
  }

  /** Current state of a delivery (the write side, exact). */
  async state(deliveryId: string): Promise<DeliveryState> {
    return (await this.runner.load(deliveryDecider, deliveryStream(deliveryId))).state;
  }

  /** A delivery of the purchaser's own kitchen; NOT_FOUND for any other. */
  private async own(user: AuthUser, deliveryId: string): Promise<DeliveryState> {
    purchaserKitchen(user);
    const delivery = await this.state(deliveryId);
    if (delivery.status === 'none') throw new DomainError('NOT_FOUND', `no delivery ${deliveryId}`, 'id');
    requireVisible(user, delivery.kitchen, `delivery ${deliveryId}`);
    return delivery;
  }

  private changed(deliveryId: string, out: CommandOutcome<DeliveryEvent, DeliveryState>): DeliveryChanged {
    return { deliveryId, status: out.state.status, position: out.position };
  }

  private execute(
    deliveryId: string,
    command: DeliveryCommand,
    ctx: CommandContext,
  ): Promise<CommandOutcome<DeliveryEvent, DeliveryState>> {
    return this.runner.execute(deliveryDecider, deliveryStream(deliveryId), command, ctx);
  }
}

/** Payments against monthly statements, recorded by operators. */
@Injectable()
export class StatementCommands {
  constructor(private readonly runner: CommandRunner) {}

  /** Record a payment received for a kitchen's month (a bank transfer; its reference is recorded once). */
  async recordPayment(
    input: {
      kitchen: string;
      month: string;
      amount: number;
      reference: string;
      paidOn: string;
      method?: StatementPaymentMethod;
    },
    ctx: CommandContext,
  ): Promise<{ kitchen: string; month: string; paid: number; position: string }> {
    const { kitchen, month, amount, reference, paidOn } = input;
    const command = {
      type: 'RecordStatementPayment' as const,
      kitchen,
      month,
      amount,
      reference,
      paidOn,
      method: input.method ?? 'bank_transfer',
      by: ctx.actor,
      now: ctx.now,
    };
    const out = await this.runner.execute(statementDecider, statementStream(kitchen, month), command, ctx);
    return { kitchen, month, paid: out.state.paid, position: out.position };
  }
}
