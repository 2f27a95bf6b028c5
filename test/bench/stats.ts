/** Small statistics helpers of the benchmark: percentiles, medians of rounds, ratios and number formatting. */

/** The `p`-th percentile (0–100) of `values` by nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Median of the rounds of one figure (NaN when there are none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of one field over rounds. */
export function medianOf<T>(rounds: readonly T[], field: (round: T) => number): number {
  return median(rounds.map(field));
}

/** A number with thousands separators and at most `digits` decimals (`—` for NaN). */
export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return `${fmt(value, value < 10 ? 2 : value < 100 ? 1 : 0)} ms`;
}

/** `a / b` as a percentage, e.g. `37%`. */
export function pct(a: number, b: number): string {
  return b > 0 && Number.isFinite(a) ? `${fmt((100 * a) / b, a / b < 0.1 ? 1 : 0)}%` : '—';
}

/** `a / b` as a factor, e.g. `6.2×`. */
export function times(a: number, b: number): string {
  return b > 0 && Number.isFinite(a) ? `${fmt(a / b, 1)}×` : '—';
}

/** Per second, e.g. `12,345/s`. */
export function perSecond(value: number): string {
  return `${fmt(value)}/s`;
}
