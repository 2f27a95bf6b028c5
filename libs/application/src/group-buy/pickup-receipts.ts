import { Injectable } from '@nestjs/common';
import { DomainError, type BaseUnit } from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import type { AuthUser } from '@gx/platform';
import { StockDesk, type BatchQuantity } from '../stock/stock.desk';
import { StockQueries } from '../stock/stock.queries';
import { CampaignCommands } from './campaign.commands';
import { requirePickupPointRights } from './group-buy-access';
import { isCampaignId } from './group-buy.ids';

/** What a pickup point received: the transfer, what arrived and what was lost on the way (base units, `baseUnit` the SKU's). */
export interface PickupReceipt {
  transferId: string;
  pickupPoint: string;
  warehouse: string;
  /** The campaign the goods were sent for, when a campaign sent them. */
  campaignId?: string;
  sku: string;
  baseUnit: BaseUnit;
  status: 'received';
  /** Sent (base units). */
  quantityBase: number;
  receivedBase: number;
  lost: BatchQuantity[];
  position: string;
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
    private readonly desk: StockDesk,
    private readonly stockQueries: StockQueries,
  ) {}

  /** Receive transfer `transferId` at `pickupPoint`; NOT_FOUND for a transfer addressed elsewhere, ALREADY_DECIDED when received already. */
  async receive(
    pickupPoint: string,
    transferId: string,
    received: BatchQuantity[] | undefined,
    actor: AuthUser,
    after: string | undefined,
    ctx: CommandContext,
  ): Promise<PickupReceipt> {
    requirePickupPointRights(actor, pickupPoint);
    const point = await this.campaigns.pickupPoint(pickupPoint);
    const transfer = await this.stockQueries.transferDoc(transferId, after);
    // A transfer to another warehouse is none of this point's business: it is not named.
    if (!transfer || transfer.to !== point.warehouse)
      throw new DomainError('NOT_FOUND', `no transfer ${transferId} to ${pickupPoint}`, 'transferId');
    const moved = await this.desk.receive(transfer, received, ctx);
    return {
      transferId,
      pickupPoint,
      warehouse: point.warehouse,
      ...(transfer.holder !== undefined && isCampaignId(transfer.holder) && { campaignId: transfer.holder }),
      sku: moved.sku,
      baseUnit: moved.baseUnit,
      status: 'received',
      quantityBase: moved.quantityBase,
      receivedBase: moved.receivedBase ?? 0,
      lost: moved.lost ?? [],
      position: moved.position,
    };
  }
}
