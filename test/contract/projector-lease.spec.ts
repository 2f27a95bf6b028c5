import { ReadModels } from '@gx/readstore/read-models';
import { eventually, Fixture, leaseRenewals, ordersProjection, placeOrder, plain } from './projector-fixtures';

describe('Projector lease', () => {
  const fixture = new Fixture();
  afterEach(() => fixture.cleanup());

  it('runs a projection in one process only, and another takes over once it stops', async () => {
    const dir = fixture.newDir();
    const a = fixture.connect(dir);
    const b = fixture.connect(dir);
    const first = fixture.projector(a, [ordersProjection()], { owner: 'worker-a' });
    await eventually(async () => (await first.status())[0].running);
    const second = fixture.projector(b, [ordersProjection()], { owner: 'worker-b' });

    const reads = new ReadModels(b.store);
    for (let i = 0; i < 20; i += 1) await placeOrder(i % 2 ? a : b, `o${i}`, 'alice', 1);
    const p1 = await placeOrder(b, 'o20', 'alice', 1);
    expect(await reads.waitFor('orders', p1, 3000)).toBe(true);
    // Several lease renewals (ttl 300 ms, renewed every 100 ms) pass with both processes competing.
    await leaseRenewals(a.store, 'orders', 3);
    expect((await first.status())[0]).toMatchObject({ running: true, owner: 'worker-a', state: 'running' });
    expect((await second.status())[0]).toMatchObject({ running: false, state: 'standby', checkpoint: p1 });

    await first.stop();
    await eventually(async () => (await second.status())[0].running, 2000);
    const p2 = await placeOrder(a, 'o21', 'bob', 5);
    expect(await reads.waitFor('orders', p2, 3000)).toBe(true);
    expect((await second.status())[0]).toMatchObject({ owner: 'worker-b', generation: 1, lag: 0 });
    expect(plain(await reads.find('customer_totals', {}, { sort: [['_id', 1]] }))).toEqual([
      { _id: 'alice', orders: 21, spent: 21 },
      { _id: 'bob', orders: 1, spent: 5 },
    ]);
  });
});
