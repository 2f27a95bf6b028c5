import type { Projection } from '@gx/readstore';
import { catalogProjection } from './catalog/catalog.projection';
import { countingProjection } from './counting/counting.projection';
import { stockProjection } from './stock/stock.projection';

/** Every projection the worker runs; apps read their collections through ReadModels. */
export const ALL_PROJECTIONS: Projection[] = [catalogProjection, stockProjection, countingProjection];
