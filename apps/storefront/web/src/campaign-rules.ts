import type { Campaign } from './models';

export type JoinBlock = 'sold_out' | 'cutoff_passed' | 'not_open' | 'closed';

/**
 * Why a campaign cannot be joined now, as the API would refuse it: its cut-off has passed (at its time, or
 * run early by an operator: it succeeded or failed), it was cancelled, it has not opened, nothing is left.
 */
export function joinBlock(
  campaign: Pick<Campaign, 'status' | 'remaining' | 'opensAt' | 'cutoffAt'>,
  now: number,
): JoinBlock | null {
  if (campaign.status === 'cancelled') return 'closed';
  if (Date.parse(campaign.cutoffAt) <= now || campaign.status === 'succeeded' || campaign.status === 'failed')
    return 'cutoff_passed';
  if (campaign.status !== 'published' || Date.parse(campaign.opensAt) > now) return 'not_open';
  if (campaign.remaining <= 0) return 'sold_out';
  return null;
}

/** Business codes of a refused join that the page explains in words of its own. */
export const EXPLAINED_CODES = [
  'SOLD_OUT',
  'LIMIT_EXCEEDED',
  'CUTOFF_PASSED',
  'NOT_OPEN',
  'PAYMENT_METHOD_UNAVAILABLE',
] as const;
export type ExplainedCode = (typeof EXPLAINED_CODES)[number];
export const isExplained = (code: string): code is ExplainedCode =>
  (EXPLAINED_CODES as readonly string[]).includes(code);

/** Time left until `until` as `2天 03:04:05` (en `2d 03:04:05`), or `00:00:00` once passed. */
export function timeLeft(until: string, now: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const total = Math.max(0, Math.floor((Date.parse(until) - now) / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  if (days === 0) return clock;
  return locale === 'en' ? `${days}d ${clock}` : `${days}天 ${clock}`;
}
