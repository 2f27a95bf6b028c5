import { Query, QueryHandler } from '@nestjs/cqrs';
import { ResultOf, ProjectionAdmin } from '@gx/application';

/** Projections and process managers */
export class ProjectionsListQuery extends Query<ResultOf<ProjectionsListHandler>> {
  constructor() {
    super();
  }
}

@QueryHandler(ProjectionsListQuery)
export class ProjectionsListHandler {
  constructor(private readonly admin: ProjectionAdmin) {}

  async execute() {
    return { items: await this.admin.status() };
  }
}

/** The handlers of the queries of projections.controller.ts, registered in the app module. */
export const PROJECTIONS_QUERY_HANDLERS = [ProjectionsListHandler];
