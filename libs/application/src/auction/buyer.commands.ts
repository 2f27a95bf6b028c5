import { Injectable } from '@nestjs/common';
import { buyerDecider, buyerStream, type BuyerCommand, type BuyerEvent, type BuyerState } from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import { sha256Hex } from '@gx/platform';
import { Accounts } from '../identity/identity';

/** A wholesale buyer's login as an operator registers it. */
export interface BuyerRegistration {
  username: string;
  displayName: string;
  password: string;
  /** The buyer id its users act for (their `party`); default derived from the username. */
  buyerId?: string;
}

/** Buyer ids read like `BUYER-1A2B3C4D5E6F` when the operator does not choose one. */
export const buyerIdFor = (username: string): string => `BUYER-${sha256Hex(username).slice(0, 12).toUpperCase()}`;

/** A command on a buyer's credit account, without the buyer id every one of them names. */
type BuyerBody<C = BuyerCommand> = C extends BuyerCommand ? Omit<C, 'buyerId' | 'now'> : never;

/** Credit accounts of wholesale buyers (`buyer-<id>` streams). */
@Injectable()
export class BuyerCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly accounts: Accounts,
  ) {}

  /** Register a buyer's login (role buyer, party = the buyer id); credit is approved separately. */
  async register(input: BuyerRegistration, ctx: CommandContext): Promise<{ username: string; buyerId: string; position: string }> {
    const buyerId = input.buyerId ?? buyerIdFor(input.username);
    const { username, displayName, password } = input;
    const out = await this.accounts.register({ username, displayName, password, roles: ['buyer'], party: buyerId }, ctx);
    return { username, buyerId, position: out.position };
  }

  /** Approve a buyer with a credit limit, or change the limit (operators). */
  async setCreditLimit(buyerId: string, creditLimit: number, ctx: CommandContext): Promise<{ buyerId: string; creditLimit: number; position: string }> {
    const out = await this.execute(buyerId, { type: 'SetCreditLimit', creditLimit, by: ctx.actor }, ctx);
    return { buyerId, creditLimit: out.state.creditLimit, position: out.position };
  }

  /** Hold credit for a bid before it reaches the lot (CREDIT_EXCEEDED when it does not fit). */
  reserve(buyerId: string, hold: { bidId: string; lotId: string; amount: number }, ctx: CommandContext) {
    return this.execute(buyerId, { type: 'ReserveExposure', ...hold }, ctx);
  }

  /** Free a bid's hold (refused, outbid, superseded, or never placed); a no-op when it is gone. */
  release(buyerId: string, bidId: string, reason: string, ctx: CommandContext) {
    return this.execute(buyerId, { type: 'ReleaseExposure', bidId, reason }, ctx);
  }

  /** Free every hold on a lot that closed unsold. */
  releaseLot(buyerId: string, lotId: string, reason: string, ctx: CommandContext) {
    return this.execute(buyerId, { type: 'ReleaseLotExposure', lotId, reason }, ctx);
  }

  /** A won lot: its holds end and the sale amount becomes a receivable. */
  convert(buyerId: string, sale: { lotId: string; saleId: string; amount: number }, ctx: CommandContext) {
    return this.execute(buyerId, { type: 'ConvertExposure', ...sale }, ctx);
  }

  /** A payment recorded on a sale lowers what the buyer owes. */
  recordPayment(buyerId: string, payment: { saleId: string; paymentId: string; amount: number }, ctx: CommandContext) {
    return this.execute(buyerId, { type: 'RecordBuyerPayment', ...payment }, ctx);
  }

  /** Current state of a credit account (the write side, exact). */
  async state(buyerId: string): Promise<BuyerState> {
    return (await this.runner.load(buyerDecider, buyerStream(buyerId))).state;
  }

  private execute(buyerId: string, body: BuyerBody, ctx: CommandContext): Promise<CommandOutcome<BuyerEvent, BuyerState>> {
    // The union is rebuilt member by member; TypeScript cannot follow the spread through it.
    const command = { ...body, buyerId, now: ctx.now } as BuyerCommand;
    return this.runner.execute(buyerDecider, buyerStream(buyerId), command, ctx);
  }
}
