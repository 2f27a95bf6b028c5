import { Command, CommandHandler } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { commandContextOf } from '../kernel/command-context';
import { Accounts } from './identity';
import { LoginThrottle, ProblemException, type RequestContext } from '@gx/platform';
import { ResultOf } from '../kernel/dispatch';
import type { ChangePasswordRequest } from './me';

/** Change the signed-in user’s password */
export class MeChangePasswordCommand extends Command<ResultOf<MeChangePasswordHandler>> {
  constructor(
    readonly body: ChangePasswordRequest,
    readonly ctx: RequestContext,
    readonly request: FastifyRequest,
  ) {
    super();
  }
}

@CommandHandler(MeChangePasswordCommand)
export class MeChangePasswordHandler {
  constructor(
    private readonly throttle: LoginThrottle,
    private readonly accounts: Accounts,
  ) {}

  async execute({ body, ctx, request }: { body: ChangePasswordRequest; ctx: RequestContext; request: FastifyRequest }) {
    const username = ctx.user?.username ?? '';
    // Guessing the current password with a stolen token is guessing a login: the same throttle counts it.
    this.throttle.check(username, request.ip);
    const out = await this.accounts.changePassword(
      username,
      body.currentPassword,
      body.newPassword,
      commandContextOf(ctx, 'change-password'),
    );
    if (out === null) {
      this.throttle.failed(username, request.ip);
      throw new ProblemException(422, 'WRONG_PASSWORD', 'The current password does not match.', {
        errors: [{ field: 'currentPassword', message: 'does not match' }],
      });
    }
  }
}

/** Sign out */
export class MeLogoutCommand extends Command<ResultOf<MeLogoutHandler>> {
  constructor(readonly ctx: RequestContext) {
    super();
  }
}

@CommandHandler(MeLogoutCommand)
export class MeLogoutHandler {
  constructor(private readonly accounts: Accounts) {}

  async execute({ ctx }: { ctx: RequestContext }) {
    await this.accounts.execute(ctx.user?.username ?? '', { type: 'EndSessions' }, commandContextOf(ctx, 'logout'));
  }
}

/** The handlers of the commands of me.ts, registered in the identity module. */
export const ME_COMMAND_HANDLERS = [MeChangePasswordHandler, MeLogoutHandler];
