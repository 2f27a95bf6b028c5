import { Injectable, Logger } from '@nestjs/common';
import { shanghaiDate } from '@gx/domain';
import type { AuthUser } from '@gx/platform';
import { systemContext } from '../kernel/command-context';
import { addDays } from '../stock/stock.commands';
import { ContractCommands } from './contract.commands';
import { StandingOrderCommands } from './standing-order.commands';

/** The demo kitchen: 聊城一中食堂, whose purchaser is the demo user kitchen1. */
export const DEMO_KITCHEN = 'KITCHEN-LC-01';
const PURCHASER: AuthUser = { username: 'kitchen1', roles: ['purchaser'], party: DEMO_KITCHEN };

/**
 * Seeds the demo kitchen: a year's supply contract for vegetables and eggs from the Dongchangfu
 * hub, and a running weekday standing order with the default cut-off (16:00 the day before).
 * Fixed command ids make every later start a no-op (the dates of the first start are kept).
 */
@Injectable()
export class KitchenDemoSeeder {
  private readonly logger = new Logger('KitchenDemo');

  constructor(
    private readonly contracts: ContractCommands,
    private readonly standing: StandingOrderCommands,
  ) {}

  async seed(now: Date): Promise<void> {
    const ctx = (id: string) => systemContext('seed', `seed:kitchen:${id}`, now, 'seed-demo');
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
      ctx(`contract:${DEMO_KITCHEN}`),
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
        schedule: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5] },
        startDate: today,
      },
      ctx(`standing-order:${DEMO_KITCHEN}`),
    );
    this.logger.log(`demo kitchen ready: contract ${contract.contractId}, standing order ${order.standingOrderId} (next ${order.next?.date ?? 'none'})`);
  }
}
