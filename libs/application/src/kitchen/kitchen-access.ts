import { DomainError } from '@gx/domain';
import { sha256Hex, type AuthUser } from '@gx/platform';

/**
 * Who may see a kitchen's contracts, standing orders, deliveries and statements: operators see
 * every kitchen; a purchaser sees only the kitchen it acts for (its `party`).
 */
export const isOperator = (user: AuthUser): boolean => user.roles.includes('operator');

/** The kitchen a purchaser acts for; FORBIDDEN when the account acts for none. */
export function purchaserKitchen(user: AuthUser): string {
  if (!user.roles.includes('purchaser') || !user.party)
    throw new DomainError('FORBIDDEN', `${user.username} does not purchase for a kitchen`);
  return user.party;
}

/** True when `user` may see records of `kitchen`. */
export function canSee(user: AuthUser, kitchen: string): boolean {
  return isOperator(user) || (user.roles.includes('purchaser') && user.party === kitchen);
}

/**
 * A record looked up by id that `user` may not see is answered as absent (NOT_FOUND), so that
 * ids of other kitchens' records cannot be probed.
 */
export function requireVisible(user: AuthUser, kitchen: string, what: string): void {
  if (!canSee(user, kitchen)) throw new DomainError('NOT_FOUND', `no ${what}`, 'id');
}

/**
 * The kitchen a list is restricted to: a purchaser's own (FORBIDDEN when it asks for another);
 * for an operator the one asked for, or every kitchen (undefined).
 */
export function kitchenScope(user: AuthUser, asked?: string): string | undefined {
  if (isOperator(user)) return asked;
  const own = purchaserKitchen(user);
  if (asked !== undefined && asked !== own)
    throw new DomainError('FORBIDDEN', `${user.username} may not see kitchen ${asked}`, 'kitchen');
  return own;
}

/** A short, stable id part derived from a command id: a retried request makes the same record. */
export const idDigest = (commandId: string): string => sha256Hex(commandId).slice(0, 12);
