import { Global, Module } from '@nestjs/common';
import { TOKEN_REVOCATION, USER_DIRECTORY } from '@gx/platform';
import { Accounts } from './identity';
import { ME_COMMAND_HANDLERS } from './me.commands';
import { ME_QUERY_HANDLERS } from './me.queries';
import { SessionRevocations } from './session-revocations';
import { SIGNUP_COMMAND_HANDLERS } from './signup.commands';
import { UserAdmin } from './user-admin';

/**
 * Accounts on the event store; provides the USER_DIRECTORY that `POST /auth/login` uses and the TOKEN_REVOCATION every token check asks,
 * and the handlers of the commands and queries of `MeController` and `SignUpController` (which the apps serve).
 */
@Global()
@Module({
  providers: [
    ...ME_COMMAND_HANDLERS,
    ...ME_QUERY_HANDLERS,
    ...SIGNUP_COMMAND_HANDLERS,
    Accounts,
    SessionRevocations,
    UserAdmin,
    { provide: USER_DIRECTORY, useExisting: Accounts },
    { provide: TOKEN_REVOCATION, useExisting: SessionRevocations },
  ],
  exports: [Accounts, SessionRevocations, UserAdmin, USER_DIRECTORY, TOKEN_REVOCATION],
})
export class IdentityModule {}
