import { Module } from '@nestjs/common';
import { CatalogCommands } from './catalog.commands';
import { CatalogProjection } from './catalog.projection';
import { CatalogQueries } from './catalog.queries';

/** Master data use cases (projection: catalogProjection, run by the worker). */
@Module({ providers: [CatalogCommands, CatalogQueries, CatalogProjection], exports: [CatalogCommands, CatalogQueries] })
export class CatalogModule {}
