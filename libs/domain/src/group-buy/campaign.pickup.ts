import { DomainError } from '../shared/domain-error';
import type { CampaignPickupCommand, RecordGoodsArrived } from './campaign.decide';
import type { CampaignEvent, CampaignTerms } from './campaign.events';
import type { CampaignOrder, CampaignState } from './campaign.state';
import { requireTerms } from './campaign.orders';

/**
 * The books of a campaign at its pickup point (the village point's warehouse). When the campaign's
 * transfer is received there, the goods that arrived are reserved under {@link pickupHolderOf} for the
 * orders they can serve, and orders they cannot serve are flagged; each hand-over then allocates
 * (first expiry first) and issues exactly that order's base units from the hold. So every unit sent
 * is accounted for: lost in transit, issued to a consumer, still held for an order awaiting pickup,
 * or — the remainder no whole order fits in — free stock at the village point.
 */

/** Whether an order's goods can be handed over: held at the pickup point, not received there yet, or short. */
export type GoodsReadiness = 'ready' | 'not_arrived' | 'short';

/** Holder of a campaign's goods at its pickup point's warehouse (at the supplying warehouse the quota is held under the campaign id). */
export const pickupHolderOf = (campaignId: string): string => `${campaignId}:pickup`;

/** Which orders the goods that arrived serve, and the base units to hold for them. */
export interface PickupPlan {
  held: number;
  servable: string[];
  unserved: string[];
}

/** Base units of one order of the campaign. */
export const baseUnitsOf = (terms: CampaignTerms, order: Pick<CampaignOrder, 'quantity'>): number =>
  order.quantity * terms.saleUnit.base;

/**
 * Share `received` base units among the campaign's live orders in the order they joined, each whole
 * or not at all; an order that does not fit is skipped so that smaller later ones are still served
 * (a consumer never gets part of an order, and as few consumers as possible go without).
 */
export function planPickup(state: CampaignState, received: number): PickupPlan {
  const terms = requireTerms(state);
  // An order already handed over (only before these books were kept) took its goods with it.
  const live = state.orders
    .values()
    .filter((o) => o.status !== 'released' && o.pickup === undefined)
    .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.orderId.localeCompare(b.orderId));
  const plan: PickupPlan = { held: 0, servable: [], unserved: [] };
  for (const order of live) {
    const units = baseUnitsOf(terms, order);
    if (plan.held + units <= received) {
      plan.held += units;
      plan.servable.push(order.orderId);
    } else {
      plan.unserved.push(order.orderId);
    }
  }
  return plan;
}

/** Whether the goods of `orderId` are at the pickup point, held for it. */
export function goodsReadiness(state: CampaignState, orderId: string): GoodsReadiness {
  if (state.pickup.status === 'none') return 'not_arrived';
  if (state.pickup.status === 'blocked' || state.orders.get(orderId)?.pickup === 'unserved') return 'short';
  return 'ready';
}

function arrived(c: RecordGoodsArrived, state: CampaignState): CampaignEvent[] {
  const terms = requireTerms(state);
  if (state.status !== 'succeeded') throw new DomainError('INVALID_STATE', `a ${state.status} campaign ships nothing`);
  if (state.pickup.status !== 'none') {
    // The same arrival told again (a redelivered event) changes nothing; a campaign ships once.
    if (state.pickup.transferId === c.transferId) return [];
    throw new DomainError(
      'ALREADY_DECIDED',
      `the goods of the campaign arrived with transfer ${state.pickup.transferId ?? '?'}`,
      'transferId',
    );
  }
  const plan = planPickup(state, c.received);
  const unserved = c.refused ? [...plan.servable, ...plan.unserved].sort() : plan.unserved;
  const data = {
    campaignId: terms.campaignId,
    transferId: c.transferId,
    warehouse: terms.pickupWarehouse,
    holder: pickupHolderOf(terms.campaignId),
    received: c.received,
    lost: c.lost,
    held: c.refused ? 0 : plan.held,
    unserved,
    ...(c.refused && { refused: c.refused }),
    at: c.now,
  };
  return [{ type: 'CampaignGoodsArrived', data }];
}

/** The order a pickup outcome is about; null when its outcome is already recorded (a repeat). */
function handedOverOrder(state: CampaignState, orderId: string): { terms: CampaignTerms; order: CampaignOrder } | null {
  const terms = requireTerms(state);
  const order = state.orders.get(orderId);
  if (!order) throw new DomainError('NOT_FOUND', `no order ${orderId} in this campaign`, 'orderId');
  return order.pickup === 'issued' || order.pickup === 'issue_blocked' ? null : { terms, order };
}

/** Decide a command about the campaign's goods at its pickup point. */
export function decideCampaignPickup(c: CampaignPickupCommand, state: CampaignState): CampaignEvent[] {
  switch (c.type) {
    case 'RecordGoodsArrived':
      return arrived(c, state);
    case 'RecordPickupIssued': {
      const found = handedOverOrder(state, c.orderId);
      if (!found) return [];
      if (state.pickup.status !== 'ready')
        throw new DomainError('INVALID_STATE', 'nothing of the campaign is held at the pickup point', 'orderId');
      const quantity = c.picks.reduce((n, p) => n + p.quantity, 0);
      const { orderId, picks, traceToken } = c;
      return [
        {
          type: 'CampaignPickupIssued',
          data: { campaignId: found.terms.campaignId, orderId, quantity, picks, traceToken, at: c.now },
        },
      ];
    }
    case 'RecordPickupIssueBlocked': {
      const found = handedOverOrder(state, c.orderId);
      if (!found) return [];
      const { code, reason } = c;
      const quantity = baseUnitsOf(found.terms, found.order);
      return [
        {
          type: 'CampaignPickupIssueBlocked',
          data: { campaignId: found.terms.campaignId, orderId: c.orderId, quantity, code, reason, at: c.now },
        },
      ];
    }
  }
}
