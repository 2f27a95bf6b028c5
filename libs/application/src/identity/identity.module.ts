import { Global, Module } from '@nestjs/common';
import { TOKEN_REVOCATION, USER_DIRECTORY } from '@gx/platform';
import { Accounts } from './identity';
import { SessionRevocations } from './session-revocations';
import { UserAdmin } from './user-admin';

/** Accounts on the event store; provides the USER_DIRECTORY that `POST /auth/login` uses and the TOKEN_REVOCATION every token check asks. */
@Global()
@Module({
  providers: [Accounts, SessionRevocations, UserAdmin, { provide: USER_DIRECTORY, useExisting: Accounts }, { provide: TOKEN_REVOCATION, useExisting: SessionRevocations }],
  exports: [Accounts, SessionRevocations, UserAdmin, USER_DIRECTORY, TOKEN_REVOCATION],
})
export class IdentityModule {}
