import { Injectable } from '@nestjs/common';
import {
  DomainError,
  isDomainError,
  isSellable,
  lotDecider,
  lotStream,
  own,
  shanghaiDate,
  validateLotTerms,
  type LotCommand,
  type LotEvent,
  type LotState,
  type LotTerms,
  type BaseUnit,
  type SaleUnit,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import { stepContext } from '../kernel/command-context';
import { CatalogCommands } from '../catalog/catalog.commands';
import { StockCommands } from '../stock/stock.commands';
import { AUCTION_COMMAND_IDS as IDS, lotIdFor } from './auction.ids';

/** A lot as an operator lists it: a quantity of one batch at a market warehouse, and the auction's terms. */
export interface ListLotInput {
  warehouse: string;
  sku: string;
  batchId: string;
  /** Base units (g or pieces: the SKU's baseUnit); a whole number of trading units. */
  quantityBase: number;
  /** Trading unit: one of the SKU's sale units (default: its first). Prices are fen per this unit. */
  saleUnit?: string;
  startPriceFen: number;
  /** 0 or absent: no reserve. */
  reservePriceFen?: number;
  incrementFen: number;
  /** Default: now. */
  opensAt?: string;
  closesAt: string;
  /** Anti-sniping window in seconds (default 60). */
  extensionSeconds?: number;
  notes?: string;
  photos?: string[];
}

/** A listed lot: its id, terms (and its SKU's base unit) and the log position to read after. */
export interface LotListed {
  lotId: string;
  terms: LotTerms;
  baseUnit: BaseUnit;
  position: string;
}

const DEFAULT_EXTENSION_SECONDS = 60;

/** An ISO time as `toISOString` writes it; an unreadable one is refused. */
function iso(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new DomainError('INVALID_DATES', `${time} is not a time`, 'closesAt');
  return new Date(ms).toISOString();
}

/**
 * The ledger's refusal restated for the lot's request: the free stock in trading units (and base units, named so),
 * the quantity asked in trading units: '3 箱(5kg) available (15000 g), 100 asked'.
 */
function inTradingUnits(e: DomainError, saleUnit: SaleUnit, baseUnit: BaseUnit): DomainError {
  if (e.code !== 'INSUFFICIENT_STOCK' || !e.shortfall) return e;
  const { available, asked } = e.shortfall;
  return new DomainError(
    'INSUFFICIENT_STOCK',
    `${Math.floor(available / saleUnit.base)} ${saleUnit.unit} available (${available} ${baseUnit}), ${asked / saleUnit.base} asked`,
    'quantityBase',
  );
}

/** A step of a command, under its own deterministic id (see {@link stepContext}). */
const step = (ctx: CommandContext, commandId: string): CommandContext => stepContext(ctx, commandId);

/** Lots (`lot-<id>` streams): listing with its stock, closing, and fencing off what never happened. */
@Injectable()
export class LotCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly catalog: CatalogCommands,
    private readonly stock: StockCommands,
  ) {}

  /**
   * List a lot. Its stock is reserved and allocated from the named batch first (under ids derived
   * from the lot id), and the lot is created only once that succeeded; a failed creation gives the
   * stock back. A crash in between leaves a reservation that the listing-check deadline returns
   * after fencing the lot id off (AbandonListing), so no lot ever lacks its stock and no stock stays
   * held for a lot that does not exist. A retry with the same command id finishes the same lot.
   */
  async list(input: ListLotInput, ctx: CommandContext): Promise<LotListed> {
    const lotId = lotIdFor(ctx.commandId);
    const existing = await this.runner.load(lotDecider, lotStream(lotId));
    if (existing.state.terms) {
      const { baseUnit } = await this.catalog.sku(existing.state.terms.sku, 'sku');
      return { lotId, terms: existing.state.terms, baseUnit, position: existing.position };
    }

    const { terms, baseUnit } = await this.termsOf(lotId, input, ctx);
    validateLotTerms(terms, ctx.now);
    const at = { sku: terms.sku, warehouse: terms.warehouse };
    try {
      await this.stock.reserve(
        at,
        { holder: lotId, holderKind: 'lot', quantity: terms.quantity },
        step(ctx, IDS.reserveLotStock(lotId)),
      );
    } catch (e) {
      throw isDomainError(e) ? inTradingUnits(e, { unit: terms.unit, base: terms.unitBase }, baseUnit) : e;
    }
    try {
      const allocated = await this.stock.allocate(at, { holder: lotId }, step(ctx, IDS.allocateLotStock(lotId)));
      const picks = allocated.events.flatMap((e) => (e.type === 'StockAllocated' ? e.data.picks : []));
      const other = picks.find((p) => p.batchId !== terms.batch.batchId);
      if (other) {
        throw new DomainError(
          'BATCH_NOT_SELLABLE',
          `first expiry first out: batch ${other.batchId} expires before ${terms.batch.batchId} and must be sold first`,
          'batchId',
        );
      }
      const out = await this.execute(lotId, { type: 'ListLot', terms, now: ctx.now }, ctx);
      return { lotId, terms, baseUnit, position: out.position };
    } catch (e) {
      if (isDomainError(e)) await this.releaseStock(lotId, at, 'listing refused', ctx);
      throw e;
    }
  }

  /** The close deadline fired: the lot decides (nothing happens before its own, possibly extended, closesAt). */
  close(lotId: string, ctx: CommandContext): Promise<CommandOutcome<LotEvent, LotState>> {
    return this.execute(lotId, { type: 'CloseLot', lotId, now: ctx.now }, step(ctx, IDS.closeLot(lotId)));
  }

  /**
   * An operator closes a lot now, before its deadline: the deadline's own command (same decision, same
   * command id), so whichever comes second changes nothing; the events name the operator.
   */
  closeNow(lotId: string, ctx: CommandContext): Promise<CommandOutcome<LotEvent, LotState>> {
    return this.execute(
      lotId,
      { type: 'CloseLot', lotId, now: ctx.now, earlyBy: ctx.actor },
      step(ctx, IDS.closeLot(lotId)),
    );
  }

  /** An operator withdraws a lot that has no bid yet; the fulfilment process manager gives its stock back. */
  withdraw(lotId: string, reason: string, ctx: CommandContext): Promise<CommandOutcome<LotEvent, LotState>> {
    return this.execute(
      lotId,
      { type: 'WithdrawLot', lotId, reason, by: ctx.actor, now: ctx.now },
      step(ctx, IDS.withdrawLot(lotId)),
    );
  }

  /** A lot reservation whose lot never appeared: fence the id off, then give the stock back. */
  async abandonIfUnlisted(
    lotId: string,
    at: { sku: string; warehouse: string },
    ctx: CommandContext,
  ): Promise<boolean> {
    const out = await this.execute(
      lotId,
      { type: 'AbandonListing', lotId, reason: 'listing never completed', now: ctx.now },
      step(ctx, IDS.abandonListing(lotId)),
    );
    if (out.state.status !== 'abandoned') return false;
    await this.releaseStock(lotId, at, 'listing never completed', ctx);
    return true;
  }

  /** A credit hold whose bid never reached the lot: make sure it never will. True when the bid was accepted after all. */
  async voidBid(lotId: string, bidId: string, buyerId: string, ctx: CommandContext): Promise<boolean> {
    const out = await this.execute(
      lotId,
      { type: 'VoidBidAttempt', lotId, bidId, buyerId, now: ctx.now },
      step(ctx, IDS.voidBid(bidId)),
    );
    return own(out.state.attempts, bidId) === 'accepted';
  }

  /** Give a lot's stock (reserved and allocated) back to the warehouse; a no-op when it holds none. */
  async releaseStock(
    lotId: string,
    at: { sku: string; warehouse: string },
    reason: string,
    ctx: CommandContext,
  ): Promise<void> {
    try {
      await this.stock.release(at, { holder: lotId, reason }, step(ctx, IDS.releaseLotStock(lotId)));
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'NOT_FOUND') throw e;
    }
  }

  /** Current state of a lot (the write side, exact). */
  async state(lotId: string): Promise<{ state: LotState; revision: number; position: string }> {
    return this.runner.load(lotDecider, lotStream(lotId));
  }

  execute(lotId: string, command: LotCommand, ctx: CommandContext): Promise<CommandOutcome<LotEvent, LotState>> {
    return this.runner.execute(lotDecider, lotStream(lotId), command, ctx);
  }

  /** Terms from the input, the SKU and the batch as the ledger knows it (market warehouses only). */
  private async termsOf(
    lotId: string,
    input: ListLotInput,
    ctx: CommandContext,
  ): Promise<{ terms: LotTerms; baseUnit: BaseUnit }> {
    const [sku, warehouse] = await Promise.all([
      this.catalog.sku(input.sku, 'sku'),
      this.catalog.warehouse(input.warehouse, 'warehouse'),
    ]);
    if (warehouse.kind !== 'market')
      throw new DomainError(
        'INVALID_STATE',
        `lots are listed at a market warehouse; ${warehouse.code} is a ${warehouse.kind}`,
        'warehouse',
      );
    const unit = input.saleUnit === undefined ? sku.saleUnits[0] : sku.saleUnits.find((u) => u.unit === input.saleUnit);
    if (!unit)
      throw new DomainError('INVALID_STATE', `${sku.code} is not sold by ${input.saleUnit ?? 'any unit'}`, 'saleUnit');
    const stock = await this.stock.state({ sku: sku.code, warehouse: warehouse.code });
    const batch = own(stock.batches, input.batchId);
    if (!batch)
      throw new DomainError('NOT_FOUND', `no batch ${input.batchId} of ${sku.code} at ${warehouse.code}`, 'batchId');
    if (!isSellable(batch, shanghaiDate(new Date(ctx.now)))) {
      throw new DomainError(
        'BATCH_NOT_SELLABLE',
        `batch ${input.batchId} is expired or not inspected as passed`,
        'batchId',
      );
    }
    const { batchId, producer, origin, harvestDate, expiryDate, grade, inspection } = batch;
    const terms: LotTerms = {
      lotId,
      sku: sku.code,
      skuName: sku.name,
      warehouse: warehouse.code,
      batch: { batchId, producer, origin, harvestDate, expiryDate, grade, inspection },
      quantity: input.quantityBase,
      unit: unit.unit,
      unitBase: unit.base,
      units: input.quantityBase / unit.base,
      startPrice: input.startPriceFen,
      reservePrice: input.reservePriceFen ?? 0,
      increment: input.incrementFen,
      // Normalised to UTC ISO so that text order is time order in queries and deadlines.
      opensAt: iso(input.opensAt ?? ctx.now),
      closesAt: iso(input.closesAt),
      extensionSeconds: input.extensionSeconds ?? DEFAULT_EXTENSION_SECONDS,
      ...(input.notes ? { notes: input.notes } : {}),
      ...(input.photos && input.photos.length > 0 ? { photos: input.photos } : {}),
      listedBy: ctx.actor,
      listedAt: ctx.now,
    };
    return { terms, baseUnit: sku.baseUnit };
  }
}
