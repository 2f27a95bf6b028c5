import { Injectable, Logger } from '@nestjs/common';
import { isDomainError } from '@gx/domain';
import type { AuthUser } from '@gx/platform';
import { systemContext } from '../kernel/command-context';
import { SEED_COMMAND_IDS as SEED } from '../demo/seed.ids';
import type { DemoSchedule } from '../demo/demo-pace';
import { CampaignCommands, type CampaignInput } from './campaign.commands';
import { CampaignPublication } from './publication';

/** The demo's campaigns: open from seeding time at both pickup points, cutting off as the demo's schedule says. */
const DEMO_CAMPAIGNS: Array<Omit<CampaignInput, 'opensAt' | 'cutoffAt' | 'pickupDate'>> = [
  {
    title: '冠县鸭梨 整箱 5kg 社区团购',
    sku: 'SKU-PEAR-GX',
    warehouse: 'LC-HUB-DCF',
    pickupPoint: 'PP-DCF-01',
    saleUnit: '箱(5kg)',
    unitPriceFen: 3_990,
    minQuantity: 20,
    quota: 100,
    perCustomerLimit: 5,
  },
  {
    title: '东昌府散养鸡蛋 30枚装',
    sku: 'SKU-EGG',
    warehouse: 'LC-HUB-DCF',
    pickupPoint: 'PP-DCF-01',
    saleUnit: '盒(30枚)',
    unitPriceFen: 2_580,
    minQuantity: 10,
    quota: 60,
    perCustomerLimit: 4,
  },
  {
    title: '茌平圆铃大枣 按斤团',
    sku: 'SKU-JUJUBE-CP',
    warehouse: 'LC-HUB-CP',
    pickupPoint: 'PP-CP-01',
    saleUnit: '斤',
    unitPriceFen: 1_680,
    minQuantity: 50,
    quota: 300,
    perCustomerLimit: 10,
  },
  {
    title: '茌平小米 2.5kg 袋装',
    sku: 'SKU-MILLET',
    warehouse: 'LC-HUB-CP',
    pickupPoint: 'PP-CP-01',
    saleUnit: '袋(2.5kg)',
    unitPriceFen: 3_200,
    minQuantity: 15,
    quota: 80,
    perCustomerLimit: 5,
  },
];

const SEEDER: AuthUser = { username: 'system:seed', roles: ['operator'] };

/**
 * Seeds published demo campaigns so that a new user can join one at once. Commands carry fixed
 * ids: seeding again appends nothing (the first seeding's times stand).
 */
@Injectable()
export class GroupBuyDemo {
  private readonly logger = new Logger('GroupBuyDemo');

  constructor(
    private readonly campaigns: CampaignCommands,
    private readonly publication: CampaignPublication,
  ) {}

  async seed(now: Date, schedule: DemoSchedule): Promise<void> {
    for (const [i, input] of DEMO_CAMPAIGNS.entries()) {
      const ctx = (step: 'create' | 'publish') => systemContext('seed', SEED.campaign(i, step), now, 'seed-demo');
      try {
        const { cutoffAt, pickupDate, minQuantity } = schedule.campaign(i);
        const terms = {
          ...input,
          ...(minQuantity !== undefined && { minQuantity }),
          opensAt: now.toISOString(),
          cutoffAt,
          pickupDate,
        };
        const campaign = await this.campaigns.create(terms, SEEDER, ctx('create'));
        await this.publication.publish(campaign.campaignId, SEEDER, ctx('publish'));
      } catch (e) {
        // A demo campaign that cannot be published any more (its cut-off passed) must not stop the app.
        if (!isDomainError(e)) throw e;
        this.logger.warn(`demo campaign ${i} (${input.title ?? input.sku}) not published: ${e.message}`);
      }
    }
    this.logger.log(`demo campaigns ready at ${[...new Set(DEMO_CAMPAIGNS.map((c) => c.pickupPoint))].join(', ')}`);
  }
}
