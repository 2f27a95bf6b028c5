import { Injectable } from '@nestjs/common';
import { stockDecider, stockStream, type Grade, type Inspection, type Origin, type UnitCost } from '@gx/domain';
import { CommandRunner, type CommandContext } from '@gx/eventstore';
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

/** Stock movements on the ledger. */
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
    const out = await this.runner.execute(
      stockDecider,
      stockStream(input.sku, input.warehouse),
      { type: 'ReceiveStock', ...input, batchId, expiryDate, cost: input.cost ?? sku.cost, now: ctx.now },
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
}

/** Batch ids read like `B-20261120-1a2b3c4d5e6f`: harvest date and a slice of the command id. */
export function batchIdFor(harvestDate: string, commandId: string): string {
  return `B-${harvestDate.replaceAll('-', '')}-${commandId.replaceAll('-', '').slice(0, 12)}`;
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
