import type { Projection } from '@gx/readstore';
import { auctionProjection } from './auction/auction.projection';
import { catalogProjection } from './catalog/catalog.projection';
import { countingProjection } from './counting/counting.projection';
import { groupBuyProjection } from './group-buy/group-buy.projection';
import { kitchenProjection } from './kitchen/kitchen.projection';
import { stockProjection } from './stock/stock.projection';

/** Every projection the worker runs; apps read their collections through ReadModels. */
export const ALL_PROJECTIONS: Projection[] = [catalogProjection, stockProjection, countingProjection, groupBuyProjection, auctionProjection, kitchenProjection];
