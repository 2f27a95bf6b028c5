import { Injectable } from '@nestjs/common';
import { availableOf, hasOwnKey, own, type ContractState, type SkuData, type SubstituteProposal } from '@gx/domain';
import { ReadModels, type Doc } from '@gx/readstore';
import { CATALOG } from '../catalog/catalog.projection';
import { StockCommands } from '../stock/stock.commands';

/** Most SKUs of a category looked at beyond the contract's own. */
const MAX_CANDIDATES = 50;

/** What to find a substitute for: a line short of `missing` base units at `warehouse`. */
export interface ShortDeliveryLine {
  contract: ContractState;
  warehouse: string;
  sku: string;
  missing: number;
  /** SKUs already on the delivery (a substitute must be a new line). */
  exclude: string[];
  /** Business date on which sellability is judged. */
  today: string;
}

/**
 * Proposes a substitute for a shortage: a SKU of the same category with stock available at the
 * warehouse. SKUs priced by the kitchen's contract come first (an operator can accept them at an
 * agreed price); otherwise the best-stocked SKU of the category is proposed for information.
 * Availability is read from the ledger itself, so the proposal is as fresh as the reservation.
 */
@Injectable()
export class SubstituteFinder {
  constructor(
    private readonly stock: StockCommands,
    private readonly readModels: ReadModels,
  ) {}

  async propose(short: ShortDeliveryLine): Promise<SubstituteProposal | null> {
    const category = own(short.contract.lines, short.sku)?.category;
    if (category === undefined) return null;
    const eligible = (sku: string) => sku !== short.sku && !short.exclude.includes(sku);
    const priced = Object.values(short.contract.lines).filter((l) => l.category === category && eligible(l.sku));
    const best = await this.bestStocked(
      priced.map((l) => ({ sku: l.sku, name: l.name })),
      short,
    );
    const line = best && priced.find((l) => l.sku === best.sku);
    if (best && line) return { ...best, onContract: true, price: { unit: line.unit, base: line.base, fen: line.fen } };
    const others = await this.readModels.find<SkuData & Doc>(
      CATALOG.skus,
      { category },
      { sort: [['_id', 1]], limit: MAX_CANDIDATES },
    );
    const unpriced = others.filter((s) => eligible(s.code) && !hasOwnKey(short.contract.lines, s.code));
    const fallback = await this.bestStocked(
      unpriced.map((s) => ({ sku: s.code, name: s.name })),
      short,
    );
    return fallback ? { ...fallback, onContract: false } : null;
  }

  /** The candidate with the most available stock (ties: the lowest code), or null when none has any. */
  private async bestStocked(candidates: Array<{ sku: string; name: string }>, short: ShortDeliveryLine) {
    const sorted = [...candidates].sort((a, b) => a.sku.localeCompare(b.sku));
    const states = await Promise.all(sorted.map((c) => this.stock.state({ sku: c.sku, warehouse: short.warehouse })));
    let best: { sku: string; name: string; available: number; quantity: number } | null = null;
    for (const [i, c] of sorted.entries()) {
      const available = availableOf(states[i], short.today);
      if (available > 0 && (best === null || available > best.available))
        best = { ...c, available, quantity: Math.min(short.missing, available) };
    }
    return best;
  }
}
