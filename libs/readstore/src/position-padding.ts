/** Decimal digits of the largest log position (2^64 − 1). */
const POSITION_WIDTH = 20;
const MAX_POSITION = (1n << 64n) - 1n;

/**
 * Store a decimal log position as fixed-width text, so that text comparison (SQLite columns, MongoDB
 * fields) orders positions exactly for any 64-bit value.
 */
export function padPosition(position: string): string {
  if (typeof position !== 'string' || !/^\d{1,20}$/.test(position) || BigInt(position) > MAX_POSITION) {
    throw new RangeError(`invalid position: ${JSON.stringify(position)}`);
  }
  return position.padStart(POSITION_WIDTH, '0');
}

/** Inverse of {@link padPosition}. */
export function unpadPosition(stored: string): string {
  return BigInt(stored).toString();
}
