// Relative, not @gx/web: Jest's unit project runs this file too.
import { formatMoney, type Locale } from '../../../../libs/web/src/format';
import type { PriceUnit } from './models';

const UNIT_LABELS: Record<string, Record<Locale, string>> = {
  piece: { 'zh-CN': '个', en: 'pcs' },
  g: { 'zh-CN': '克', en: 'g' },
};

/** A contract's price unit as people read it (`piece` → `个`). */
export function unitLabel(unit: string, locale: Locale): string {
  return Object.prototype.hasOwnProperty.call(UNIT_LABELS, unit) ? (UNIT_LABELS[unit]?.[locale] ?? unit) : unit;
}

/** `30000` g of a SKU priced per kg → `30 kg`; at most two decimals. */
export function quantityIn(baseUnits: number, unit: PriceUnit, locale: Locale): string {
  return `${Math.round((baseUnits / unit.base) * 100) / 100} ${unitLabel(unit.unit, locale)}`;
}

/** A quantity typed in the price unit, in base units. */
export const toBase = (quantity: number, unit: PriceUnit): number => Math.round(quantity * unit.base);
/** Base units in the price unit, for an input. */
export const fromBase = (baseUnits: number, unit: PriceUnit): number => Math.round((baseUnits / unit.base) * 100) / 100;

/** `¥2.60/kg`. */
export const priceOf = (line: { saleUnit: PriceUnit; unitPriceFen: number }, locale: Locale): string =>
  `${formatMoney(line.unitPriceFen)}/${unitLabel(line.saleUnit.unit, locale)}`;

/** A share 0..1 as a percentage (`42.5%`), or a dash when there is none. */
export const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/**
 * How a kitchen is shown where its name belongs: the name the API answers with the record (`kitchenName`),
 * or its code for a kitchen that was never registered as master data.
 */
export const kitchenName = (record: { kitchen: string; kitchenName?: string }): string =>
  record.kitchenName ?? record.kitchen;
