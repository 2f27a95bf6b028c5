import { DomainError, type CampaignDoc, type CampaignStatus, type OrderDoc } from '@gx/domain';
import type { AuthUser } from '@gx/platform';

/**
 * Who may see and do what in the group buy, beyond the route's roles (`@Roles`, checked by the guard):
 * operators everywhere, a leader at the pickup point it runs (its token's party), a consumer its own
 * orders. The services and queries of the area ask these, and nothing else, about parties.
 */

/** Statuses anyone may see; drafts are for operators and the leader of their pickup point. */
const PUBLIC_STATUSES: ReadonlySet<CampaignStatus> = new Set(['published', 'succeeded', 'failed']);

export const isOperator = (viewer?: AuthUser): boolean => viewer?.roles.includes('operator') === true;

/** True when `viewer` is the leader of `pickupPoint`. */
export const leads = (viewer: AuthUser | undefined, pickupPoint: string): boolean =>
  viewer?.roles.includes('leader') === true && viewer.party === pickupPoint;

/** Whether `viewer` may see a campaign: published ones are public (also once cancelled), drafts only for their managers. */
export function canSeeCampaign(
  doc: Pick<CampaignDoc, 'status' | 'pickupPoint' | 'cancellation'>,
  viewer?: AuthUser,
): boolean {
  const wasPublic = PUBLIC_STATUSES.has(doc.status) || doc.cancellation?.wasPublished === true;
  return wasPublic || isOperator(viewer) || leads(viewer, doc.pickupPoint);
}

/** How much of an order `viewer` may see: its owner everything, its leader and operators all but the pickup code. */
export function orderAccess(
  doc: Pick<OrderDoc, 'customer' | 'pickupPoint'>,
  viewer: AuthUser,
): 'owner' | 'staff' | 'none' {
  if (doc.customer === viewer.username) return 'owner';
  if (isOperator(viewer) || leads(viewer, doc.pickupPoint)) return 'staff';
  return 'none';
}

/** Operators may run any campaign; a leader only campaigns of the pickup point they run (their token's party). */
export function requireCampaignRights(actor: AuthUser, pickupPoint: string): void {
  if (actor.roles.includes('operator')) return;
  if (actor.roles.includes('leader') && actor.party === pickupPoint) return;
  throw new DomainError(
    'FORBIDDEN',
    `only operators and the leader of ${pickupPoint} may manage its campaigns`,
    'pickupPoint',
  );
}

/** Operators everywhere; a leader only at the pickup point they run (their token's party). */
export function requirePickupPointRights(actor: AuthUser, pickupPoint: string): void {
  if (actor.roles.includes('operator')) return;
  if (actor.roles.includes('leader') && actor.party === pickupPoint) return;
  throw new DomainError('FORBIDDEN', `only operators and the leader of ${pickupPoint} may receive goods there`, 'code');
}

/** Only operators run a campaign's cut-off before its time. */
export function requireOperator(actor: AuthUser, what: string): void {
  if (!isOperator(actor)) throw new DomainError('FORBIDDEN', `only operators ${what}`);
}

/** The orders of a pickup point's lists (orders, pickups, commissions): its leader and operators; FORBIDDEN otherwise. */
export function requirePickupPointStaff(viewer: AuthUser, pickupPoint: string, what: string): void {
  if (!isOperator(viewer) && !leads(viewer, pickupPoint))
    throw new DomainError('FORBIDDEN', `only the leader of ${pickupPoint} and operators see its ${what}`, 'code');
}
