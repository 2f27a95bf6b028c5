import { Injectable } from '@nestjs/common';
import {
  availableCredit,
  buyerDecider,
  buyerStream,
  exposureOf,
  receivableOf,
  type BuyerCommand,
  type BuyerEvent,
  type BuyerState,
} from '@gx/domain';
import { CommandRunner, comparePositions, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import { ProblemException, sha256Hex } from '@gx/platform';
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

  /**
   * Register a buyer account (its `buyer-<id>` stream, named after the login's display name) and its login
   * (role buyer, party = the buyer id); credit is approved separately. The login is registered first: its
   * username is the atomic gate (a username is claimed once, even by two requests at the same moment), so a
   * refused registration writes nothing. The buyer follows under its own command id; a repeat of the request
   * (same Idempotency-Key) after a fault between the two completes it.
   */
  async register(
    input: BuyerRegistration,
    ctx: CommandContext,
  ): Promise<{ username: string; buyerId: string; position: string }> {
    const buyerId = input.buyerId ?? buyerIdFor(input.username);
    const { username, displayName, password } = input;
    if (await this.accounts.account(username)) {
      throw new ProblemException(409, 'ALREADY_EXISTS', `user ${username} already exists`, {
        errors: [{ field: 'username', message: 'already exists' }],
      });
    }
    const login = await this.accounts.register(
      { username, displayName, password, roles: ['buyer'], party: buyerId },
      ctx,
    );
    // The name is sealed with the registering person's key: erasing them erases it (a trader's name is often theirs).
    const name = await this.accounts.sealFor(username, displayName, ctx.now);
    const buyer = await this.execute(
      buyerId,
      { type: 'RegisterBuyer', name, by: ctx.actor },
      { ...ctx, commandId: `${ctx.commandId}:buyer` },
    );
    return {
      username,
      buyerId,
      position: comparePositions(buyer.position, login.position) > 0 ? buyer.position : login.position,
    };
  }

  /** Approve a buyer with a credit limit, or change the limit (operators). */
  async setCreditLimit(
    buyerId: string,
    creditLimitFen: number,
    ctx: CommandContext,
  ): Promise<{ buyerId: string; creditLimitFen: number; position: string }> {
    const out = await this.execute(
      buyerId,
      { type: 'SetCreditLimit', creditLimit: creditLimitFen, by: ctx.actor },
      ctx,
    );
    return { buyerId, creditLimitFen: out.state.creditLimit, position: out.position };
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

  /** The signed-in buyer's own account: id, name and credit (the write side, exact). */
  async mine(
    buyerId: string,
    username: string,
  ): Promise<{
    buyerId: string;
    name: string;
    approved: boolean;
    creditLimitFen: number;
    exposureFen: number;
    receivablesFen: number;
    availableFen: number;
  }> {
    const state = await this.state(buyerId);
    if (!state.registered) throw new ProblemException(404, 'NOT_FOUND', `no buyer ${buyerId}`);
    // Buyers approved before registration was recorded have no name on their stream: the signed-in user's display name carries it.
    const name =
      state.name !== undefined
        ? await this.accounts.openText(state.name)
        : ((await this.accounts.profile(username))?.displayName ?? buyerId);
    return {
      buyerId,
      name,
      approved: state.approved,
      creditLimitFen: state.creditLimit,
      exposureFen: exposureOf(state.holds),
      receivablesFen: receivableOf(state.receivables),
      availableFen: availableCredit(state),
    };
  }

  /** Current state of a credit account (the write side, exact). */
  async state(buyerId: string): Promise<BuyerState> {
    return (await this.runner.load(buyerDecider, buyerStream(buyerId))).state;
  }

  private execute(
    buyerId: string,
    body: BuyerBody,
    ctx: CommandContext,
  ): Promise<CommandOutcome<BuyerEvent, BuyerState>> {
    // The union is rebuilt member by member; TypeScript cannot follow the spread through it.
    const command = { ...body, buyerId, now: ctx.now } as BuyerCommand;
    return this.runner.execute(buyerDecider, buyerStream(buyerId), command, ctx);
  }
}
