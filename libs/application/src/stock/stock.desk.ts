import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type BaseUnit,
  type BatchPick,
  type HolderKind,
  type StockEvent,
  type WriteOffReason,
} from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import { CatalogCommands } from '../catalog/catalog.commands';
import { StockCommands, type Moved, type StockAt } from './stock.commands';

/** Base units taken from one batch. */
export interface BatchQuantity {
  batchId: string;
  quantityBase: number;
}

/** Picks of the ledger (base units) as answers give them. */
export const batchQuantities = (picks: readonly BatchPick[]): BatchQuantity[] =>
  picks.map(({ batchId, quantity }) => ({ batchId, quantityBase: quantity }));
/** Picks of a request (`quantityBase`) as the ledger takes them. */
export const ledgerPicks = (lines: readonly BatchQuantity[] | undefined): BatchPick[] | undefined =>
  lines?.map(({ batchId, quantityBase }) => ({ batchId, quantity: quantityBase }));
const totalOf = (picks: readonly BatchPick[]): number => picks.reduce((n, p) => n + p.quantity, 0);

/** A hold on stock after a manual move: where, whose, and what moved (base units, `baseUnit` the SKU's). */
export interface HoldMoved extends StockAt {
  holder: string;
  baseUnit: BaseUnit;
  position: string;
}

/** A transfer after it was sent or received. */
export interface TransferMoved {
  transferId: string;
  sku: string;
  from: string;
  to: string;
  baseUnit: BaseUnit;
  status: 'in_transit' | 'received';
  sentAt: string;
  receivedAt?: string;
  /** Sent (base units), per batch. */
  picks: BatchQuantity[];
  quantityBase: number;
  /** On receipt: what arrived and what was lost on the way (base units). */
  receivedBase?: number;
  lost?: BatchQuantity[];
  position: string;
}

/**
 * The operators' stock desk: manual holds, write-offs and transfers with shaped answers (quantities in
 * base units named `…Base` beside the SKU's `baseUnit`, money in `…Fen`); the ledger's events stay behind it.
 */
@Injectable()
export class StockDesk {
  constructor(
    private readonly stock: StockCommands,
    private readonly catalog: CatalogCommands,
  ) {}

  /** The base unit of a registered SKU. */
  async baseUnitOf(sku: string): Promise<BaseUnit> {
    return (await this.catalog.sku(sku, 'sku')).baseUnit;
  }

  /** Reserve for a manual hold (a phone order, goods set aside). */
  async reserve(
    at: StockAt,
    body: { holder: string; holderKind: HolderKind; quantityBase: number },
    ctx: CommandContext,
  ): Promise<HoldMoved & { holderKind: HolderKind; quantityBase: number }> {
    const out = await this.stock.reserve(
      at,
      { holder: body.holder, holderKind: body.holderKind, quantity: body.quantityBase },
      ctx,
    );
    return {
      ...at,
      holder: body.holder,
      holderKind: body.holderKind,
      quantityBase: body.quantityBase,
      baseUnit: await this.baseUnitOf(at.sku),
      position: out.position,
    };
  }

  /** Release (part of) a manual hold; HOLD_OWNED_BY_CHANNEL for a channel's. */
  async release(
    at: StockAt,
    body: { holder: string; quantityBase?: number; reason: string },
    ctx: CommandContext,
  ): Promise<HoldMoved & { reason: string; releasedBase: number; picks: BatchQuantity[] }> {
    await this.stock.requireManualHold(at, body.holder);
    const out = await this.stock.release(
      at,
      {
        holder: body.holder,
        reason: body.reason,
        ...(body.quantityBase !== undefined && { quantity: body.quantityBase }),
      },
      ctx,
    );
    const released = firstOf(out, 'StockReservationReleased');
    const picks = released?.picks ?? [];
    return {
      ...at,
      holder: body.holder,
      reason: body.reason,
      releasedBase: released?.quantity ?? 0,
      picks: batchQuantities(picks),
      baseUnit: await this.baseUnitOf(at.sku),
      position: out.position,
    };
  }

  /** Allocate a manual hold to batches, first expiry first. */
  async allocate(
    at: StockAt,
    body: { holder: string; quantityBase?: number },
    ctx: CommandContext,
  ): Promise<HoldMoved & { allocatedBase: number; picks: BatchQuantity[] }> {
    await this.stock.requireManualHold(at, body.holder);
    const out = await this.stock.allocate(
      at,
      { holder: body.holder, ...(body.quantityBase !== undefined && { quantity: body.quantityBase }) },
      ctx,
    );
    const picks = firstOf(out, 'StockAllocated')?.picks ?? [];
    return {
      ...at,
      holder: body.holder,
      allocatedBase: totalOf(picks),
      picks: batchQuantities(picks),
      baseUnit: await this.baseUnitOf(at.sku),
      position: out.position,
    };
  }

  /** Issue what a manual hold has allocated. */
  async issue(
    at: StockAt,
    body: { holder: string; reason: string },
    ctx: CommandContext,
  ): Promise<HoldMoved & { reason: string; issuedBase: number; picks: BatchQuantity[] }> {
    await this.stock.requireManualHold(at, body.holder);
    const out = await this.stock.issue(at, body, ctx);
    const picks = firstOf(out, 'StockIssued')?.picks ?? [];
    return {
      ...at,
      holder: body.holder,
      reason: body.reason,
      issuedBase: totalOf(picks),
      picks: batchQuantities(picks),
      baseUnit: await this.baseUnitOf(at.sku),
      position: out.position,
    };
  }

  /** Write off stock of one batch, valued at the batch's cost. */
  async writeOff(
    at: StockAt,
    body: { batchId: string; quantityBase: number; reason: WriteOffReason; note?: string },
    ctx: CommandContext,
  ): Promise<
    StockAt & {
      batchId: string;
      quantityBase: number;
      baseUnit: BaseUnit;
      reason: WriteOffReason;
      note?: string;
      valueFen: number;
      position: string;
    }
  > {
    const { quantityBase, ...rest } = body;
    const out = await this.stock.writeOff(at, { ...rest, quantity: quantityBase }, ctx);
    const written = firstOf(out, 'StockWrittenOff');
    return {
      ...at,
      ...body,
      baseUnit: await this.baseUnitOf(at.sku),
      valueFen: written?.value ?? 0,
      position: out.position,
    };
  }

  /** Send free, sellable stock to another warehouse, first expiry first. */
  async send(
    body: { sku: string; from: string; to: string; quantityBase: number },
    ctx: CommandContext,
  ): Promise<TransferMoved> {
    const out = await this.stock.transferOut(
      { sku: body.sku, warehouse: body.from },
      { to: body.to, quantity: body.quantityBase },
      ctx,
    );
    const picks =
      firstOf(out, 'StockTransferredOut')?.picks.map(({ batchId, quantity }) => ({ batchId, quantity })) ?? [];
    return {
      transferId: out.transferId,
      sku: body.sku,
      from: body.from,
      to: body.to,
      baseUnit: await this.baseUnitOf(body.sku),
      status: 'in_transit',
      sentAt: ctx.now,
      picks: batchQuantities(picks),
      quantityBase: totalOf(picks),
      position: out.position,
    };
  }

  /** Receive a transfer at its destination: what did not arrive (per batch, `quantityBase`) is lost in transit. */
  async receive(
    transfer: { transferId: string; sku: string; from: string; to: string; sentAt: string } | null,
    received: BatchQuantity[] | undefined,
    ctx: CommandContext,
  ): Promise<TransferMoved> {
    if (!transfer) throw new DomainError('NOT_FOUND', 'no such transfer', 'id');
    const out = await this.stock.transferIn(transfer, ledgerPicks(received), ctx);
    const arrived = firstOf(out, 'StockTransferredIn');
    const picks: BatchPick[] = arrived?.picks.map(({ batchId, quantity }) => ({ batchId, quantity })) ?? [];
    const lost = arrived?.lost ?? [];
    return {
      transferId: transfer.transferId,
      sku: transfer.sku,
      from: transfer.from,
      to: transfer.to,
      baseUnit: await this.baseUnitOf(transfer.sku),
      status: 'received',
      sentAt: transfer.sentAt,
      receivedAt: ctx.now,
      picks: batchQuantities(picks),
      quantityBase: totalOf(picks) + totalOf(lost),
      receivedBase: totalOf(picks),
      lost: batchQuantities(lost),
      position: out.position,
    };
  }
}

/** The data of each kind of stock event. */
type EventData = { [E in StockEvent as E['type']]: E['data'] };

/** The data of the first event of `type` a move appended. */
function firstOf<T extends keyof EventData>(out: Moved, type: T): EventData[T] | undefined {
  const event: { data: unknown } | undefined = out.events.find((e) => e.type === type);
  return event?.data as EventData[T] | undefined;
}
