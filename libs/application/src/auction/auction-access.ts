import { DomainError } from '@gx/domain';
import type { Viewer } from './auction.queries';
import type { AuthUser } from '@gx/platform';

/**
 * Who may see and do what at the wholesale market, beyond the route's roles (`@Roles`, checked by the
 * guard): operators everything, a buyer what concerns the buyer its token acts for (its party).
 */

/** How a caller sees lots, credit and sales: as an operator, or as the buyer its token acts for. */
export function viewerOf(user: AuthUser | undefined): Viewer {
  const operator = user?.roles.includes('operator') ?? false;
  const buyerId = user?.roles.includes('buyer') ? user.party : undefined;
  return { operator, ...(buyerId ? { buyerId } : {}) };
}

/** The buyer id a buyer's token acts for, or FORBIDDEN. */
export function buyerIdOf(user: AuthUser | undefined): string {
  const { buyerId } = viewerOf(user);
  if (!buyerId) throw new DomainError('FORBIDDEN', 'only a buyer account (with a buyer id) can do this', 'party');
  return buyerId;
}

/**
 * Operators may see any buyer's account and sales; a buyer only its own. Another buyer's record is
 * answered as absent (NOT_FOUND with `absent`, the detail of a missing one), so ids cannot be probed.
 */
export function requireOperatorOrBuyer(user: AuthUser | undefined, buyerId: string, absent: string): void {
  const viewer = viewerOf(user);
  if (!viewer.operator && viewer.buyerId !== buyerId) throw new DomainError('NOT_FOUND', absent, 'id');
}
