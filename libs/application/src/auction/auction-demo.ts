import { Injectable, Logger } from '@nestjs/common';
import { fefo, isDomainError, isSellable, shanghaiDate } from '@gx/domain';
import type { DemoSchedule } from '../demo/demo-pace';
import { systemContext } from '../kernel/command-context';
import { SEED_COMMAND_IDS as SEED } from '../demo/seed.ids';
import { StockCommands } from '../stock/stock.commands';
import { lotIdFor } from './auction.ids';
import { BuyerCommands } from './buyer.commands';
import { LotCommands } from './lot.commands';

/** The demo's approved buyers (the `party` of demo users buyer1 and buyer2) and their limits in fen. */
export const DEMO_BUYER_CREDIT: ReadonlyArray<{ buyerId: string; creditLimitFen: number }> = [
  { buyerId: 'BUYER-LC-001', creditLimitFen: 20_000_000 },
  { buyerId: 'BUYER-LC-002', creditLimitFen: 8_000_000 },
];

/** Demo lots of 冠县鸭梨 at the market, closing as the demo's schedule says (hours away, or minutes with DEMO_PACE=fast). */
const DEMO_LOTS = [
  {
    quantityBase: 500_000,
    saleUnit: '箱(5kg)',
    startPriceFen: 3000,
    reservePriceFen: 3600,
    incrementFen: 100,
    notes: '特级鸭梨，5kg 纸箱装，冷库出货',
  },
  {
    quantityBase: 300_000,
    saleUnit: '箱(5kg)',
    startPriceFen: 3200,
    reservePriceFen: 0,
    incrementFen: 100,
    notes: '无底价，价高者得',
  },
  {
    quantityBase: 100_000,
    saleUnit: '斤',
    startPriceFen: 300,
    reservePriceFen: 350,
    incrementFen: 10,
    notes: '散装按斤竞价',
  },
];
const MARKET = 'LC-MKT-01';
const SKU = 'SKU-PEAR-GX';

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

  async seed(now: Date, schedule: DemoSchedule): Promise<void> {
    const ctx = (commandId: string) => systemContext('seed', commandId, now, 'seed-demo');
    for (const b of DEMO_BUYER_CREDIT)
      await this.buyers.setCreditLimit(b.buyerId, b.creditLimitFen, ctx(SEED.buyerCredit(b.buyerId)));
    const today = shanghaiDate(now);
    const stock = await this.stock.state({ sku: SKU, warehouse: MARKET });
    const batch = fefo(Object.values(stock.batches)).find((b) => isSellable(b, today));
    let listed = 0;
    for (const [i, lot] of DEMO_LOTS.entries()) {
      const commandId = SEED.lot(i);
      if ((await this.lots.state(lotIdFor(commandId))).state.status !== 'none') continue;
      if (!batch) break;
      try {
        const closesAt = schedule.lotClosesAt(i);
        await this.lots.list(
          { warehouse: MARKET, sku: SKU, batchId: batch.batchId, ...lot, closesAt, extensionSeconds: 60 },
          { ...ctx(commandId), actor: 'operator1' },
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
