import { randomInt } from 'node:crypto';
import { declaredProjections, PERSONAL_KEYS_COLLECTION, PersonalDataVault } from '@gx/application';
import { ERASED_TEXT, isSealed } from '@gx/domain';
import { startStack, type Stack } from './support/stack';
import { until, type Json } from './storefront-support';

/**
 * Personal data and erasure (个人信息保护法), on whichever stores the project runs (embedded SQLite, or
 * EventStoreDB + MongoDB through the doubles): a consumer who signed up and ordered leaves no clear name
 * or mobile number in the log; erased, every answer shows 已删除 — also after every projection is
 * rebuilt — while their orders and amounts stay and the books reconcile; they cannot sign in.
 */
describe('personal data: sealed in the log, erased on request', () => {
  let stack: Stack;
  let ops: string;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  // Unique per run, so that a match in the log can only be this person's data.
  const mobile = `1${randomInt(3, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  const displayName = `欧阳隐私${randomInt(1000, 10000)}`;
  const password = 'erase-me-please';
  let username = '';
  let consumerToken = '';
  let refreshToken = '';
  const orders: Array<{ orderId: string; amountFen: number; quantity: number }> = [];
  let lotId = '';

  beforeAll(async () => {
    stack = await startStack(['worker', 'storefront', 'operations', 'wholesale']);
    ops = await stack.login('operations', 'operator1');
  }, 90_000);
  afterAll(() => stack?.close());

  /** Every event of the store, as stored: data and metadata. */
  const rawLog = async (): Promise<string[]> =>
    (await stack.events.readAll()).map((e) =>
      JSON.stringify({ stream: e.streamId, type: e.type, data: e.data, metadata: e.metadata }),
    );
  const order = async (orderId: string): Promise<Json> =>
    (await stack.http('storefront').get(`/orders/${orderId}`).set(bearer(ops)).expect(200)).body;
  const operatorLot = async (): Promise<Json> =>
    (
      await stack
        .http('wholesale')
        .get(`/lots/${lotId}`)
        .set(bearer(await stack.login('wholesale', 'operator1')))
        .expect(200)
    ).body;

  it('signs a consumer up and lets them order; the log holds their name and number only sealed', async () => {
    const signUp = await stack
      .http('storefront')
      .post('/auth/signup')
      .send({ mobile, password, displayName })
      .expect(201);
    consumerToken = signUp.body.accessToken;
    refreshToken = signUp.body.refreshToken;
    const me = await stack.http('storefront').get('/me').set(bearer(consumerToken)).expect(200);
    expect(me.body.displayName).toBe(displayName);
    username = me.body.username;

    const campaigns = (await stack.http('storefront').get('/campaigns?pickupPoint=PP-DCF-01').expect(200)).body
      .items as Json[];
    expect(campaigns.length).toBeGreaterThanOrEqual(2);
    for (const campaign of campaigns.slice(0, 2)) {
      const res = await stack
        .http('storefront')
        .post(`/campaigns/${campaign.campaignId}/orders`)
        .set(bearer(consumerToken))
        .send({ quantity: 1, paymentMethod: 'pay_at_pickup' })
        .expect(201);
      orders.push({ orderId: res.body.orderId, amountFen: res.body.amountFen, quantity: res.body.quantity });
    }
    expect(orders.every((o) => o.amountFen > 0)).toBe(true);

    // A buyer login bids, so that a read model (the operators' bidder names) carries a person's name.
    const buyer2 = await stack.login('wholesale', 'buyer2');
    const lots = (await stack.http('wholesale').get('/lots?status=open').set(bearer(buyer2)).expect(200)).body
      .items as Json[];
    const lot = lots.find((l) => l.startPriceFen === 3200) ?? lots[0];
    lotId = lot.lotId;
    await stack
      .http('wholesale')
      .post(`/lots/${lotId}/bids`)
      .set(bearer(buyer2))
      .send({ pricePerUnitFen: lot.startPriceFen, maxPricePerUnitFen: lot.startPriceFen + 500 })
      .expect(201);
    await until('the bidder’s name in the operators’ lot view', async () =>
      (await operatorLot()).bidders?.some((b: Json) => b.name === '东昌蔬菜配送') ? true : undefined,
    );

    const log = await rawLog();
    const leaks = log.filter((line) => line.includes(displayName) || line.includes(mobile));
    expect(leaks).toEqual([]);
    const [registered] = await stack.events.readStream(`user-${username}`);
    const data = registered.data as Json;
    expect([isSealed(data.displayName), isSealed(data.mobile), isSealed(data.passwordHash)]).toEqual([
      true,
      true,
      true,
    ]);
    expect(data.displayName.$pii).toBe(`user:${username}`);
    // The demo's own accounts are sealed too: no demo name is in the log in clear.
    expect(log.filter((line) => line.includes('东昌蔬菜配送') || line.includes('刘芳'))).toEqual([]);
  });

  it('refuses an erasure without a reason, by a non-operator, or of an unknown person, writing nothing', async () => {
    const head = await stack.events.headPosition();
    const bad = await stack
      .http('operations')
      .post(`/people/${username}/erasure`)
      .set(bearer(ops))
      .send({})
      .expect(400);
    expect(bad.body.errors.map((e: Json) => e.field)).toEqual(['reason']);
    await stack
      .http('operations')
      .post(`/people/${username}/erasure`)
      .set(bearer(await stack.login('operations', 'consumer1')))
      .send({ reason: '本人申请' })
      .expect(403);
    await stack
      .http('operations')
      .post(`/people/nobody-here/erasure`)
      .set(bearer(ops))
      .send({ reason: '本人申请' })
      .expect(404);
    expect(await stack.events.headPosition()).toBe(head);
  });

  it('erases the person: an audited event, the key destroyed, sessions and sign-in gone; again changes nothing', async () => {
    const reason = '本人申请删除个人信息（工单 E2E-01）';
    const res = await stack
      .http('operations')
      .post(`/people/${username}/erasure`)
      .set(bearer(ops))
      .send({ reason })
      .expect(200);
    expect(res.body).toMatchObject({
      username,
      displayName: ERASED_TEXT,
      roles: ['consumer'],
      disabled: true,
      erased: true,
    });

    const stream = await stack.events.readStream(`user-${username}`);
    const erased = stream[stream.length - 1];
    expect(erased).toMatchObject({ type: 'PersonalDataErased', data: { subject: `user:${username}`, reason } });
    expect(erased.metadata.actor).toBe('operator1');
    const keys = stack.pool.acquireKeys();
    try {
      const doc = await keys.get(PERSONAL_KEYS_COLLECTION, `user:${username}`);
      expect(doc).toMatchObject({ _id: `user:${username}`, destroyedAt: expect.any(String) });
      expect(doc).not.toHaveProperty('key');
      // Whoever holds the log and the key store can no longer read the sealed fields.
      const vault = new PersonalDataVault(keys);
      const registered = stream[0].data as Json;
      expect(await vault.openAll([registered.displayName, registered.mobile, registered.passwordHash])).toEqual([
        ERASED_TEXT,
        ERASED_TEXT,
        ERASED_TEXT,
      ]);
    } finally {
      await stack.pool.releaseKeys();
    }

    // Signed out everywhere and never signs in again: not by number, not by username, not by refresh token.
    await stack.http('storefront').get('/me').set(bearer(consumerToken)).expect(401);
    await stack.http('storefront').post('/auth/refresh').send({ refreshToken }).expect(401);
    await stack.http('storefront').post('/auth/login').send({ username: mobile, password }).expect(401);
    await stack.http('storefront').post('/auth/login').send({ username, password }).expect(401);
    // Nothing can bring the account back.
    await stack.http('operations').post(`/users/${username}/enable`).set(bearer(ops)).send({}).expect(409);
    const reset = await stack
      .http('operations')
      .put(`/users/${username}/password`)
      .set(bearer(ops))
      .send({ newPassword: 'a-new-password' })
      .expect(409);
    expect(reset.body.code).toBe('PERSON_ERASED');

    const again = await stack
      .http('operations')
      .post(`/people/${username}/erasure`)
      .set(bearer(ops))
      .send({ reason })
      .expect(200);
    expect(again.body).toMatchObject({ displayName: ERASED_TEXT, erased: true });
    expect(await stack.events.readStream(`user-${username}`)).toHaveLength(stream.length);
    expect((await stack.http('operations').get(`/users/${username}`).set(bearer(ops)).expect(200)).body).toMatchObject({
      displayName: ERASED_TEXT,
      erased: true,
      disabled: true,
    });
  });

  it('shows erased fields in every read model, also after every projection is rebuilt; orders, amounts and the books stay', async () => {
    await stack
      .http('operations')
      .post('/people/buyer2/erasure')
      .set(bearer(ops))
      .send({ reason: '账户注销（工单 E2E-02）' })
      .expect(200);
    const names = async () => ((await operatorLot()).bidders as Json[]).map((b) => b.name);
    expect(await names()).toEqual([ERASED_TEXT]);

    const requested = new Date().toISOString();
    for (const p of declaredProjections())
      await stack.http('operations').post(`/projections/${p.name}/rebuild`).set(bearer(ops)).expect(202);
    await until(
      'every projection rebuilt and caught up',
      async () => {
        const items = (await stack.http('operations').get('/projections').set(bearer(ops)).expect(200)).body
          .items as Json[];
        const rebuilt = declaredProjections().every((p) => {
          const status = items.find((s) => s.name === p.name);
          return (
            status?.lastRebuild?.state === 'done' && status.lastRebuild.requestedAt >= requested && status.lag === 0
          );
        });
        return rebuilt ? true : undefined;
      },
      120_000,
    );

    expect(await names()).toEqual([ERASED_TEXT]);
    for (const o of orders) {
      const view = await order(o.orderId);
      expect(view).toMatchObject({ orderId: o.orderId, amountFen: o.amountFen, quantity: o.quantity });
      expect(JSON.stringify(view)).not.toContain(displayName);
    }
    const integrity = (await stack.http('operations').get('/integrity').set(bearer(ops)).expect(200)).body;
    expect(integrity).toMatchObject({ ok: true, disagreementCount: 0 });
    expect((await rawLog()).filter((line) => line.includes(displayName) || line.includes(mobile))).toEqual([]);
  }, 180_000);
});
