import { Injectable } from '@nestjs/common';
import {
  saleDecider,
  saleStream,
  type BatchPick,
  type SaleCommand,
  type SaleEvent,
  type SaleState,
  type SaleTerms,
  type SettlementMethod,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import { paymentIdFor } from './auction.ids';

/** A settlement as an operator records it. */
export interface SettlementInput {
  /** Fen; default: everything outstanding. */
  amountFen?: number;
  method: SettlementMethod;
  reference?: string;
}

/** Sale orders of won lots (`sale-<id>` streams). */
@Injectable()
export class SaleCommands {
  constructor(private readonly runner: CommandRunner) {}

  /** Open the sale order of a sold lot (payment due). */
  open(terms: SaleTerms, ctx: CommandContext) {
    return this.execute(terms.saleId, { type: 'OpenSale', terms }, ctx);
  }

  /** Record the batches the sale's stock was issued from. */
  recordIssued(saleId: string, picks: BatchPick[], ctx: CommandContext) {
    return this.execute(saleId, { type: 'RecordSaleIssued', saleId, picks, now: ctx.now }, ctx);
  }

  /** Record a payment received outside the system (bank transfer, cash, offset against credit). */
  async settle(
    saleId: string,
    input: SettlementInput,
    ctx: CommandContext,
  ): Promise<{
    saleId: string;
    paymentId: string;
    status: string;
    paidFen: number;
    outstandingFen: number;
    position: string;
  }> {
    const paymentId = paymentIdFor(ctx.commandId);
    const { amountFen, method, reference } = input;
    const command = {
      type: 'SettleSale' as const,
      saleId,
      paymentId,
      ...(amountFen !== undefined ? { amount: amountFen } : {}),
      method,
      ...(reference !== undefined ? { reference } : {}),
      by: ctx.actor,
      now: ctx.now,
    };
    const out = await this.execute(saleId, command, ctx);
    const amount = out.state.terms?.amount ?? 0;
    return {
      saleId,
      paymentId,
      status: out.state.status,
      paidFen: out.state.paid,
      outstandingFen: amount - out.state.paid,
      position: out.position,
    };
  }

  /** Current state of a sale (the write side, exact). */
  async state(saleId: string): Promise<SaleState> {
    return (await this.runner.load(saleDecider, saleStream(saleId))).state;
  }

  private execute(
    saleId: string,
    command: SaleCommand,
    ctx: CommandContext,
  ): Promise<CommandOutcome<SaleEvent, SaleState>> {
    return this.runner.execute(saleDecider, saleStream(saleId), command, ctx);
  }
}
