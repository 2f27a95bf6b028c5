import type { StockLevel } from './models';

/** Value at cost of the stock on hand, in fen: each batch at its own cost (`costFen` per `costPerBase` base units). */
export function stockValueFen(level: StockLevel): number {
  return level.batches.reduce((sum, b) => sum + Math.round((b.onHandBase * b.costFen) / b.costPerBase), 0);
}
