import { Injectable } from '@nestjs/common';
import {
  DomainError,
  own,
  stockDecider,
  stockStream,
  type BatchPick,
  type Grade,
  type HolderKind,
  type Inspection,
  type Origin,
  type StockCommand,
  type StockEvent,
  type StockState,
  type UnitCost,
  type WriteOffReason,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import { sha256Hex } from '@gx/platform';
import { CatalogCommands } from '../catalog/catalog.commands';

/** A receipt as an operator enters it (收购入库). */
export interface ReceiptInput {
  sku: string;
  warehouse: string;
  quantity: number;
  producer: string;
  origin: Origin;
  harvestDate: string;
  /** Defaults to harvest date + the SKU's shelf life. */
  expiryDate?: string;
  grade: Grade;
  inspection: Inspection;
  /** Defaults to the SKU's cost. */
  cost?: UnitCost;
}

export interface ReceiptResult {
  batchId: string;
  sku: string;
  warehouse: string;
  quantity: number;
  expiryDate: string;
  position: string;
}

/** Where: the stock of one SKU at one warehouse. */
export interface StockAt {
  sku: string;
  warehouse: string;
}

/** Outcome of a stock movement: its events and the log position to read after. */
export interface Moved {
  events: StockEvent[];
  position: string;
}

/** A stock command without the parts every command shares (where and when), distributed over the union. */
type StockBody<C = StockCommand> = C extends StockCommand ? Omit<C, 'sku' | 'warehouse' | 'now'> : never;

/** Kinds of hold an operator keeps by hand (a phone order, goods set aside); campaigns, lots and deliveries are the channels'. */
export const MANUAL_HOLDER_KINDS = ['order', 'other'] as const satisfies readonly HolderKind[];

/** Stock movements on the ledger; every command goes to the stream of one SKU at one warehouse. */
@Injectable()
export class StockCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly catalog: CatalogCommands,
  ) {}

  /** Receive a new batch; its id derives from the command id, so a retried receipt is the same batch. */
  async receive(input: ReceiptInput, ctx: CommandContext): Promise<ReceiptResult> {
    const [sku] = await Promise.all([
      this.catalog.sku(input.sku, 'sku'),
      this.catalog.warehouse(input.warehouse, 'warehouse'),
      this.catalog.producer(input.producer, 'producer'),
    ]);
    const batchId = batchIdFor(input.harvestDate, ctx.commandId);
    const expiryDate = input.expiryDate ?? addDays(input.harvestDate, sku.shelfLifeDays);
    const out = await this.execute(
      { sku: input.sku, warehouse: input.warehouse },
      { type: 'ReceiveStock', ...input, batchId, expiryDate, cost: input.cost ?? sku.cost },
      ctx,
    );
    const received = out.events.find((e) => e.type === 'StockReceived');
    return {
      batchId: received?.data.batchId ?? batchId,
      sku: input.sku,
      warehouse: input.warehouse,
      quantity: input.quantity,
      expiryDate,
      position: out.position,
    };
  }

  reserve(at: StockAt, body: { holder: string; holderKind: HolderKind; quantity: number }, ctx: CommandContext) {
    return this.move(at, { type: 'ReserveStock', ...body }, ctx);
  }

  release(at: StockAt, body: { holder: string; quantity?: number; reason: string }, ctx: CommandContext) {
    return this.move(at, { type: 'ReleaseReservation', ...body }, ctx);
  }

  allocate(at: StockAt, body: { holder: string; quantity?: number }, ctx: CommandContext) {
    return this.move(at, { type: 'AllocateStock', ...body }, ctx);
  }

  issue(at: StockAt, body: { holder: string; reason: string }, ctx: CommandContext) {
    return this.move(at, { type: 'IssueStock', ...body }, ctx);
  }

  writeOff(
    at: StockAt,
    body: { batchId: string; quantity: number; reason: WriteOffReason; note?: string },
    ctx: CommandContext,
  ) {
    return this.move(at, { type: 'WriteOff', ...body }, ctx);
  }

  adjust(at: StockAt, body: { batchId: string; delta: number; reason: string; countId?: string }, ctx: CommandContext) {
    return this.move(at, { type: 'AdjustStock', ...body }, ctx);
  }

  clearInspection(at: StockAt, body: { batchId: string; inspection: Inspection }, ctx: CommandContext) {
    return this.move(at, { type: 'ClearInspection', ...body }, ctx);
  }

  /** Send stock to another (registered) warehouse; the transfer id derives from the command id. */
  async transferOut(
    at: StockAt,
    body: { to: string; quantity?: number; holder?: string },
    ctx: CommandContext,
  ): Promise<Moved & { transferId: string }> {
    await Promise.all([
      this.catalog.warehouse(at.warehouse, 'from'),
      this.catalog.warehouse(body.to, 'to'),
      this.catalog.sku(at.sku, 'sku'),
    ]);
    const transferId = `T-${digest(ctx.commandId)}`;
    const out = await this.move(at, { type: 'TransferOut', transferId, ...body }, ctx);
    const sent = out.events.find((e) => e.type === 'StockTransferredOut');
    return { ...out, transferId: sent?.data.transferId ?? transferId };
  }

  /** Receive at `to` what transfer `transferId` took out of `from` (exactly what was sent, read from the sender). */
  async transferIn(
    transfer: { transferId: string; sku: string; from: string; to: string },
    received: BatchPick[] | undefined,
    ctx: CommandContext,
  ): Promise<Moved> {
    const source = await this.state({ sku: transfer.sku, warehouse: transfer.from });
    const sent = own(source.transfersOut, transfer.transferId);
    if (!sent || sent.to !== transfer.to)
      throw new DomainError('NOT_FOUND', `no transfer ${transfer.transferId} to ${transfer.to}`, 'id');
    return this.move(
      { sku: transfer.sku, warehouse: transfer.to },
      { type: 'TransferIn', transferId: transfer.transferId, from: transfer.from, sent: sent.picks, received },
      ctx,
    );
  }

  /**
   * Refuse a manual move of a hold a channel owns (an order, a campaign's quota, a lot, a kitchen delivery): it
   * moves only through that channel's flow, so the channel's books (open quota, lot, delivery) follow it. A holder's
   * kind never changes, so checking before the move is safe.
   */
  async requireManualHold(at: StockAt, holder: string): Promise<void> {
    const hold = own((await this.state(at)).reservations, holder);
    if (hold && !(MANUAL_HOLDER_KINDS as readonly HolderKind[]).includes(hold.holderKind)) {
      throw new DomainError(
        'HOLD_OWNED_BY_CHANNEL',
        `${holder} is held for its ${hold.holderKind}: move it through that channel`,
        'holder',
      );
    }
  }

  /** Current state of one stock stream (the write side, exact). */
  async state(at: StockAt): Promise<StockState> {
    return (await this.runner.load(stockDecider, stockStream(at.sku, at.warehouse))).state;
  }

  private async move(at: StockAt, body: StockBody, ctx: CommandContext): Promise<Moved> {
    const out = await this.execute(at, body, ctx);
    return { events: out.events, position: out.position };
  }

  private execute(at: StockAt, body: StockBody, ctx: CommandContext): Promise<CommandOutcome<StockEvent, StockState>> {
    // The union is rebuilt member by member; TypeScript cannot follow the spread through it.
    const command = { ...body, ...at, now: ctx.now } as StockCommand;
    return this.runner.execute(stockDecider, stockStream(at.sku, at.warehouse), command, ctx);
  }
}

const digest = (commandId: string): string => sha256Hex(commandId).slice(0, 12);

/** Batch ids read like `B-20261120-1a2b3c4d5e6f`: the harvest date and a digest of the command id. */
export function batchIdFor(harvestDate: string, commandId: string): string {
  return `B-${harvestDate.replaceAll('-', '')}-${digest(commandId)}`;
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
