import { Injectable, Logger } from '@nestjs/common';
import { fefo, isDomainError, isSellable, shanghaiDate } from '@gx/domain';
import { systemContext } from '../kernel/command-context';
import { StockCommands } from '../stock/stock.commands';
import { lotIdFor } from './auction.ids';
import { BuyerCommands } from './buyer.commands';
import { LotCommands } from './lot.commands';

/** The demo's approved buyers (the `party` of demo users buyer1 and buyer2) and their limits in fen. */
export const DEMO_BUYER_CREDIT: ReadonlyArray<{ buyerId: string; creditLimit: number }> = [
  { buyerId: 'BUYER-LC-001', creditLimit: 20_000_000 },
  { buyerId: 'BUYER-LC-002', creditLimit: 8_000_000 },
];

/** Demo lots of 冠县鸭梨 at the market, closing over the next hours. */
const DEMO_LOTS = [
  { quantity: 500_000, unit: '箱(5kg)', startPrice: 3000, reservePrice: 3600, increment: 100, hours: 2, notes: '特级鸭梨，5kg 纸箱装，冷库出货' },
  { quantity: 300_000, unit: '箱(5kg)', startPrice: 3200, reservePrice: 0, increment: 100, hours: 4, notes: '无底价，价高者得' },
  { quantity: 100_000, unit: '斤', startPrice: 300, reservePrice: 350, increment: 10, hours: 6, notes: '散装按斤竞价' },
];
const MARKET = 'LC-MKT-01';
const SKU = 'SKU-PEAR-GX';
const HOUR_MS = 3_600_000;

/**
 * Seeds the wholesale demo: buyer1's and buyer2's credit, and open lots of the pears the demo
 * receives at the market. Fixed command ids make a second run append nothing; a lot already
 * listed (even long closed) is left alone, so restarts never fail on old dates.
 */
@Injectable()
export class AuctionDemoSeeder {
  private readonly logger = new Logger('AuctionDemoSeeder');

  constructor(
    private readonly buyers: BuyerCommands,
    private readonly lots: LotCommands,
    private readonly stock: StockCommands,
  ) {}

  async seed(now: Date): Promise<void> {
    const ctx = (id: string) => systemContext('seed', `seed:${id}`, now, 'seed-demo');
    for (const b of DEMO_BUYER_CREDIT) await this.buyers.setCreditLimit(b.buyerId, b.creditLimit, ctx(`credit:${b.buyerId}`));
    const today = shanghaiDate(now);
    const stock = await this.stock.state({ sku: SKU, warehouse: MARKET });
    const batch = fefo(Object.values(stock.batches)).find((b) => isSellable(b, today));
    let listed = 0;
    for (const [i, lot] of DEMO_LOTS.entries()) {
      const commandId = `seed:lot:${i + 1}`;
      if ((await this.lots.state(lotIdFor(commandId))).state.status !== 'none') continue;
      if (!batch) break;
      try {
        const { quantity, unit, startPrice, reservePrice, increment, hours, notes } = lot;
        const closesAt = new Date(now.getTime() + hours * HOUR_MS).toISOString();
        await this.lots.list(
          { warehouse: MARKET, sku: SKU, batchId: batch.batchId, quantity, unit, startPrice, reservePrice, increment, closesAt, extensionSeconds: 60, notes },
          { ...ctx(`lot:${i + 1}`), actor: 'operator1' },
        );
        listed += 1;
      } catch (e) {
        // Demo stock may have run out or expired since an earlier start: the demo goes on without this lot.
        if (!isDomainError(e)) throw e;
        this.logger.warn(`demo lot ${i + 1} not listed: ${e.message}`);
      }
    }
    this.logger.log(`wholesale demo ready: ${DEMO_BUYER_CREDIT.length} approved buyers, ${listed} new lots`);
  }
}
