import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import type { Grade, PickupPointData, ProducerData, SkuData, WarehouseData } from '@gx/domain';
import { AuctionDemoSeeder } from '../auction/auction-demo';
import { CatalogCommands } from '../catalog/catalog.commands';
import { Accounts } from '../identity/identity';
import { GroupBuyDemo } from '../group-buy/group-buy-demo';
import { KitchenDemoSeeder } from '../kitchen/kitchen-demo';
import { systemContext } from '../kernel/command-context';
import { addDays, StockCommands } from '../stock/stock.commands';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';

interface DemoCatalog {
  warehouses: WarehouseData[];
  pickupPoints: PickupPointData[];
  producers: ProducerData[];
  skus: SkuData[];
}

/** Opening stock of the demo: which producer's produce lies where. */
const DEMO_RECEIPTS: Array<{ sku: string; warehouse: string; producer: string; village: string; quantity: number; grade: Grade; ageDays: number }> = [
  { sku: 'SKU-PEAR-GX', warehouse: 'LC-HUB-DCF', producer: 'COOP-GX-PEAR', village: '冠县东古城镇前屯村', quantity: 2_000_000, grade: '一级', ageDays: 6 },
  { sku: 'SKU-PEAR-GX', warehouse: 'LC-MKT-01', producer: 'COOP-GX-PEAR', village: '冠县东古城镇后屯村', quantity: 5_000_000, grade: '特级', ageDays: 3 },
  { sku: 'SKU-JUJUBE-CP', warehouse: 'LC-HUB-CP', producer: 'COOP-CP-JUJUBE', village: '茌平区贾寨镇耿店村', quantity: 800_000, grade: '特级', ageDays: 20 },
  { sku: 'SKU-MELON-SX', warehouse: 'LC-HUB-DCF', producer: 'COOP-SX-VEG', village: '莘县张鲁回族镇杨庄村', quantity: 600_000, grade: '一级', ageDays: 2 },
  { sku: 'SKU-TOMATO-SX', warehouse: 'LC-HUB-SX', producer: 'COOP-SX-VEG', village: '莘县燕店镇王庄村', quantity: 1_500_000, grade: '一级', ageDays: 1 },
  { sku: 'SKU-TOMATO-SX', warehouse: 'LC-HUB-DCF', producer: 'COOP-SX-VEG', village: '莘县燕店镇王庄村', quantity: 900_000, grade: '二级', ageDays: 3 },
  { sku: 'SKU-CUCUMBER-SX', warehouse: 'LC-HUB-SX', producer: 'COOP-SX-VEG', village: '莘县张鲁回族镇刘庄村', quantity: 1_200_000, grade: '一级', ageDays: 1 },
  { sku: 'SKU-CABBAGE', warehouse: 'LC-HUB-DCF', producer: 'FSC-DCF-01', village: '东昌府区道口铺街道', quantity: 3_000_000, grade: '二级', ageDays: 4 },
  { sku: 'SKU-POTATO', warehouse: 'LC-HUB-DCF', producer: 'FSC-DCF-01', village: '东昌府区郑家镇', quantity: 2_500_000, grade: '一级', ageDays: 10 },
  { sku: 'SKU-EGG', warehouse: 'LC-HUB-DCF', producer: 'FSC-DCF-01', village: '东昌府区梁水镇', quantity: 6_000, grade: '一级', ageDays: 2 },
  { sku: 'SKU-MILLET', warehouse: 'LC-HUB-CP', producer: 'COOP-CP-JUJUBE', village: '茌平区博平镇', quantity: 1_000_000, grade: '一级', ageDays: 30 },
  { sku: 'SKU-LINGZHI-GX', warehouse: 'LC-TS-GX-DQ', producer: 'COOP-GX-PEAR', village: '冠县东古城镇', quantity: 50_000, grade: '特级', ageDays: 40 },
];

/**
 * Seeds the embedded demo (SEED_DEMO): the Liaocheng catalog, the demo accounts and opening stock.
 * Every command carries a fixed id, so seeding again (every start) appends nothing.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly catalog: CatalogCommands,
    private readonly accounts: Accounts,
    private readonly stock: StockCommands,
    private readonly groupBuy: GroupBuyDemo,
    private readonly auction: AuctionDemoSeeder,
    private readonly kitchen: KitchenDemoSeeder,
  ) {}

  async seed(now: Date): Promise<void> {
    const data = JSON.parse(readFileSync(join(__dirname, 'demo-catalog.json'), 'utf8')) as DemoCatalog;
    const ctx = (id: string) => systemContext('seed', `seed:${id}`, now, 'seed-demo');
    for (const w of data.warehouses) await this.catalog.registerWarehouse(w, ctx(`warehouse:${w.code}`));
    for (const p of data.producers) await this.catalog.registerProducer(p, ctx(`producer:${p.code}`));
    for (const s of data.skus) await this.catalog.registerSku(s, ctx(`sku:${s.code}`));
    for (const p of data.pickupPoints) await this.catalog.registerPickupPoint(p, ctx(`pickup-point:${p.code}`));
    for (const u of DEMO_USERS) await this.accounts.register({ ...u, password: DEMO_PASSWORD }, ctx(`user:${u.username}`));
    const today = now.toISOString().slice(0, 10);
    for (const [i, r] of DEMO_RECEIPTS.entries()) {
      await this.stock.receive(
        {
          sku: r.sku,
          warehouse: r.warehouse,
          producer: r.producer,
          quantity: r.quantity,
          origin: { village: r.village },
          harvestDate: addDays(today, -r.ageDays),
          grade: r.grade,
          inspection: { result: 'pass', testId: `NC-DEMO-${String(i + 1).padStart(3, '0')}` },
        },
        ctx(`receipt:${i}`),
      );
    }
    await this.groupBuy.seed(now);
    await this.auction.seed(now);
    await this.kitchen.seed(now);
    this.logger.log(`demo data ready: ${data.warehouses.length} warehouses, ${data.skus.length} SKUs, ${DEMO_USERS.length} users`);
  }
}
