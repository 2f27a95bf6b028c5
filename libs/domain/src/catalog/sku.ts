import { registerOnceDecider } from './register-once';
import { DomainError } from '../shared/domain-error';

export const STORAGE_CLASSES = ['ambient', 'chilled', 'frozen'] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];
export const BASE_UNITS = ['g', 'piece'] as const;
export type BaseUnit = (typeof BASE_UNITS)[number];

/** A unit a SKU is sold in, as an exact number of base units (斤 = 500 g, 箱 of 30 pieces = 30). */
export interface SaleUnit {
  unit: string;
  base: number;
}

/** Cost at which stock is valued: `fen` per `per` base units. */
export interface UnitCost {
  per: number;
  fen: number;
}

export interface SkuData {
  code: string;
  name: string;
  category: string;
  baseUnit: BaseUnit;
  saleUnits: SaleUnit[];
  shelfLifeDays: number;
  storage: StorageClass;
  regionalBrand: boolean;
  cost: UnitCost;
  defaultOrigin?: string;
}

/** Stream of one SKU: `sku-<code>`. */
export const skuStream = (code: string): string => `sku-${code}`;

/** A SKU is registered once under its code; its sale units are distinct whole multiples of the base unit. */
export const skuDecider = registerOnceDecider<'RegisterSku', 'SkuRegistered', SkuData>({
  name: 'sku',
  commandType: 'RegisterSku',
  eventType: 'SkuRegistered',
  label: 'SKU',
  validate(data) {
    if (new Set(data.saleUnits.map((u) => u.unit)).size !== data.saleUnits.length) {
      throw new DomainError('INVALID_STATE', 'sale unit names must be distinct', 'saleUnits');
    }
  },
});

/** Value in fen of `quantity` base units at `cost`, rounded half away from zero to whole fen. */
export function valueAtCost(quantity: number, cost: UnitCost): number {
  const exact = (quantity * cost.fen) / cost.per;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}
