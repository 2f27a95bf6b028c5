/** Business time is Asia/Shanghai: UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The business date (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant (ISO or Date) written in Beijing time with its offset: `2026-12-01T12:00:00+08:00` (whole seconds kept, milliseconds when present). */
export function shanghaiIso(at: string | Date): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  const ms = local.slice(19, 23);
  return `${local.slice(0, 19)}${ms === '.000' ? '' : ms}+08:00`;
}

/** The instant a Beijing business day (YYYY-MM-DD) begins: `2026-12-01` → 2026-11-30T16:00:00Z. */
export function shanghaiDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

/** The last millisecond of a Beijing business day: everything that happened on `date` in Beijing is at or before it. */
export function shanghaiDayEnd(date: string): Date {
  return new Date(shanghaiDayStart(date).getTime() + 24 * 3600_000 - 1);
}

/** An "as of" parameter as an instant: a date-only value means the end of that day in Beijing, a time is taken as written. */
export function asOfInstant(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? shanghaiDayEnd(value) : new Date(value);
}
