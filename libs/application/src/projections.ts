import type { Projection } from '@gx/readstore';
import { auctionProjection } from './auction/auction.projection';
import { catalogProjection } from './catalog/catalog.projection';
import { countingProjection } from './counting/counting.projection';
import { groupBuyProjection } from './group-buy/group-buy.projection';
import { userDirectoryProjection } from './identity/user-directory';
import { kitchenProjection } from './kitchen/kitchen.projection';
import { stockProjection } from './stock/stock.projection';
import { writeOffLogProjection } from './stock/write-off-log';

/** Every projection the worker runs; apps read their collections through ReadModels. */
export const ALL_PROJECTIONS: Projection[] = [catalogProjection, stockProjection, countingProjection, groupBuyProjection, auctionProjection, kitchenProjection, writeOffLogProjection, userDirectoryProjection];

/**
 * Injection token of the projections a process runs (worker) or administers (operations): every
 * one in {@link ALL_PROJECTIONS} unless the process provides its own list (e.g. with extra ones).
 */
export const PROJECTIONS = Symbol('PROJECTIONS');
