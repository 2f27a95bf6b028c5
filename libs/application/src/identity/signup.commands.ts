import { Command, CommandHandler } from '@nestjs/cqrs';
import { Sessions, type RequestContext } from '@gx/platform';
import { commandContextOf } from '../kernel/command-context';
import { Accounts } from './identity';
import { ResultOf } from '../kernel/dispatch';
import type { SignUpRequest } from './signup.controller';

/** Sign up as a consumer with a mobile number */
export class SignUpCommand extends Command<ResultOf<SignUpHandler>> {
  constructor(
    readonly body: SignUpRequest,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SignUpCommand)
export class SignUpHandler {
  constructor(
    private readonly accounts: Accounts,
    private readonly sessions: Sessions,
  ) {}

  async execute({ body, ctx }: { body: SignUpRequest; ctx: RequestContext }) {
    const { username } = await this.accounts.signUp(body, commandContextOf(ctx, 'signup'));
    const user = await this.accounts.findByUsername(username);
    // Just written through the same runner, so it is there.
    if (!user) throw new Error(`account ${username} vanished after sign-up`);
    return this.sessions.start(user);
  }
}

/** The handlers of the commands of signup.controller.ts, registered in the identity module. */
export const SIGNUP_COMMAND_HANDLERS = [SignUpHandler];
