import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, AfterQueryDto, CATALOG, CatalogQueries } from '@gx/application';

/** List pickup points */
export class PickupPointDirectoryListQuery extends Query<ResultOf<PickupPointDirectoryListHandler>> {
  constructor(readonly query: AfterQueryDto) {
    super();
  }
}

@QueryHandler(PickupPointDirectoryListQuery)
export class PickupPointDirectoryListHandler {
  constructor(private readonly catalog: CatalogQueries) {}

  async execute({ query }: { query: AfterQueryDto }) {
    return { items: await this.catalog.list(CATALOG.pickupPoints, {}, query.after) };
  }
}

/** One pickup point */
export class PickupPointDirectoryGetQuery extends Query<ResultOf<PickupPointDirectoryGetHandler>> {
  constructor(
    readonly code: string,
    readonly query: AfterQueryDto,
  ) {
    super();
  }
}

@QueryHandler(PickupPointDirectoryGetQuery)
export class PickupPointDirectoryGetHandler {
  constructor(private readonly catalog: CatalogQueries) {}

  async execute({ code, query }: { code: string; query: AfterQueryDto }) {
    const point = await this.catalog.get(CATALOG.pickupPoints, code, query.after);
    if (!point) throw new NotFoundException(`no pickup point ${code}`);
    return point;
  }
}

/** The handlers of the queries of pickup-point-directory.controller.ts, registered in the app module. */
export const PICKUP_POINT_DIRECTORY_QUERY_HANDLERS = [PickupPointDirectoryListHandler, PickupPointDirectoryGetHandler];
