import { randomBytes } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import {
  DomainError,
  mobileClaimDecider,
  mobileClaimStream,
  userDecider,
  userStream,
  userSubject,
  type Role,
  type UserAccount,
  type UserCommand,
  type UserData,
  type PersonalText,
} from '@gx/domain';
import { CommandRunner, type CommandContext } from '@gx/eventstore';
import { SessionRevocations } from './session-revocations';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { hashPassword, sha256Hex, verifyPassword, type UserDirectory, type UserRecord } from '@gx/platform';

/** A mobile number of mainland China as consumers sign up with it: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Key of a mobile number's claim stream: a hash, as the number is personal data and stream names stay in the log. */
export const mobileKey = (mobile: string): string => sha256Hex(`gx-mobile:${mobile}`).slice(0, 40);

/** What registering an account needs; the password is hashed by {@link Accounts.register}. */
export interface Registration {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  party?: string;
  mobile?: string;
}

/** An account with its personal fields opened: clear text, or 已删除 once erased. */
export interface OpenedAccount extends Omit<UserAccount, 'displayName' | 'passwordHash' | 'mobile'> {
  displayName: string;
  passwordHash: string;
  mobile?: string;
}

const recordOf = (data: OpenedAccount): UserRecord => ({
  username: data.username,
  passwordHash: data.passwordHash,
  roles: data.roles,
  ...(data.party !== undefined && { party: data.party }),
  disabled: data.disabled,
  sessionEpoch: data.sessionEpoch,
});

/**
 * Accounts live in `user-<username>` streams; login reads them from the write side, so a new account
 * works at once. Every account — demo users, the first operator of `npm run admin`, sign-ups,
 * operator-created users, buyers — is registered through {@link register}.
 */
@Injectable()
export class Accounts implements UserDirectory {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: PersonalDataVault,
    @Optional() private readonly revocations?: SessionRevocations,
  ) {}

  /** The account as its events leave it (personal fields sealed), or null. */
  async account(username: string): Promise<UserAccount | null> {
    const { state } = await this.runner.load(userDecider, userStream(username));
    return state.exists ? state.data : null;
  }

  /** The account with its personal fields opened (an erased person's read 已删除), or null. */
  async profile(username: string): Promise<OpenedAccount | null> {
    const data = await this.account(username);
    return data ? this.open(data) : null;
  }

  /** Open an account's personal fields. */
  async open(data: UserAccount): Promise<OpenedAccount> {
    const { mobile: sealedMobile, ...rest } = data;
    const [displayName, passwordHash, mobile] = await this.vault.openAll([
      data.displayName,
      data.passwordHash,
      sealedMobile,
    ]);
    return {
      ...rest,
      displayName: displayName ?? '',
      passwordHash: data.erased ? '' : (passwordHash ?? ''),
      ...(mobile !== undefined && !data.erased && { mobile }),
    };
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    const data = await this.profile(username);
    return data ? recordOf(data) : null;
  }

  /** A login is a username or the mobile number a consumer signed up with. */
  async findByLogin(login: string): Promise<UserRecord | null> {
    if (!MOBILE_PATTERN.test(login)) return this.findByUsername(login);
    const { state } = await this.runner.load(mobileClaimDecider, mobileClaimStream(mobileKey(login)));
    if (!state.exists) return null;
    const data = await this.profile(state.data.username);
    // The claim is written before the account: a number whose account is not (yet) there signs nobody in.
    return data && data.mobile === login ? recordOf(data) : null;
  }

  /**
   * Register an account; the password is hashed here and never stored or logged in clear. The display
   * name, the mobile number and the hash are sealed with the person's key before they reach the log.
   */
  async register(input: Registration, ctx: CommandContext): Promise<{ username: string; position: string }> {
    const { password, displayName, mobile, ...rest } = input;
    const sealed = await this.sealed(
      input.username,
      { displayName, mobile, passwordHash: await hashPassword(password) },
      ctx.now,
    );
    const data: UserData = {
      ...rest,
      displayName: sealed.displayName as PersonalText,
      passwordHash: sealed.passwordHash as PersonalText,
      ...(sealed.mobile && { mobile: sealed.mobile }),
    };
    const out = await this.runner.execute(userDecider, userStream(input.username), { type: 'RegisterUser', data }, ctx);
    return { username: input.username, position: out.position };
  }

  /** Seal one more personal text of `username` (a buyer's name registered with its first login, say). */
  async sealFor(username: string, text: string, now: string): Promise<PersonalText> {
    return (await this.sealed(username, { text }, now)).text ?? text;
  }

  /** Open a personal text sealed by {@link sealFor} or any other (plain text from old logs reads as it is). */
  openText(value: PersonalText): Promise<string> {
    return this.vault.open(value);
  }

  /** Seal personal fields of `username`; an erased person's name is taken for good (ALREADY_EXISTS, as for any existing account). */
  private async sealed<K extends string>(username: string, values: Record<K, string | undefined>, now: string) {
    try {
      return await this.vault.sealAll(userSubject(username), values, now);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'PERSON_ERASED')
        throw new DomainError('ALREADY_EXISTS', `user ${username} already exists`, 'username');
      throw err;
    }
  }

  /** Set a new password: the user's own change (`reset` false) or an operator's reset (every session ends). */
  async setPassword(
    username: string,
    newPassword: string,
    reset: boolean,
    ctx: CommandContext,
  ): Promise<{ position: string; account: UserAccount }> {
    const account = await this.account(username);
    if (account?.erased) throw new DomainError('PERSON_ERASED', `the personal data of user ${username} was erased`);
    const { passwordHash } = await this.sealed(username, { passwordHash: await hashPassword(newPassword) }, ctx.now);
    return this.execute(username, { type: 'ChangePassword', passwordHash: passwordHash as PersonalText, reset }, ctx);
  }

  /**
   * Erase a person on request (个人信息保护法): the audited PersonalDataErased event is appended first, then
   * the person's key is destroyed, so every sealed field of theirs — name, mobile number, password hash —
   * reads 已删除 everywhere from now on; the account is disabled for good and its sessions end. Erasing
   * again appends nothing and makes sure the key is gone (a retry after a failure between the two steps).
   */
  async erase(
    username: string,
    reason: string,
    ctx: CommandContext,
  ): Promise<{ position: string; account: UserAccount }> {
    const out = await this.execute(username, { type: 'ErasePersonalData', reason }, ctx);
    await this.vault.erase(userSubject(username), ctx.now);
    return out;
  }

  /**
   * A consumer signs up with a mobile number: the number's claim stream is written first (exactly one
   * of concurrent sign-ups for one number gets it: MOBILE_TAKEN for the others), then the account under
   * a generated username.
   */
  async signUp(
    input: { mobile: string; password: string; displayName?: string },
    ctx: CommandContext,
  ): Promise<{ username: string; position: string }> {
    const username = `c-${randomBytes(6).toString('hex')}`;
    await this.claimMobile(input.mobile, username, ctx);
    const displayName = input.displayName ?? `用户${input.mobile.slice(-4)}`;
    return this.register(
      { username, displayName, password: input.password, roles: ['consumer'], mobile: input.mobile },
      ctx,
    );
  }

  /** Claim a mobile number for `username` before registering the account: MOBILE_TAKEN when another account has it. */
  async claimMobile(mobile: string, username: string, ctx: CommandContext): Promise<void> {
    const key = mobileKey(mobile);
    try {
      await this.runner.execute(
        mobileClaimDecider,
        mobileClaimStream(key),
        { type: 'ClaimMobile', data: { key, username } },
        { ...ctx, commandId: `${ctx.commandId}:claim:${username}` },
      );
    } catch (err) {
      if (err instanceof DomainError && err.code === 'ALREADY_EXISTS') {
        throw new DomainError('MOBILE_TAKEN', 'this mobile number already has an account', 'mobile');
      }
      throw err;
    }
  }

  /** The user changes their own password; a wrong current password is 401 like a failed login. */
  async changePassword(
    username: string,
    currentPassword: string,
    newPassword: string,
    ctx: CommandContext,
  ): Promise<{ position: string } | null> {
    const data = await this.profile(username);
    if (!data || data.disabled || !(await verifyPassword(currentPassword, data.passwordHash))) return null;
    return this.setPassword(username, newPassword, false, ctx);
  }

  /** Run a command on an account (NOT_FOUND when there is none). */
  async execute(
    username: string,
    command: UserCommand,
    ctx: CommandContext,
  ): Promise<{ position: string; account: UserAccount }> {
    const out = await this.runner.execute(userDecider, userStream(username), command, ctx);
    if (!out.state.exists) throw new DomainError('NOT_FOUND', `user ${username} does not exist`);
    // This process refuses the account's old tokens at once; others follow the log.
    this.revocations?.note(out.state.data, out.revision);
    return { position: out.position, account: out.state.data };
  }
}
