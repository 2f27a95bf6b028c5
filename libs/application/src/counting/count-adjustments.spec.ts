import { countDecider, countStream, stockDecider, stockStream, type ReceiveStock } from '@gx/domain';
import { CommandRunner, SqliteEventStore, type CommandContext, type RecordedEvent } from '@gx/eventstore';
import { loadConfig } from '@gx/platform';
import { ReadModels, SqliteDocumentStore, type ProcessManager } from '@gx/readstore';
import { CatalogCommands } from '../catalog/catalog.commands';
import { StockCommands } from '../stock/stock.commands';
import { CountCommands } from './count.commands';
import { CountAdjustments, countAdjustmentsProcessManager } from './count-adjustments';

const SKU = 'SKU-EGG';
const WH = 'LC-MKT-01';
const NOW = '2026-11-28T03:00:00.000Z';
const ctx = (commandId: string, actor = 'operator1'): CommandContext => ({
  commandId,
  actor,
  correlationId: commandId,
  now: NOW,
});
const receipt = (batchId: string, quantity: number): ReceiveStock => ({
  type: 'ReceiveStock',
  sku: SKU,
  warehouse: WH,
  now: NOW,
  batchId,
  quantity,
  producer: 'FSC-DCF-01',
  origin: { village: '道口铺' },
  harvestDate: '2026-11-27',
  expiryDate: '2026-12-27',
  grade: '一级',
  inspection: { result: 'pass' },
  cost: { per: 1, fen: 60 },
});

describe('count adjustments process manager', () => {
  let events: SqliteEventStore;
  let documents: SqliteDocumentStore;
  let runner: CommandRunner;
  let stock: StockCommands;
  let counts: CountCommands;
  let manager: ProcessManager;

  beforeEach(() => {
    events = new SqliteEventStore({ file: ':memory:' });
    documents = new SqliteDocumentStore({ file: ':memory:' });
    runner = new CommandRunner(events);
    const catalog = new CatalogCommands(runner);
    stock = new StockCommands(runner, catalog);
    counts = new CountCommands(
      runner,
      stock,
      catalog,
      new ReadModels(documents),
      loadConfig({ JWT_SECRET: 'test-secret-test-secret-test-secret-0123' }),
    );
    manager = countAdjustmentsProcessManager(new CountAdjustments(stock, counts), { now: () => new Date(NOW) });
  });
  afterEach(async () => {
    await Promise.all([events.close(), documents.close()]);
  });

  /** Receive batches, count them as given, submit and approve; answers the stored CountApproved event. */
  async function approvedCount(
    lines: Array<{ batchId: string; onHand: number; counted: number }>,
    beforeApproval = async () => {},
  ) {
    for (const l of lines)
      await runner.execute(
        stockDecider,
        stockStream(SKU, WH),
        receipt(l.batchId, l.onHand),
        ctx(`receive-${l.batchId}`),
      );
    const countId = 'C-0123456789ab';
    await runner.execute(
      countDecider,
      countStream(countId),
      { type: 'OpenCount', countId, warehouse: WH, skus: [SKU], openedBy: 'operator1', now: NOW },
      ctx('open'),
    );
    await counts.recordLines(
      countId,
      lines.map((l) => ({ sku: SKU, batchId: l.batchId, countedBase: l.counted })),
      ctx('lines'),
    );
    await beforeApproval();
    await counts.submit(countId, ctx('submit'));
    await counts.approve(countId, ctx('approve'));
    const stored = await events.readStream(countStream(countId));
    const approved = stored.find((e) => e.type === 'CountApproved');
    if (!approved) throw new Error('the count was not approved');
    return { countId, approved };
  }
  const typesOf = async (stream: string): Promise<string[]> =>
    (await events.readStream(stream)).map((e: RecordedEvent) => e.type);

  it('posts each non-zero line once to the ledger however often the approval is delivered', async () => {
    const { countId, approved } = await approvedCount([
      { batchId: 'B-1', onHand: 100, counted: 97 },
      { batchId: 'B-2', onHand: 50, counted: 50 },
    ]);
    await manager.handle(approved);
    const head = await events.headPosition();
    await manager.handle(approved);
    expect(await events.headPosition()).toBe(head);

    const adjusted = (await events.readStream(stockStream(SKU, WH))).filter((e) => e.type === 'StockAdjusted');
    expect(adjusted.map((e) => e.data)).toEqual([
      { sku: SKU, warehouse: WH, batchId: 'B-1', delta: -3, value: -180, reason: 'count', countId },
    ]);
    expect(adjusted[0].metadata).toMatchObject({
      commandId: `count:${countId}:${SKU}:B-1`,
      causationId: approved.id,
      actor: 'system:count-adjustments',
    });
    expect((await typesOf(countStream(countId))).filter((t) => t.startsWith('CountAdjustment'))).toEqual([
      'CountAdjustmentPosted',
    ]);
    expect((await stock.state({ sku: SKU, warehouse: WH })).batches['B-1'].onHand).toBe(97);
  });

  it('records a loss the ledger refuses as blocked, once, and posts it when a redelivery finds the stock free again', async () => {
    const { countId, approved } = await approvedCount([{ batchId: 'B-1', onHand: 1_000, counted: 900 }], async () => {
      await stock.reserve(
        { sku: SKU, warehouse: WH },
        { holder: 'order-1', holderKind: 'order', quantity: 950 },
        ctx('reserve'),
      );
    });
    await manager.handle(approved);
    await manager.handle(approved);
    const state = await counts.state(countId);
    expect(state.adjustments).toEqual({ [`${SKU}|B-1`]: 'blocked' });
    const blocked = (await events.readStream(countStream(countId))).filter((e) => e.type === 'CountAdjustmentBlocked');
    expect(blocked.map((e) => e.data)).toEqual([
      expect.objectContaining({
        delta: -100,
        code: 'INSUFFICIENT_STOCK',
        reason: expect.stringContaining('reservations'),
      }),
    ]);
    expect((await typesOf(stockStream(SKU, WH))).includes('StockAdjusted')).toBe(false);

    await stock.release({ sku: SKU, warehouse: WH }, { holder: 'order-1', reason: 'order cancelled' }, ctx('release'));
    await manager.handle(approved);
    expect((await counts.state(countId)).adjustments).toEqual({ [`${SKU}|B-1`]: 'posted' });
    expect((await stock.state({ sku: SKU, warehouse: WH })).batches['B-1'].onHand).toBe(900);
  });
});
