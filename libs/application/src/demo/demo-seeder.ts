import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Grade, KitchenData, PickupPointData, ProducerData, SkuData, WarehouseData } from '@gx/domain';
import { CONFIG, type AppConfig } from '@gx/platform';
import { AuctionDemoSeeder } from '../auction/auction-demo';
import { CatalogCommands } from '../catalog/catalog.commands';
import { sealKitchenContact } from '../catalog/kitchen-contact';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { BuyerCommands } from '../auction/buyer.commands';
import { Accounts } from '../identity/identity';
import { UserAdmin } from '../identity/user-admin';
import { GroupBuyDemo } from '../group-buy/group-buy-demo';
import { KitchenDemoSeeder } from '../kitchen/kitchen-demo';
import { systemContext } from '../kernel/command-context';
import { addDays, StockCommands } from '../stock/stock.commands';
// Imported, not read from __dirname: both `npm run build` (swc, --copy-files) and `nest build` (tsc) emit it.
import demoCatalog from './demo-catalog.json';
import { demoSchedule } from './demo-pace';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { SEED_COMMAND_IDS as SEED } from './seed.ids';

interface DemoCatalog {
  warehouses: WarehouseData[];
  pickupPoints: PickupPointData[];
  kitchens: KitchenData[];
  producers: ProducerData[];
  skus: SkuData[];
}

/** Opening stock of the demo: which producer's produce lies where. */
const DEMO_RECEIPTS: Array<{
  sku: string;
  warehouse: string;
  producer: string;
  village: string;
  quantity: number;
  grade: Grade;
  ageDays: number;
}> = [
  {
    sku: 'SKU-PEAR-GX',
    warehouse: 'LC-HUB-DCF',
    producer: 'COOP-GX-PEAR',
    village: '冠县东古城镇前屯村',
    quantity: 2_000_000,
    grade: '一级',
    ageDays: 6,
  },
  {
    sku: 'SKU-PEAR-GX',
    warehouse: 'LC-MKT-01',
    producer: 'COOP-GX-PEAR',
    village: '冠县东古城镇后屯村',
    quantity: 5_000_000,
    grade: '特级',
    ageDays: 3,
  },
  {
    sku: 'SKU-JUJUBE-CP',
    warehouse: 'LC-HUB-CP',
    producer: 'COOP-CP-JUJUBE',
    village: '茌平区贾寨镇耿店村',
    quantity: 800_000,
    grade: '特级',
    ageDays: 20,
  },
  {
    sku: 'SKU-MELON-SX',
    warehouse: 'LC-HUB-DCF',
    producer: 'COOP-SX-VEG',
    village: '莘县张鲁回族镇杨庄村',
    quantity: 600_000,
    grade: '一级',
    ageDays: 2,
  },
  {
    sku: 'SKU-TOMATO-SX',
    warehouse: 'LC-HUB-SX',
    producer: 'COOP-SX-VEG',
    village: '莘县燕店镇王庄村',
    quantity: 1_500_000,
    grade: '一级',
    ageDays: 1,
  },
  {
    sku: 'SKU-TOMATO-SX',
    warehouse: 'LC-HUB-DCF',
    producer: 'COOP-SX-VEG',
    village: '莘县燕店镇王庄村',
    quantity: 900_000,
    grade: '二级',
    ageDays: 3,
  },
  {
    sku: 'SKU-CUCUMBER-SX',
    warehouse: 'LC-HUB-SX',
    producer: 'COOP-SX-VEG',
    village: '莘县张鲁回族镇刘庄村',
    quantity: 1_200_000,
    grade: '一级',
    ageDays: 1,
  },
  {
    sku: 'SKU-CABBAGE',
    warehouse: 'LC-HUB-DCF',
    producer: 'FSC-DCF-01',
    village: '东昌府区道口铺街道',
    quantity: 3_000_000,
    grade: '二级',
    ageDays: 4,
  },
  {
    sku: 'SKU-POTATO',
    warehouse: 'LC-HUB-DCF',
    producer: 'FSC-DCF-01',
    village: '东昌府区郑家镇',
    quantity: 2_500_000,
    grade: '一级',
    ageDays: 10,
  },
  {
    sku: 'SKU-EGG',
    warehouse: 'LC-HUB-DCF',
    producer: 'FSC-DCF-01',
    village: '东昌府区梁水镇',
    quantity: 6_000,
    grade: '一级',
    ageDays: 2,
  },
  {
    sku: 'SKU-MILLET',
    warehouse: 'LC-HUB-CP',
    producer: 'COOP-CP-JUJUBE',
    village: '茌平区博平镇',
    quantity: 1_000_000,
    grade: '一级',
    ageDays: 30,
  },
  {
    sku: 'SKU-LINGZHI-GX',
    warehouse: 'LC-TS-GX-DQ',
    producer: 'COOP-GX-PEAR',
    village: '冠县东古城镇',
    quantity: 50_000,
    grade: '特级',
    ageDays: 40,
  },
];

/**
 * Seeds the embedded demo (SEED_DEMO): the Liaocheng catalog, the demo accounts and opening stock,
 * then the channels' demo campaigns, lots and standing order on the deadlines of DEMO_PACE.
 * Every command carries a fixed id, so seeding again (every start) appends nothing.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly catalog: CatalogCommands,
    private readonly accounts: Accounts,
    private readonly users: UserAdmin,
    private readonly buyers: BuyerCommands,
    private readonly stock: StockCommands,
    private readonly groupBuy: GroupBuyDemo,
    private readonly auction: AuctionDemoSeeder,
    private readonly kitchen: KitchenDemoSeeder,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly vault: PersonalDataVault,
  ) {}

  async seed(now: Date): Promise<void> {
    const data: DemoCatalog = demoCatalog as DemoCatalog;
    const ctx = (commandId: string) => systemContext('seed', commandId, now, 'seed-demo');
    for (const w of data.warehouses) await this.catalog.registerWarehouse(w, ctx(SEED.warehouse(w.code)));
    for (const p of data.producers) await this.catalog.registerProducer(p, ctx(SEED.producer(p.code)));
    for (const s of data.skus) await this.catalog.registerSku(s, ctx(SEED.sku(s.code)));
    for (const p of data.pickupPoints) await this.catalog.registerPickupPoint(p, ctx(SEED.pickupPoint(p.code)));
    for (const k of data.kitchens) {
      // Sealing draws a fresh IV: a later start leaves a seeded kitchen as it is.
      if (await this.catalog.findKitchen(k.code)) continue;
      const contact = { name: String(k.contact.name), phone: String(k.contact.phone) };
      await this.catalog.registerKitchen(
        {
          ...k,
          contact: await sealKitchenContact(
            this.vault,
            await this.catalog.kitchenContactSubject(k.code),
            contact,
            now.toISOString(),
          ),
        },
        ctx(SEED.kitchen(k.code)),
      );
    }
    // The operators' paths: a buyer account with its login (POST /buyers), every other user as POST /users
    // (leaders and purchasers name a pickup point or kitchen registered above). A later start finds them there.
    for (const u of DEMO_USERS) {
      if (await this.accounts.account(u.username)) continue;
      const c = ctx(SEED.user(u.username));
      if (u.roles.includes('buyer'))
        await this.buyers.register(
          {
            username: u.username,
            displayName: u.displayName,
            password: DEMO_PASSWORD,
            ...(u.party !== undefined && { buyerId: u.party }),
          },
          c,
        );
      else await this.users.create({ ...u, password: DEMO_PASSWORD }, c);
    }
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
        ctx(SEED.receipt(i)),
      );
    }
    // The deadlines of the first start stand: later starts append nothing (fixed command ids).
    const schedule = demoSchedule(this.config.demoPace, now);
    await this.groupBuy.seed(now, schedule);
    await this.auction.seed(now, schedule);
    await this.kitchen.seed(now, schedule);
    this.logger.log(
      `demo data ready (DEMO_PACE=${schedule.pace}): ${data.warehouses.length} warehouses, ${data.skus.length} SKUs, ${data.kitchens.length} kitchens, ${DEMO_USERS.length} users`,
    );
  }
}
