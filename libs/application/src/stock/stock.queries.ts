import { Inject, Injectable } from '@nestjs/common';
import {
  availableOf,
  evolveStock,
  freeOf,
  initialStockState,
  isSellable,
  shanghaiDate,
  shanghaiIso,
  type BaseUnit,
  stockLevelId,
  stockStateOf,
  stockStream,
  unsellableOf,
  type BatchTraceDoc,
  type StockBatchDoc,
  type StockEvent,
  type StockLevelDoc,
  type StockReservationDoc,
  type TransferDoc,
} from '@gx/domain';
import { EVENT_STORE, type EventStore } from '@gx/eventstore';
import { ReadModels, type Filter } from '@gx/readstore';
import { baseUnitLookup } from '../catalog/catalog.queries';
import { addDays } from './stock.commands';
import { batchView, reservationView, traceView, transferView } from './stock.views';
import { publicView, ReadGate } from '../kernel/read-gate';
import { STOCK, stockProjection } from './stock.projection';

const LIMIT = 1000;

/** A stock level as operators see it: figures in base units (`…Base`, `baseUnit`), batches with their sellability today, holders. */
export function presentLevel(doc: StockLevelDoc, today: string, baseUnit: BaseUnit) {
  const state = stockStateOf(doc);
  const { onHand, reserved, allocated, batches, reservations, ...rest } = publicView(doc);
  return {
    ...rest,
    baseUnit,
    onHandBase: onHand,
    reservedBase: reserved,
    allocatedBase: allocated,
    availableBase: availableOf(state, today),
    unsellableBase: unsellableOf(state, today),
    batches: batches.map((b) => ({ ...batchView(b), freeBase: freeOf(b), sellable: isSellable(b, today) })),
    reservations: reservations.map(reservationView),
  };
}

/** Queries of the stock ledger; read models for lists, the log itself for history (the audit trail). */
@Injectable()
export class StockQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async levels(query: { warehouse?: string; sku?: string; after?: string }, now: Date) {
    await this.gate.after(stockProjection.name, query.after);
    const docs =
      query.warehouse && query.sku ? await this.level(query.sku, query.warehouse) : await this.findLevels(query);
    const today = shanghaiDate(now);
    const baseUnit = await baseUnitLookup(
      this.readModels,
      docs.map((d) => d.sku),
    );
    return docs.map((doc) => presentLevel(doc, today, baseUnit(doc.sku)));
  }

  /** One SKU at one warehouse is one document: fetched by its id, not searched for. */
  private async level(sku: string, warehouse: string): Promise<StockLevelDoc[]> {
    const doc = await this.readModels.get<StockLevelDoc>(STOCK.levels, stockLevelId(sku, warehouse));
    return doc ? [doc] : [];
  }

  private findLevels(query: { warehouse?: string; sku?: string }): Promise<StockLevelDoc[]> {
    const filter: Filter = {};
    if (query.warehouse) filter.warehouse = query.warehouse;
    if (query.sku) filter.sku = query.sku;
    return this.readModels.find<StockLevelDoc>(STOCK.levels, filter, {
      sort: [
        ['warehouse', 1],
        ['sku', 1],
      ],
      limit: LIMIT,
    });
  }

  /** Batches with stock on hand that expire within `days` days (already expired ones first). */
  async expiring(query: { days: number; warehouse?: string; after?: string }, now: Date) {
    await this.gate.after(stockProjection.name, query.after);
    const today = shanghaiDate(now);
    const filter: Filter = { expiryDate: { $lte: addDays(today, query.days) }, onHand: { $gt: 0 } };
    if (query.warehouse) filter.warehouse = query.warehouse;
    const docs = await this.readModels.find<StockBatchDoc>(STOCK.batches, filter, {
      sort: [
        ['expiryDate', 1],
        ['_id', 1],
      ],
      limit: LIMIT,
    });
    const baseUnit = await baseUnitLookup(
      this.readModels,
      docs.map((d) => d.sku),
    );
    return docs.map((d) => {
      const { _id: _ignored, sku, warehouse, ...batch } = d;
      return {
        sku,
        warehouse,
        baseUnit: baseUnit(sku),
        ...batchView(batch),
        expired: d.expiryDate < today,
        daysLeft: daysBetween(today, d.expiryDate),
      };
    });
  }

  /** Holds older than `hours` hours: reservations nobody allocated, issued or released (stuck holds). */
  async stuckReservations(query: { hours: number; warehouse?: string; after?: string }, now: Date) {
    await this.gate.after(stockProjection.name, query.after);
    const filter: Filter = { since: { $lte: new Date(now.getTime() - query.hours * 3600_000).toISOString() } };
    if (query.warehouse) filter.warehouse = query.warehouse;
    const docs = await this.readModels.find<StockReservationDoc>(STOCK.reservations, filter, {
      sort: [
        ['since', 1],
        ['_id', 1],
      ],
      limit: LIMIT,
    });
    const baseUnit = await baseUnitLookup(
      this.readModels,
      docs.map((d) => d.sku),
    );
    return docs.map((d) => {
      const { _id: _ignored, allocated, ...hold } = d;
      return {
        ...reservationView(hold),
        baseUnit: baseUnit(d.sku),
        allocatedBase: allocated,
        ageHours: Math.floor((now.getTime() - Date.parse(d.since)) / 3600_000),
      };
    });
  }

  /** Transfers, newest first; with `warehouse`, those leaving or reaching it. */
  async transfers(query: { status?: string; warehouse?: string; after?: string }) {
    await this.gate.after(stockProjection.name, query.after);
    const base: Filter = query.status ? { status: query.status } : {};
    const filters = query.warehouse
      ? [
          { ...base, from: query.warehouse },
          { ...base, to: query.warehouse },
        ]
      : [base];
    const options = {
      sort: [
        ['sentAt', -1],
        ['_id', 1],
      ] as Array<[string, 1 | -1]>,
      limit: LIMIT,
    };
    const found = await Promise.all(filters.map((f) => this.readModels.find<TransferDoc>(STOCK.transfers, f, options)));
    const docs = found
      .flat()
      .sort((a, b) => b.sentAt.localeCompare(a.sentAt) || a._id.localeCompare(b._id))
      .slice(0, LIMIT);
    const baseUnit = await baseUnitLookup(
      this.readModels,
      docs.map((d) => d.sku),
    );
    return docs.map((d) => transferView(d, baseUnit(d.sku)));
  }

  /** One transfer's document (for commands on it). */
  async transferDoc(id: string, after?: string): Promise<TransferDoc | null> {
    await this.gate.after(stockProjection.name, after);
    return this.readModels.get<TransferDoc>(STOCK.transfers, id);
  }

  /** One transfer, shaped as in the list. */
  async transfer(id: string, after?: string) {
    const doc = await this.transferDoc(id, after);
    return doc && transferView(doc, (await baseUnitLookup(this.readModels, [doc.sku]))(doc.sku));
  }

  async trace(batchId: string, after?: string) {
    await this.gate.after(stockProjection.name, after);
    const doc = await this.readModels.get<BatchTraceDoc>(STOCK.traces, batchId);
    return doc && traceView(doc, (await baseUnitLookup(this.readModels, [doc.sku]))(doc.sku));
  }

  /**
   * The ledger of one SKU at one warehouse from the log itself, and its position (on hand, reserved,
   * allocated, batches) as of `asOf` — what we held on date D, and why.
   */
  async history(query: { sku: string; warehouse: string; asOf?: Date }, now: Date) {
    const recorded = await this.events.readStream(stockStream(query.sku, query.warehouse));
    const asOf = query.asOf?.toISOString();
    let state = initialStockState;
    const entries = [];
    for (const e of recorded) {
      if (asOf !== undefined && e.metadata.occurredAt > asOf) break;
      const before = state;
      state = evolveStock(state, { type: e.type, data: e.data } as StockEvent);
      entries.push({
        position: e.position,
        revision: e.revision,
        at: e.metadata.occurredAt,
        type: e.type,
        actor: e.metadata.actor,
        correlationId: e.metadata.correlationId,
        onHandDeltaBase: state.onHand - before.onHand,
        reservedDeltaBase: state.reserved - before.reserved,
        allocatedDeltaBase: state.allocated - before.allocated,
        onHandBase: state.onHand,
        ...movementFacts(e.data as Record<string, unknown>),
      });
    }
    const day = shanghaiDate(query.asOf ?? now);
    return {
      sku: query.sku,
      warehouse: query.warehouse,
      baseUnit: (await baseUnitLookup(this.readModels, [query.sku]))(query.sku),
      asOf: asOf ? shanghaiIso(asOf) : null,
      position: {
        onHandBase: state.onHand,
        reservedBase: state.reserved,
        allocatedBase: state.allocated,
        availableBase: availableOf(state, day),
        batches: Object.values(state.batches)
          .filter((b) => b.onHand > 0)
          .map((b) => ({
            batchId: b.batchId,
            onHandBase: b.onHand,
            allocatedBase: b.allocated,
            expiryDate: b.expiryDate,
          })),
        reservations: Object.values(state.reservations).map(reservationView),
      },
      entries,
    };
  }
}

/** What an entry of the ledger names besides its figures: the batch, holder, transfer and reason it concerns (not the event's data). */
function movementFacts(data: Record<string, unknown>): {
  batchId?: string;
  holder?: string;
  transferId?: string;
  reason?: string;
} {
  const text = (key: string): string | undefined => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  const facts = {
    batchId: text('batchId'),
    holder: text('holder'),
    transferId: text('transferId'),
    reason: text('reason'),
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
