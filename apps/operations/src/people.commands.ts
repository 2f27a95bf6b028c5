import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, UserAdmin } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import type { ErasureRequest } from './people.controller';

/** Erase a person’s personal data */
export class PeopleEraseCommand extends Command<ResultOf<PeopleEraseHandler>> {
  constructor(
    readonly username: string,
    readonly body: ErasureRequest,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PeopleEraseCommand)
export class PeopleEraseHandler {
  constructor(private readonly users: UserAdmin) {}

  execute({ username, body, ctx }: { username: string; body: ErasureRequest; ctx: RequestContext }) {
    return this.users.erase(username, body.reason, commandContextOf(ctx, `erase:${username}`));
  }
}

/** The handlers of the commands of people.controller.ts, registered in the app module. */
export const PEOPLE_COMMAND_HANDLERS = [PeopleEraseHandler];
