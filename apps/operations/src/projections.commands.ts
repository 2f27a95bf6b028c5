import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, ProjectionAdmin, StuckSubscribers } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { ParkEventDto } from './projections.dto';

/** Rebuild a projection */
export class ProjectionsRebuildCommand extends Command<ResultOf<ProjectionsRebuildHandler>> {
  constructor(
    readonly name: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ProjectionsRebuildCommand)
export class ProjectionsRebuildHandler {
  constructor(private readonly admin: ProjectionAdmin) {}

  execute({ name, ctx }: { name: string; ctx: RequestContext }) {
    return this.admin.requestRebuild(name, ctx.user?.username ?? 'anonymous', ctx.now);
  }
}

/** Retry a stuck event */
export class ProjectionsRetryCommand extends Command<ResultOf<ProjectionsRetryHandler>> {
  constructor(
    readonly name: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ProjectionsRetryCommand)
export class ProjectionsRetryHandler {
  constructor(private readonly stuck: StuckSubscribers) {}

  execute({ name, ctx }: { name: string; ctx: RequestContext }) {
    return this.stuck.retry(name, commandContextOf(ctx, `retry-subscriber:${name}`));
  }
}

/** Park a stuck event */
export class ProjectionsParkCommand extends Command<ResultOf<ProjectionsParkHandler>> {
  constructor(
    readonly name: string,
    readonly body: ParkEventDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ProjectionsParkCommand)
export class ProjectionsParkHandler {
  constructor(private readonly stuck: StuckSubscribers) {}

  execute({ name, body, ctx }: { name: string; body: ParkEventDto; ctx: RequestContext }) {
    return this.stuck.park(
      name,
      body.position,
      body.reason,
      commandContextOf(ctx, `park-event:${name}:${body.position}`),
    );
  }
}

/** The handlers of the commands of projections.controller.ts, registered in the app module. */
export const PROJECTIONS_COMMAND_HANDLERS = [
  ProjectionsRebuildHandler,
  ProjectionsRetryHandler,
  ProjectionsParkHandler,
];
