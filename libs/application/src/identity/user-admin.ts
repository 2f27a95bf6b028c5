import { Injectable } from '@nestjs/common';
import {
  buyerDecider,
  buyerStream,
  DomainError,
  kitchenDecider,
  kitchenStream,
  partyKindOf,
  pickupPointDecider,
  pickupPointStream,
  type PartyKind,
  type Role,
  type UserAccount,
} from '@gx/domain';
import { CommandRunner, type CommandContext } from '@gx/eventstore';
import { ProblemException } from '@gx/platform';
import { Accounts, type OpenedAccount } from './identity';

/** Roles that act for a party, and which party kind. */
const PARTY_OF: ReadonlyMap<Role, string> = new Map([
  ['leader', 'pickup point'],
  ['purchaser', 'kitchen'],
  ['buyer', 'buyer'],
]);

/** An account as operators see it, without its password hash. */
export interface UserSummary {
  username: string;
  displayName: string;
  roles: Role[];
  party?: string;
  partyKind?: PartyKind;
  disabled: boolean;
  /** The person's personal data was erased (the name reads 已删除). */
  erased: boolean;
  position: string;
}

const summaryOf = (a: OpenedAccount, position: string): UserSummary => {
  const partyKind = a.party === undefined ? undefined : partyKindOf(a.roles);
  return {
    username: a.username,
    displayName: a.displayName,
    roles: a.roles,
    ...(a.party !== undefined && { party: a.party }),
    ...(partyKind !== undefined && { partyKind }),
    disabled: a.disabled,
    erased: a.erased === true,
    position,
  };
};

/** Operators manage accounts: create, roles, disable/enable, reset a password. */
@Injectable()
export class UserAdmin {
  constructor(
    private readonly accounts: Accounts,
    private readonly runner: CommandRunner,
  ) {}

  /**
   * The roles/party pair must fit: one party kind at most, a party exactly when a role needs one, and the
   * party must exist — a leader's pickup point, a purchaser's kitchen, a buyer's account — on its own stream
   * (so one registered a moment ago counts); UNKNOWN_PARTY otherwise.
   */
  private async checkParty(roles: Role[], party: string | undefined): Promise<void> {
    const kinds = [...new Set(roles.flatMap((r) => (PARTY_OF.has(r) ? [PARTY_OF.get(r) as string] : [])))];
    const bad = (message: string) =>
      new ProblemException(400, 'VALIDATION_FAILED', `party ${message}`, { errors: [{ field: 'party', message }] });
    if (kinds.length > 1)
      throw bad(`can be only one: the roles ${roles.join(', ')} would act for a ${kinds.join(' and a ')}`);
    if (kinds.length === 1 && party === undefined) throw bad(`is required for the role acting for a ${kinds[0]}`);
    if (kinds.length === 0 && party !== undefined) throw bad('is only for leaders, purchasers and buyers');
    if (kinds.length === 1 && party !== undefined && !(await this.partyExists(kinds[0] as string, party))) {
      throw new ProblemException(422, 'UNKNOWN_PARTY', `${kinds[0]} ${party} does not exist`, {
        errors: [{ field: 'party', message: `unknown ${kinds[0]}` }],
      });
    }
  }

  private async partyExists(kind: string, party: string): Promise<boolean> {
    if (kind === 'pickup point')
      return (await this.runner.load(pickupPointDecider, pickupPointStream(party))).state.exists;
    if (kind === 'kitchen') return (await this.runner.load(kitchenDecider, kitchenStream(party))).state.exists;
    return (await this.runner.load(buyerDecider, buyerStream(party))).state.registered;
  }

  /**
   * Create an account. With a mobile number, the number is claimed first (MOBILE_TAKEN when another account
   * has it), after checking that the username is free, so a taken username does not leave the number claimed.
   */
  async create(
    input: { username: string; displayName: string; password: string; roles: Role[]; party?: string; mobile?: string },
    ctx: CommandContext,
  ): Promise<UserSummary> {
    await this.checkParty(input.roles, input.party);
    if (input.mobile !== undefined) {
      if (await this.accounts.account(input.username))
        throw new DomainError('ALREADY_EXISTS', `user ${input.username} already exists`, 'username');
      await this.accounts.claimMobile(input.mobile, input.username, ctx);
    }
    const { position } = await this.accounts.register(input, ctx);
    return this.get(input.username, position);
  }

  async get(username: string, position?: string): Promise<UserSummary> {
    const account = await this.accounts.profile(username);
    if (!account) throw new ProblemException(404, 'NOT_FOUND', `user ${username} does not exist`);
    return summaryOf(account, position ?? '0');
  }

  private async summary(out: { account: UserAccount; position: string }): Promise<UserSummary> {
    return summaryOf(await this.accounts.open(out.account), out.position);
  }

  async assignRoles(
    username: string,
    roles: Role[],
    party: string | undefined,
    ctx: CommandContext,
  ): Promise<UserSummary> {
    await this.get(username);
    await this.checkParty(roles, party);
    return this.summary(
      await this.accounts.execute(username, { type: 'AssignRoles', roles, ...(party !== undefined && { party }) }, ctx),
    );
  }

  async disable(username: string, reason: string | undefined, ctx: CommandContext): Promise<UserSummary> {
    await this.get(username);
    return this.summary(
      await this.accounts.execute(username, { type: 'DisableUser', ...(reason !== undefined && { reason }) }, ctx),
    );
  }

  async enable(username: string, ctx: CommandContext): Promise<UserSummary> {
    await this.get(username);
    return this.summary(await this.accounts.execute(username, { type: 'EnableUser' }, ctx));
  }

  /** Set a new password (the person forgot theirs); every session of the account ends. */
  async resetPassword(username: string, newPassword: string, ctx: CommandContext): Promise<void> {
    await this.get(username);
    await this.accounts.setPassword(username, newPassword, true, ctx);
  }

  /** Erase the person's personal data on request (see {@link Accounts.erase}); idempotent. */
  async erase(username: string, reason: string, ctx: CommandContext): Promise<UserSummary> {
    await this.get(username);
    return this.summary(await this.accounts.erase(username, reason, ctx));
  }
}
