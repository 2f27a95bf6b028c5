import { Global, Module } from '@nestjs/common';
import { USER_DIRECTORY } from '@gx/platform';
import { Accounts } from './identity';

/** Accounts on the event store; provides the USER_DIRECTORY that `POST /auth/login` uses. */
@Global()
@Module({ providers: [Accounts, { provide: USER_DIRECTORY, useExisting: Accounts }], exports: [Accounts, USER_DIRECTORY] })
export class IdentityModule {}
