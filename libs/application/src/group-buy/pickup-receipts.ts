import { Injectable } from '@nestjs/common';
import { DomainError, type BatchPick } from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import type { AuthUser } from '@gx/platform';
import { StockCommands } from '../stock/stock.commands';
import { StockQueries } from '../stock/stock.queries';
import { CampaignCommands } from './campaign.commands';
import { isCampaignId } from './group-buy.ids';

/** What a pickup point received: the transfer, what arrived and what was lost on the way (base units). */
export interface PickupReceipt {
  transferId: string;
  pickupPoint: string;
  warehouse: string;
  /** The campaign the goods were sent for, when a campaign sent them. */
  campaignId?: string;
  status: 'received';
  received: number;
  lost: BatchPick[];
  position: string;
}

/** Operators everywhere; a leader only at the pickup point they run (their token's party). */
export function requirePickupPointRights(actor: AuthUser, pickupPoint: string): void {
  if (actor.roles.includes('operator')) return;
  if (actor.roles.includes('leader') && actor.party === pickupPoint) return;
  throw new DomainError('FORBIDDEN', `only operators and the leader of ${pickupPoint} may receive goods there`, 'code');
}

/**
 * Receiving goods at a pickup point from the storefront (operations is for operators only): the
 * leader of the point, or an operator, records the arrival of a transfer addressed to the point's
 * warehouse, with what actually arrived per batch (the rest is lost in transit). A campaign's goods
 * are then held for its orders by the pickup process manager (see {@link PickupStock}).
 */
@Injectable()
export class PickupReceipts {
  constructor(
    private readonly campaigns: CampaignCommands,
    private readonly stock: StockCommands,
    private readonly stockQueries: StockQueries,
  ) {}

  /** Receive transfer `transferId` at `pickupPoint`; NOT_FOUND for a transfer addressed elsewhere, ALREADY_DECIDED when received already. */
  async receive(pickupPoint: string, transferId: string, received: BatchPick[] | undefined, actor: AuthUser, after: string | undefined, ctx: CommandContext): Promise<PickupReceipt> {
    requirePickupPointRights(actor, pickupPoint);
    const point = await this.campaigns.pickupPoint(pickupPoint);
    const transfer = await this.stockQueries.transfer(transferId, after);
    // A transfer to another warehouse is none of this point's business: it is not named.
    if (!transfer || transfer.to !== point.warehouse) throw new DomainError('NOT_FOUND', `no transfer ${transferId} to ${pickupPoint}`, 'transferId');
    const out = await this.stock.transferIn(transfer, received, ctx);
    const arrived = out.events.find((e) => e.type === 'StockTransferredIn');
    const picks = arrived?.type === 'StockTransferredIn' ? arrived.data.picks : [];
    return {
      transferId,
      pickupPoint,
      warehouse: point.warehouse,
      ...(transfer.holder !== undefined && isCampaignId(transfer.holder) && { campaignId: transfer.holder }),
      status: 'received',
      received: picks.reduce((n, p) => n + p.quantity, 0),
      lost: arrived?.type === 'StockTransferredIn' ? arrived.data.lost : [],
      position: out.position,
    };
  }
}
