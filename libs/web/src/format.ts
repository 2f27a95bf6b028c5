/** Formatters every UI shares: money from fen, quantities in sale units, Asia/Shanghai date-times. */

export type Locale = 'zh-CN' | 'en';

/** `1280` → `¥12.80`; `-300` → `-¥3.00`; thousands grouped (`¥1,234.50`). Exact: fen are integers. */
export function formatMoney(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** A unit a SKU is sold in, as an exact number of base units (斤 = 500 g). */
export interface SaleUnit {
  unit: string;
  base: number;
}

/** What a quantity formatter needs of a SKU. */
export interface SkuUnits {
  baseUnit: string;
  saleUnits: SaleUnit[];
}

const BASE_LABELS: Record<string, Record<Locale, string>> = {
  g: { 'zh-CN': '克', en: 'g' },
  piece: { 'zh-CN': '个', en: 'pcs' },
};

const trimDecimals = (value: number): string => String(Math.round(value * 100) / 100);

/**
 * `1500` g of a SKU sold by the 斤 (500 g) → `3 斤`; `60` pieces sold by the 箱 of 30 → `2 箱`.
 * The first sale unit is the SKU's display unit; a quantity that is not a whole number of it keeps up to
 * two decimals (`2.5 斤`); without sale units the base unit is shown.
 */
export function formatQuantity(baseUnits: number, sku: SkuUnits, locale: Locale = 'zh-CN'): string {
  const unit = sku.saleUnits[0];
  if (!unit) return `${trimDecimals(baseUnits)} ${BASE_LABELS[sku.baseUnit]?.[locale] ?? sku.baseUnit}`;
  return `${trimDecimals(baseUnits / unit.base)} ${unit.unit}`;
}

const SHANGHAI = 'Asia/Shanghai';

function parts(date: Date, locale: Locale, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const formatter = new Intl.DateTimeFormat(locale, { timeZone: SHANGHAI, hourCycle: 'h23', ...options });
  return Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
}

/** `2026-12-03T10:00:00Z` → `12月3日 周四 18:00` (en: `Thu, Dec 3 18:00`), always in Beijing time. */
export function formatDateTime(value: string | Date, locale: Locale = 'zh-CN'): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const p = parts(date, locale, {
    month: locale === 'en' ? 'short' : 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return locale === 'en'
    ? `${p.weekday}, ${p.month} ${p.day} ${p.hour}:${p.minute}`
    : `${p.month}月${p.day}日 ${p.weekday} ${p.hour}:${p.minute}`;
}

/** `2026-12-03T10:00:00Z` → `18:00`: the time of day in Beijing, for lists of one day. */
export function formatTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const p = parts(date, 'zh-CN', { hour: '2-digit', minute: '2-digit' });
  return `${p.hour}:${p.minute}`;
}

/** A business date `2026-12-03` → `12月3日 周四` (en: `Thu, Dec 3`); dates carry no time zone. */
export function formatDate(value: string, locale: Locale = 'zh-CN'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  // Noon UTC is the same calendar day in Shanghai (UTC+8).
  const date = new Date(`${value}T04:00:00Z`);
  const p = parts(date, locale, { month: locale === 'en' ? 'short' : 'numeric', day: 'numeric', weekday: 'short' });
  return locale === 'en' ? `${p.weekday}, ${p.month} ${p.day}` : `${p.month}月${p.day}日 ${p.weekday}`;
}

/** The business date (YYYY-MM-DD) in Asia/Shanghai of a moment, by default now. */
export function shanghaiDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: SHANGHAI,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
