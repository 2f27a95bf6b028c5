import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, UserAdmin } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { AssignRolesDto, CreateUserDto, DisableUserDto, ResetPasswordDto } from './users.dto';

/** Create an account */
export class UsersCreateCommand extends Command<ResultOf<UsersCreateHandler>> {
  constructor(
    readonly body: CreateUserDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(UsersCreateCommand)
export class UsersCreateHandler {
  constructor(private readonly users: UserAdmin) {}

  execute({ body, ctx }: { body: CreateUserDto; ctx: RequestContext }) {
    return this.users.create(body, commandContextOf(ctx, 'create-user'));
  }
}

/** Assign roles (and the party) */
export class UsersAssignRolesCommand extends Command<ResultOf<UsersAssignRolesHandler>> {
  constructor(
    readonly username: string,
    readonly body: AssignRolesDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(UsersAssignRolesCommand)
export class UsersAssignRolesHandler {
  constructor(private readonly users: UserAdmin) {}

  execute({ username, body, ctx }: { username: string; body: AssignRolesDto; ctx: RequestContext }) {
    return this.users.assignRoles(username, body.roles, body.party, commandContextOf(ctx, `roles:${username}`));
  }
}

/** Disable an account */
export class UsersDisableCommand extends Command<ResultOf<UsersDisableHandler>> {
  constructor(
    readonly username: string,
    readonly body: DisableUserDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(UsersDisableCommand)
export class UsersDisableHandler {
  constructor(private readonly users: UserAdmin) {}

  execute({ username, body, ctx }: { username: string; body: DisableUserDto; ctx: RequestContext }) {
    return this.users.disable(username, body.reason, commandContextOf(ctx, `disable:${username}`));
  }
}

/** Enable a disabled account again */
export class UsersEnableCommand extends Command<ResultOf<UsersEnableHandler>> {
  constructor(
    readonly username: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(UsersEnableCommand)
export class UsersEnableHandler {
  constructor(private readonly users: UserAdmin) {}

  execute({ username, ctx }: { username: string; ctx: RequestContext }) {
    return this.users.enable(username, commandContextOf(ctx, `enable:${username}`));
  }
}

/** Reset a password */
export class UsersResetPasswordCommand extends Command<ResultOf<UsersResetPasswordHandler>> {
  constructor(
    readonly username: string,
    readonly body: ResetPasswordDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(UsersResetPasswordCommand)
export class UsersResetPasswordHandler {
  constructor(private readonly users: UserAdmin) {}

  async execute({ username, body, ctx }: { username: string; body: ResetPasswordDto; ctx: RequestContext }) {
    await this.users.resetPassword(username, body.newPassword, commandContextOf(ctx, `reset-password:${username}`));
  }
}

/** The handlers of the commands of users.controller.ts, registered in the app module. */
export const USERS_COMMAND_HANDLERS = [
  UsersCreateHandler,
  UsersAssignRolesHandler,
  UsersDisableHandler,
  UsersEnableHandler,
  UsersResetPasswordHandler,
];
