import { Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundException } from '@nestjs/common';
import { ResultOf, AfterQueryDto, CATALOG, CatalogQueries } from '@gx/application';

/** List warehouses */
export class CatalogListWarehousesQuery extends Query<ResultOf<CatalogListWarehousesHandler>> {
  constructor(readonly query: AfterQueryDto) {
    super();
  }
}

@QueryHandler(CatalogListWarehousesQuery)
export class CatalogListWarehousesHandler {
  constructor(private readonly queries: CatalogQueries) {}

  async execute({ query }: { query: AfterQueryDto }) {
    return { items: await this.queries.list(CATALOG.warehouses, {}, query.after) };
  }
}

/** List SKUs */
export class CatalogListSkusQuery extends Query<ResultOf<CatalogListSkusHandler>> {
  constructor(readonly query: AfterQueryDto) {
    super();
  }
}

@QueryHandler(CatalogListSkusQuery)
export class CatalogListSkusHandler {
  constructor(private readonly queries: CatalogQueries) {}

  async execute({ query }: { query: AfterQueryDto }) {
    return { items: await this.queries.list(CATALOG.skus, {}, query.after) };
  }
}

/** One SKU */
export class CatalogGetSkuQuery extends Query<ResultOf<CatalogGetSkuHandler>> {
  constructor(
    readonly code: string,
    readonly query: AfterQueryDto,
  ) {
    super();
  }
}

@QueryHandler(CatalogGetSkuQuery)
export class CatalogGetSkuHandler {
  constructor(private readonly queries: CatalogQueries) {}

  async execute({ code, query }: { code: string; query: AfterQueryDto }) {
    const sku = await this.queries.get(CATALOG.skus, code, query.after);
    if (!sku) throw new NotFoundException(`no SKU ${code}`);
    return sku;
  }
}

/** List producers */
export class CatalogListProducersQuery extends Query<ResultOf<CatalogListProducersHandler>> {
  constructor(readonly query: AfterQueryDto) {
    super();
  }
}

@QueryHandler(CatalogListProducersQuery)
export class CatalogListProducersHandler {
  constructor(private readonly queries: CatalogQueries) {}

  async execute({ query }: { query: AfterQueryDto }) {
    return { items: await this.queries.list(CATALOG.producers, {}, query.after) };
  }
}

/** List pickup points */
export class CatalogListPickupPointsQuery extends Query<ResultOf<CatalogListPickupPointsHandler>> {
  constructor(readonly query: AfterQueryDto) {
    super();
  }
}

@QueryHandler(CatalogListPickupPointsQuery)
export class CatalogListPickupPointsHandler {
  constructor(private readonly queries: CatalogQueries) {}

  async execute({ query }: { query: AfterQueryDto }) {
    return { items: await this.queries.list(CATALOG.pickupPoints, {}, query.after) };
  }
}

/** The handlers of the queries of catalog.controller.ts, registered in the app module. */
export const CATALOG_QUERY_HANDLERS = [
  CatalogListWarehousesHandler,
  CatalogListSkusHandler,
  CatalogGetSkuHandler,
  CatalogListProducersHandler,
  CatalogListPickupPointsHandler,
];
