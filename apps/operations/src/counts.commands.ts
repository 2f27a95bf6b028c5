import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, CountCommands } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { CancelCountDto, OpenCountDto, RecordCountLinesDto } from './counts.dto';

/** Open a stock count */
export class CountsOpenCommand extends Command<ResultOf<CountsOpenHandler>> {
  constructor(
    readonly body: OpenCountDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CountsOpenCommand)
export class CountsOpenHandler {
  constructor(private readonly commands: CountCommands) {}

  execute({ body, ctx }: { body: OpenCountDto; ctx: RequestContext }) {
    return this.commands.open(body, commandContextOf(ctx, 'open-count'));
  }
}

/** Record counted lines */
export class CountsRecordLinesCommand extends Command<ResultOf<CountsRecordLinesHandler>> {
  constructor(
    readonly id: string,
    readonly body: RecordCountLinesDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CountsRecordLinesCommand)
export class CountsRecordLinesHandler {
  constructor(private readonly commands: CountCommands) {}

  execute({ id, body, ctx }: { id: string; body: RecordCountLinesDto; ctx: RequestContext }) {
    return this.commands.recordLines(id, body.lines, commandContextOf(ctx, `count-lines:${id}`));
  }
}

/** Submit a count */
export class CountsSubmitCommand extends Command<ResultOf<CountsSubmitHandler>> {
  constructor(
    readonly id: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CountsSubmitCommand)
export class CountsSubmitHandler {
  constructor(private readonly commands: CountCommands) {}

  execute({ id, ctx }: { id: string; ctx: RequestContext }) {
    return this.commands.submit(id, commandContextOf(ctx, `submit-count:${id}`));
  }
}

/** Approve a count */
export class CountsApproveCommand extends Command<ResultOf<CountsApproveHandler>> {
  constructor(
    readonly id: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CountsApproveCommand)
export class CountsApproveHandler {
  constructor(private readonly commands: CountCommands) {}

  execute({ id, ctx }: { id: string; ctx: RequestContext }) {
    return this.commands.approve(id, commandContextOf(ctx, `approve-count:${id}`));
  }
}

/** Cancel a count */
export class CountsCancelCommand extends Command<ResultOf<CountsCancelHandler>> {
  constructor(
    readonly id: string,
    readonly body: CancelCountDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CountsCancelCommand)
export class CountsCancelHandler {
  constructor(private readonly commands: CountCommands) {}

  execute({ id, body, ctx }: { id: string; body: CancelCountDto; ctx: RequestContext }) {
    return this.commands.cancel(id, body.reason, commandContextOf(ctx, `cancel-count:${id}`));
  }
}

/** The handlers of the commands of counts.controller.ts, registered in the app module. */
export const COUNTS_COMMAND_HANDLERS = [
  CountsOpenHandler,
  CountsRecordLinesHandler,
  CountsSubmitHandler,
  CountsApproveHandler,
  CountsCancelHandler,
];
