/**
 * A contract price: `fen` per `unit` of the SKU, one unit being `base` base units (260 fen per kg:
 * `{ unit: 'kg', base: 1000, fen: 260 }`; 80 fen per egg: `{ unit: 'piece', base: 1, fen: 80 }`).
 * Prices are stated in the unit the trade uses; quantities stay in base units everywhere.
 */
export interface ContractPrice {
  unit: string;
  base: number;
  fen: number;
}

/**
 * Value in whole fen of `quantity` base units at `price`, rounded half up. Exact for any safe
 * integers: the product can exceed 2^53, so it is computed with BigInt.
 */
export function amountAt(quantity: number, price: Pick<ContractPrice, 'base' | 'fen'>): number {
  const base = BigInt(price.base);
  return Number((2n * BigInt(quantity) * BigInt(price.fen) + base) / (2n * base));
}
