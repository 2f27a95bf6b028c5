import type { Batch } from './models';

export type BatchState = 'uninspected' | 'expired' | 'expiring' | 'ok';

/** Days before expiry from which a batch is shown as expiring. */
export const EXPIRING_DAYS = 3;

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** How a batch is coloured in the stock browser, on the Beijing business date `today`. */
export function batchState(batch: Pick<Batch, 'inspection' | 'expiryDate'>, today: string): BatchState {
  if (batch.inspection.result !== 'pass') return 'uninspected';
  if (batch.expiryDate < today) return 'expired';
  if (batch.expiryDate <= addDays(today, EXPIRING_DAYS)) return 'expiring';
  return 'ok';
}

export const BATCH_TAG: Record<BatchState, 'danger' | 'warning' | 'info' | 'success'> = {
  expired: 'danger',
  expiring: 'warning',
  uninspected: 'info',
  ok: 'success',
};
