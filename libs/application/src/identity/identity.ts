import { Injectable } from '@nestjs/common';
import { userDecider, userStream, type Role, type UserData } from '@gx/domain';
import { CommandRunner, type CommandContext } from '@gx/eventstore';
import { hashPassword, type UserDirectory, type UserRecord } from '@gx/platform';

/** Accounts live in `user-<username>` streams; login reads them from the write side, so a new account works at once. */
@Injectable()
export class Accounts implements UserDirectory {
  constructor(private readonly runner: CommandRunner) {}

  async findByUsername(username: string): Promise<UserRecord | null> {
    const { state } = await this.runner.load(userDecider, userStream(username));
    if (!state.exists) return null;
    const { passwordHash, roles, party } = state.data;
    return { username: state.data.username, passwordHash, roles, party };
  }

  /** Register an account; the password is hashed here and never stored or logged in clear. */
  async register(
    input: { username: string; displayName: string; password: string; roles: Role[]; party?: string },
    ctx: CommandContext,
  ): Promise<{ username: string; position: string }> {
    const { password, ...rest } = input;
    const data: UserData = { ...rest, passwordHash: await hashPassword(password) };
    const out = await this.runner.execute(userDecider, userStream(input.username), { type: 'RegisterUser', data }, ctx);
    return { username: input.username, position: out.position };
  }
}
