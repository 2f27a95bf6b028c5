import { Injectable, Module } from '@nestjs/common';
import type { BuyerDoc } from '@gx/domain';
import { ReadModels } from '@gx/readstore';
import { ReadGate } from '../kernel/read-gate';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { AUCTION, auctionProjection, type BuyerNameDoc } from './auction.projection';

/** Most buyers the list answers (a market has tens to hundreds). */
const MAX_BUYERS = 500;

/** A wholesale buyer as operators list it: its name (from its first login) and credit in fen. */
export interface BuyerListItem {
  buyerId: string;
  name?: string;
  approved: boolean;
  creditLimitFen: number;
  exposureFen: number;
  receivablesFen: number;
  availableFen: number;
}

/** Wholesale buyers for the operations console: those with a login and those with credit, by buyer id. */
@Injectable()
export class BuyerDirectory {
  constructor(
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
    private readonly vault: PersonalDataVault,
  ) {}

  async list(after?: string): Promise<BuyerListItem[]> {
    await this.gate.after(auctionProjection.name, after);
    const [names, credit] = await Promise.all([
      this.readModels.find<BuyerNameDoc>(AUCTION.buyerNames, {}, { sort: [['_id', 1]], limit: MAX_BUYERS }),
      this.readModels.find<BuyerDoc>(AUCTION.buyers, {}, { sort: [['_id', 1]], limit: MAX_BUYERS }),
    ]);
    // Names are personal data, sealed in the read model: opened here (an erased one reads 已删除).
    const opened = await this.vault.openAll(names.map((n) => n.name));
    const nameOf = new Map(names.map((n, i) => [n._id, opened[i]]));
    const creditOf = new Map(credit.map((c) => [c._id, c]));
    const ids = [...new Set([...nameOf.keys(), ...creditOf.keys()])].sort().slice(0, MAX_BUYERS);
    return ids.map((buyerId) => {
      const c = creditOf.get(buyerId);
      const name = nameOf.get(buyerId);
      return {
        buyerId,
        ...(name !== undefined && { name }),
        approved: c?.approved ?? false,
        creditLimitFen: c?.creditLimit ?? 0,
        exposureFen: c?.exposure ?? 0,
        receivablesFen: c?.receivables ?? 0,
        availableFen: c?.available ?? 0,
      };
    });
  }
}

@Module({ providers: [BuyerDirectory], exports: [BuyerDirectory] })
export class BuyerDirectoryModule {}
