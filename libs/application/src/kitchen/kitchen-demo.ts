import { Injectable, Logger } from '@nestjs/common';
import { shanghaiDate } from '@gx/domain';
import type { AuthUser } from '@gx/platform';
import type { DemoSchedule } from '../demo/demo-pace';
import { systemContext } from '../kernel/command-context';
import { SEED_COMMAND_IDS as SEED } from '../demo/seed.ids';
import { addDays } from '../stock/stock.commands';
import { ContractCommands } from './contract.commands';
import { DesignatedCounties } from './designated-counties';
import { StandingOrderCommands } from './standing-order.commands';

/** The demo kitchen: 聊城一中食堂, whose purchaser is the demo user kitchen1. */
export const DEMO_KITCHEN = 'KITCHEN-LC-01';
/** Counties the demo marks as designated poverty-alleviation counties (脱贫县), for the 832 share. */
export const DEMO_DESIGNATED_COUNTIES = ['莘县', '冠县'];
const PURCHASER: AuthUser = { username: 'kitchen1', roles: ['purchaser'], party: DEMO_KITCHEN };

/**
 * Seeds the demo kitchen: a year's supply contract for vegetables and eggs from the Dongchangfu
 * hub, a running standing order on the demo's schedule (normally weekdays with the default cut-off, 16:00
 * the day before; with DEMO_PACE=fast every day, cutting off minutes after the first start), and the
 * designated counties of the 832 share.
 * Fixed command ids make every later start a no-op (the dates of the first start are kept).
 */
@Injectable()
export class KitchenDemoSeeder {
  private readonly logger = new Logger('KitchenDemo');

  constructor(
    private readonly contracts: ContractCommands,
    private readonly standing: StandingOrderCommands,
    private readonly counties: DesignatedCounties,
  ) {}

  async seed(now: Date, schedule: DemoSchedule): Promise<void> {
    const ctx = (commandId: string) => systemContext('seed', commandId, now, 'seed-demo');
    const today = shanghaiDate(now);
    const contract = await this.contracts.create(
      {
        kitchen: DEMO_KITCHEN,
        title: '聊城一中食堂 蔬菜蛋类年度供货协议',
        from: addDays(today, -30),
        to: addDays(today, 365),
        lines: [
          { sku: 'SKU-CABBAGE', unit: 'kg', fen: 260 },
          { sku: 'SKU-POTATO', unit: 'kg', fen: 300 },
          { sku: 'SKU-TOMATO-SX', unit: '斤', fen: 350 },
          { sku: 'SKU-EGG', unit: 'piece', fen: 80, limit: 60_000 },
        ],
      },
      ctx(SEED.kitchenContract(DEMO_KITCHEN)),
    );
    const order = await this.standing.place(
      PURCHASER,
      {
        contractId: contract.contractId,
        warehouse: 'LC-HUB-DCF',
        address: '聊城市东昌府区 聊城一中食堂 后厨收货口',
        lines: [
          { sku: 'SKU-CABBAGE', quantity: 30_000 },
          { sku: 'SKU-POTATO', quantity: 20_000 },
          { sku: 'SKU-TOMATO-SX', quantity: 15_000 },
          { sku: 'SKU-EGG', quantity: 300 },
        ],
        schedule: schedule.kitchen.schedule,
        cutoff: schedule.kitchen.cutoff,
        startDate: schedule.kitchen.startDate,
      },
      ctx(SEED.standingOrder(DEMO_KITCHEN)),
    );
    for (const county of DEMO_DESIGNATED_COUNTIES)
      await this.counties.designate(county, '演示数据：脱贫县', ctx(SEED.designatedCounty(county)));
    this.logger.log(
      `demo kitchen ready: contract ${contract.contractId}, standing order ${order.standingOrderId} (next ${order.next?.date ?? 'none'})`,
    );
  }
}
