import { createHash } from 'node:crypto';
import {
  campaignDecider,
  campaignStream,
  stockDecider,
  stockStream,
  type CampaignCommand,
  type CampaignTerms,
  type StockCommand,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type EventStore } from '@gx/eventstore';

/**
 * A realistic event log written quickly: a market of group-buy campaigns, each reserving its quota
 * on a stock stream and then taking hundreds of joins (30% paid online, with a payment window; 5%
 * cancelled), with stock receipts topping the stock streams up. Every event comes from the real
 * deciders through the real CommandRunner (mailbox and group commit), so the projections see
 * exactly what the apps would write; only the HTTP layer and the process managers are left out.
 */

/** Joins per campaign (a campaign is one "block" of the log: about this many events plus a handful). */
export const JOINS_PER_CAMPAIGN = 500;
/** Customers of the market: few enough that each has dozens of orders in a large log. */
export const CUSTOMERS = 100;
const SKUS = ['SKU-CABBAGE', 'SKU-TOMATO-SX', 'SKU-CUCUMBER-SX', 'SKU-POTATO', 'SKU-PEAR-GX'];
const WAREHOUSES = ['LC-HUB-DCF', 'LC-HUB-CP', 'LC-HUB-SX'];
/** Campaign n takes its joins n × this after the first, 50 ms apart, so that order times differ as in a real market. */
const CAMPAIGN_SPACING_MS = 60_000;
/** Campaigns decided at once: enough to fill group commits, few enough to keep the state cache small. */
const PARALLEL_CAMPAIGNS = 8;

const hex = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Id of campaign `n` of the market (stable, so a log can be grown in stages). */
export const campaignIdOf = (n: number): string => `GB-${hex(`bench-campaign-${n}`)}`;
/** Customer of join `j` of campaign `n`. */
export const customerOf = (n: number, j: number): string => `bench-c${(n * JOINS_PER_CAMPAIGN + j) % CUSTOMERS}`;
/** Order id of join `j` of campaign `n`. */
export const orderIdOf = (n: number, j: number): string =>
  `${campaignIdOf(n)}-${hex(`bench-join-${n}-${j}`).slice(0, 10)}`;

/** A stock command without where and when (distributed over the union). */
type StockBody<C = StockCommand> = C extends StockCommand ? Omit<C, 'sku' | 'warehouse' | 'now'> : never;

function ctx(commandId: string, now: string): CommandContext {
  return { commandId, actor: 'bench', correlationId: commandId, now };
}

/** Writes campaigns `from` (inclusive) to `to` (exclusive) of the market into `store`. */
export class MarketLog {
  private readonly runner: CommandRunner;
  private readonly received = new Set<string>();
  private readonly now = new Date();
  /** Events appended so far by this writer. */
  written = 0;

  constructor(store: EventStore) {
    this.runner = new CommandRunner(store, { cacheSize: 4 * PARALLEL_CAMPAIGNS + SKUS.length * WAREHOUSES.length });
  }

  /** Events written by campaigns [from, to), approximately (for sizing a log). */
  static eventsPerCampaign(): number {
    return JOINS_PER_CAMPAIGN + Math.ceil(JOINS_PER_CAMPAIGN / 20) + 5;
  }

  async write(from: number, to: number): Promise<void> {
    for (let n = from; n < to; n += PARALLEL_CAMPAIGNS) {
      const wave = Array.from({ length: Math.min(PARALLEL_CAMPAIGNS, to - n) }, (_, i) => this.campaign(n + i));
      await Promise.all(wave);
    }
  }

  private at(offsetMs: number): string {
    return new Date(this.now.getTime() + offsetMs).toISOString();
  }

  private async stock(sku: string, warehouse: string, command: StockBody, id: string): Promise<void> {
    const full = { ...command, sku, warehouse, now: this.at(0) } as StockCommand;
    const out = await this.runner.execute(stockDecider, stockStream(sku, warehouse), full, ctx(id, full.now));
    this.written += out.events.length;
  }

  private async campaign(n: number): Promise<void> {
    const sku = SKUS[n % SKUS.length];
    const warehouse = WAREHOUSES[Math.floor(n / SKUS.length) % WAREHOUSES.length];
    const id = campaignIdOf(n);
    // A receipt the first time a stock stream is used in this process, then one every 50 campaigns.
    const where = `${sku}@${warehouse}`;
    if (!this.received.has(where) || n % 50 === 0) {
      this.received.add(where);
      await this.stock(sku, warehouse, receipt(n), `bench-receipt-${n}-${where}`);
    }
    const quota = JOINS_PER_CAMPAIGN * 2;
    const terms: CampaignTerms = {
      campaignId: id,
      title: `基准团购 ${n}`,
      sku,
      skuName: sku,
      warehouse,
      pickupPoint: n % 2 === 0 ? 'PP-DCF-01' : 'PP-CP-01',
      pickupWarehouse: n % 2 === 0 ? 'LC-VP-DCF-01' : 'LC-VP-CP-01',
      saleUnit: { unit: 'kg', base: 1000 },
      unitPriceFen: 300 + (n % 500),
      minQuantity: 10,
      quota,
      perCustomerLimit: quota,
      opensAt: this.at(-60_000),
      cutoffAt: this.at(7 * 86_400_000 + n * CAMPAIGN_SPACING_MS),
      pickupDate: this.at(9 * 86_400_000).slice(0, 10),
      createdBy: 'operator1',
      createdAt: this.at(-60_000),
    };
    const run = async (command: CampaignCommand, commandId: string): Promise<void> => {
      const out = await this.runner.execute(campaignDecider, campaignStream(id), command, ctx(commandId, this.at(0)));
      this.written += out.events.length;
    };
    await run({ type: 'CreateCampaign', terms, now: this.at(0) }, `${id}:create`);
    await run({ type: 'RequestPublish', by: 'operator1', now: this.at(0) }, `${id}:publish`);
    await this.stock(
      sku,
      warehouse,
      { type: 'ReserveStock', holder: id, holderKind: 'campaign', quantity: quota * 1000 },
      `${id}:reserve`,
    );
    await run({ type: 'ConfirmPublish', attempt: 1, now: this.at(0) }, `${id}:published`);
    // All joins at once: the mailbox decides them in order and appends them in group commits.
    await Promise.all(
      Array.from({ length: JOINS_PER_CAMPAIGN }, (_, j) =>
        run(
          {
            type: 'JoinCampaign',
            orderId: orderIdOf(n, j),
            customer: customerOf(n, j),
            quantity: 1 + (j % 3),
            paymentMethod: j % 10 < 3 ? 'stripe' : 'pay_at_pickup',
            pickupCode: hex(`code-${n}-${j}`).slice(0, 8).toUpperCase(),
            paymentWindowSeconds: 900,
            now: this.at(n * CAMPAIGN_SPACING_MS + j * 50),
          },
          `${id}:join:${j}`,
        ),
      ),
    );
    await Promise.all(
      Array.from({ length: Math.ceil(JOINS_PER_CAMPAIGN / 20) }, (_, k) =>
        run(
          {
            type: 'CancelOrder',
            orderId: orderIdOf(n, k * 20),
            customer: customerOf(n, k * 20),
            now: this.at(n * CAMPAIGN_SPACING_MS + JOINS_PER_CAMPAIGN * 50 + k),
          },
          `${id}:cancel:${k}`,
        ),
      ),
    );
  }
}

function receipt(n: number): StockBody {
  const harvest = new Date().toISOString().slice(0, 10);
  return {
    type: 'ReceiveStock',
    batchId: `B-${hex(`bench-batch-${n}`)}`,
    producer: 'COOP-SX-VEG',
    origin: { village: '莘县张鲁回族镇' },
    harvestDate: harvest,
    expiryDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    grade: '一级',
    inspection: { result: 'pass', testId: `BENCH-${n}` },
    cost: { per: 1000, fen: 120 },
    quantity: 10_000_000_000,
  };
}
