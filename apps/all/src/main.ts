import 'reflect-metadata';
import { PROCESS_POOL, StorePool } from '@gx/application';
import { bootstrapAll, loadConfig, ConfigError } from '@gx/platform';
import { KitchenModule } from '../../kitchen/src/kitchen.module';
import { OperationsModule } from '../../operations/src/operations.module';
import { StorefrontModule } from '../../storefront/src/storefront.module';
import { WholesaleModule } from '../../wholesale/src/wholesale.module';
import { WorkerModule } from '../../worker/src/worker.module';

/**
 * `npm start`: all five apps in one process on the embedded default. The worker starts first so
 * that the demo data is seeded and projections are running before the other apps answer.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  await bootstrapAll(
    [
      { module: WorkerModule, app: 'worker' },
      { module: StorefrontModule, app: 'storefront' },
      { module: WholesaleModule, app: 'wholesale' },
      { module: KitchenModule, app: 'kitchen' },
      { module: OperationsModule, app: 'operations' },
    ],
    // One set of store clients for the whole process.
    { config, providers: [{ provide: PROCESS_POOL, useValue: new StorePool(config) }] },
  );
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const lines = (['storefront', 'wholesale', 'kitchen', 'operations', 'worker'] as const).map(
    (app) =>
      `  ${app.padEnd(11)} http://${host}:${config.ports[app]}   ${app === 'worker' ? '(health and metrics only)' : `(API docs: http://${host}:${config.ports[app]}/docs)`}`,
  );
  process.stdout.write(
    `\nGongxiao Market is running (data in ${config.dataDir}):\n${lines.join('\n')}\n` +
      (config.seedDemo
        ? `Demo users: operator1, leader1, consumer1, buyer1, kitchen1 … password "demo-password"\n\n`
        : '\n'),
  );
}

void main();
