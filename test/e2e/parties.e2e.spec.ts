import { kitchenData } from './kitchen-support';
import { campaignBody, day } from './storefront-support';
import { startStack, type Stack } from './support/stack';

/**
 * Parties as master data: kitchens, pickup points with address and coordinates, each point's leaders,
 * `GET /buyers/me` and `GET /me` with party names — and every command naming an unknown party refused
 * with nothing written (the log's head does not move).
 */
describe('parties: kitchens, pickup points, leaders, and unknown parties refused', () => {
  let stack: Stack;
  let operator: string;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const ops = () => stack.http('operations');

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'storefront', 'wholesale', 'kitchen']);
    operator = await stack.login('operations', 'operator1');
  }, 60_000);
  afterAll(() => stack.close());

  /** Run `refused`, and prove the log did not grow. */
  async function nothingWritten(refused: () => Promise<unknown>): Promise<void> {
    const before = await stack.events.headPosition();
    await refused();
    expect(await stack.events.headPosition()).toBe(before);
  }

  const login = async (app: 'kitchen' | 'storefront' | 'wholesale', username: string, password: string) =>
    (await stack.http(app).post('/auth/login').send({ username, password }).expect(200)).body.accessToken as string;

  it('an operator registers, reads, lists and edits a kitchen; bad fields are named', async () => {
    const created = await ops()
      .post('/kitchens')
      .set(bearer(operator))
      .send({ ...kitchenData('KITCHEN-PT-01'), name: '聊城三中食堂', kind: 'school' })
      .expect(201);
    expect(created.body).toMatchObject({
      code: 'KITCHEN-PT-01',
      name: '聊城三中食堂',
      kind: 'school',
      contact: { name: '王老师', phone: '0635-8220000' },
      position: expect.any(String),
    });
    const got = await ops()
      .get(`/kitchens/KITCHEN-PT-01?after=${created.body.position}`)
      .set(bearer(operator))
      .expect(200);
    expect(got.body).toMatchObject({
      code: 'KITCHEN-PT-01',
      name: '聊城三中食堂',
      address: '山东省聊城市东昌府区花园北路1号',
      registeredAt: expect.any(String),
    });
    await ops().post('/kitchens').set(bearer(operator)).send(kitchenData('KITCHEN-PT-01')).expect(409);

    const edited = await ops()
      .patch('/kitchens/KITCHEN-PT-01')
      .set(bearer(operator))
      .send({ kind: 'hospital', contact: { name: '赵主任', phone: '13906351234' } })
      .expect(200);
    expect(edited.body).toMatchObject({
      code: 'KITCHEN-PT-01',
      name: '聊城三中食堂',
      kind: 'hospital',
      contact: { name: '赵主任', phone: '13906351234' },
    });
    // The contact person's name and phone are personal data: sealed in the log, in clear in the answers.
    const log = JSON.stringify(
      (await stack.events.readAll()).filter((e) => e.streamId === 'kitchen-KITCHEN-PT-01').map((e) => e.data),
    );
    expect(log).toContain('聊城三中食堂');
    for (const personal of ['王老师', '0635-8220000', '赵主任', '13906351234']) expect(log).not.toContain(personal);
    const read = await ops()
      .get(`/kitchens/KITCHEN-PT-01?after=${edited.body.position}`)
      .set(bearer(operator))
      .expect(200);
    expect(read.body.contact).toEqual({ name: '赵主任', phone: '13906351234' });
    const hospitals = await ops()
      .get(`/kitchens?kind=hospital&after=${edited.body.position}`)
      .set(bearer(operator))
      .expect(200);
    expect(hospitals.body.items.map((k: { code: string }) => k.code)).toEqual(
      expect.arrayContaining(['KITCHEN-PT-01', 'KITCHEN-LC-02']),
    );
    expect(hospitals.body.items.every((k: { kind: string }) => k.kind === 'hospital')).toBe(true);

    const bad = await ops()
      .post('/kitchens')
      .set(bearer(operator))
      .send({ ...kitchenData('KITCHEN-PT-02'), kind: 'canteen', contact: { name: '王', phone: '12345' } })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['contact.phone', 'kind']);
    await nothingWritten(() =>
      ops().patch('/kitchens/KITCHEN-NOPE-99').set(bearer(operator)).send({ name: '无' }).expect(404),
    );
    await ops().get('/kitchens/KITCHEN-NOPE-99').set(bearer(operator)).expect(404);
    await ops()
      .post('/kitchens')
      .set(bearer(await stack.login('operations', 'kitchen1')))
      .send(kitchenData('KITCHEN-PT-03'))
      .expect(403);
  });

  it("erases a kitchen's contact person on request: audited, 已删除 in every answer, the kitchen intact; a new contact gets a fresh key", async () => {
    await ops()
      .post('/kitchens')
      .set(bearer(operator))
      .send({
        ...kitchenData('KITCHEN-PT-04'),
        name: '聊城四中食堂',
        contact: { name: '孙老师', phone: '13906350004' },
      })
      .expect(201);
    await nothingWritten(() =>
      ops().post('/kitchens/KITCHEN-PT-04/contact/erasure').set(bearer(operator)).send({}).expect(400),
    );
    await nothingWritten(() =>
      ops()
        .post('/kitchens/KITCHEN-NOPE-99/contact/erasure')
        .set(bearer(operator))
        .send({ reason: '本人申请' })
        .expect(404),
    );

    const erased = await ops()
      .post('/kitchens/KITCHEN-PT-04/contact/erasure')
      .set(bearer(operator))
      .send({ reason: '联系人本人申请（工单 K-04）' })
      .expect(200);
    expect(erased.body).toMatchObject({
      code: 'KITCHEN-PT-04',
      name: '聊城四中食堂',
      contact: { name: '已删除', phone: '已删除' },
    });
    const events = await stack.events.readStream('kitchen-KITCHEN-PT-04');
    expect(events.map((e) => e.type)).toEqual(['KitchenRegistered', 'PersonalDataErased']);
    expect(events[1]?.data).toEqual({
      subject: 'kitchen-contact:KITCHEN-PT-04:0',
      reason: '联系人本人申请（工单 K-04）',
    });
    const read = await ops()
      .get(`/kitchens/KITCHEN-PT-04?after=${erased.body.position}`)
      .set(bearer(operator))
      .expect(200);
    expect(read.body).toMatchObject({ name: '聊城四中食堂', contact: { name: '已删除', phone: '已删除' } });
    // Erasing again changes nothing.
    await nothingWritten(() =>
      ops()
        .post('/kitchens/KITCHEN-PT-04/contact/erasure')
        .set(bearer(operator))
        .send({ reason: '重复申请' })
        .expect(200),
    );

    // A new contact person is sealed under the next generation's key, readable while the old one stays erased.
    const next = await ops()
      .patch('/kitchens/KITCHEN-PT-04')
      .set(bearer(operator))
      .send({ contact: { name: '周老师', phone: '13906350005' } })
      .expect(200);
    expect(next.body.contact).toEqual({ name: '周老师', phone: '13906350005' });
    const last = (await stack.events.readStream('kitchen-KITCHEN-PT-04')).at(-1);
    expect(JSON.stringify(last?.data)).toContain('kitchen-contact:KITCHEN-PT-04:1');
    expect(JSON.stringify(last?.data)).not.toContain('周老师');
    const listed = await ops().get(`/kitchens?after=${next.body.position}`).set(bearer(operator)).expect(200);
    expect(listed.body.items.find((k: { code: string }) => k.code === 'KITCHEN-PT-04').contact).toEqual({
      name: '周老师',
      phone: '13906350005',
    });
  });

  it('a contract for an unknown kitchen is UNKNOWN_KITCHEN with nothing written; a kitchen registered a moment ago is known, and its purchaser sees its name', async () => {
    const kOperator = await stack.login('kitchen', 'operator1');
    const contract = (kitchen: string) => ({
      kitchen,
      title: '测试供货协议',
      from: day(-1),
      to: day(30),
      lines: [{ sku: 'SKU-CABBAGE', saleUnit: 'kg', unitPriceFen: 260 }],
    });
    await nothingWritten(async () => {
      const res = await stack
        .http('kitchen')
        .post('/contracts')
        .set(bearer(kOperator))
        .send(contract('KITCHEN-NOPE-99'))
        .expect(422);
      expect(res.body).toMatchObject({ code: 'UNKNOWN_KITCHEN', errors: [{ field: 'kitchen' }] });
    });
    // Registered and used at once: the check reads the kitchen's stream, not a read model.
    await ops()
      .post('/kitchens')
      .set(bearer(operator))
      .send({ ...kitchenData('KITCHEN-PT-10'), name: '东昌府区实验小学食堂' })
      .expect(201);
    const made = await stack
      .http('kitchen')
      .post('/contracts')
      .set(bearer(kOperator))
      .send(contract('KITCHEN-PT-10'))
      .expect(201);

    // A purchaser for an unknown kitchen is refused; for the new one it is created and signs in to the kitchen app.
    const purchaser = {
      username: 'purchaser-pt10',
      displayName: '实验小学 采购',
      password: 'purchaser-password',
      roles: ['purchaser'],
    };
    await nothingWritten(async () => {
      const res = await ops()
        .post('/users')
        .set(bearer(operator))
        .send({ ...purchaser, party: 'KITCHEN-NOPE-99' })
        .expect(422);
      expect(res.body).toMatchObject({ code: 'UNKNOWN_PARTY', errors: [{ field: 'party' }] });
    });
    await ops()
      .post('/users')
      .set(bearer(operator))
      .send({ ...purchaser, party: 'KITCHEN-PT-10' })
      .expect(201);
    const token = await login('kitchen', 'purchaser-pt10', 'purchaser-password');
    const me = await stack.http('kitchen').get('/me').set(bearer(token)).expect(200);
    expect(me.body.parties).toEqual([
      {
        kind: 'kitchen',
        id: 'KITCHEN-PT-10',
        name: '东昌府区实验小学食堂',
        address: '山东省聊城市东昌府区花园北路1号',
        kitchenKind: 'school',
      },
    ]);
    const contracts = await stack
      .http('kitchen')
      .get(`/contracts?after=${made.body.position}`)
      .set(bearer(token))
      .expect(200);
    expect(contracts.body.items).toEqual([
      expect.objectContaining({
        contractId: made.body.contractId,
        kitchen: 'KITCHEN-PT-10',
        kitchenName: '东昌府区实验小学食堂',
      }),
    ]);
    const month = day(0).slice(0, 7);
    const statement = await stack.http('kitchen').get(`/statements/${month}`).set(bearer(token)).expect(200);
    expect(statement.body).toMatchObject({ kitchen: 'KITCHEN-PT-10', kitchenName: '东昌府区实验小学食堂' });

    // A standing order under an unknown contract is refused with nothing written.
    await nothingWritten(async () => {
      const res = await stack
        .http('kitchen')
        .post('/standing-orders')
        .set(bearer(token))
        .send({
          contractId: 'CT-NOPE',
          warehouse: 'LC-HUB-DCF',
          address: '测试食堂',
          lines: [{ sku: 'SKU-CABBAGE', quantityBase: 10_000 }],
          schedule: { rrule: 'FREQ=DAILY' },
          startDate: day(3),
        });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });
  });

  it('credit for an unknown buyer is NOT_FOUND with nothing written (no phantom buyer); a registered buyer is approved and sees itself at /buyers/me', async () => {
    const ws = () => stack.http('wholesale');
    const wsOperator = await stack.login('wholesale', 'operator1');
    await nothingWritten(async () => {
      const res = await ws()
        .put('/buyers/BUYER-BUYER3/credit')
        .set(bearer(wsOperator))
        .send({ creditLimitFen: 1_000_000 })
        .expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });
    await ws().get('/buyers/BUYER-BUYER3').set(bearer(wsOperator)).expect(404);
    await nothingWritten(async () => {
      const res = await ops()
        .post('/users')
        .set(bearer(operator))
        .send({
          username: 'buyer-nope',
          displayName: '无',
          password: 'buyer-password',
          roles: ['buyer'],
          party: 'BUYER-NOPE',
        })
        .expect(422);
      expect(res.body.code).toBe('UNKNOWN_PARTY');
    });

    const registered = await ws()
      .post('/buyers')
      .set(bearer(wsOperator))
      .send({ username: 'buyer-pt', displayName: '阳谷果品经营部', password: 'buyer-password', buyerId: 'BUYER-PT-01' })
      .expect(201);
    expect(registered.body).toMatchObject({ buyerId: 'BUYER-PT-01' });
    // A second user of the same buyer, through POST /users: the buyer exists now.
    await ops()
      .post('/users')
      .set(bearer(operator))
      .send({
        username: 'buyer-pt2',
        displayName: '阳谷果品 会计',
        password: 'buyer-password',
        roles: ['buyer'],
        party: 'BUYER-PT-01',
      })
      .expect(201);
    const token = await login('wholesale', 'buyer-pt2', 'buyer-password');
    expect((await ws().get('/buyers/me').set(bearer(token)).expect(200)).body).toEqual({
      buyerId: 'BUYER-PT-01',
      name: '阳谷果品经营部',
      approved: false,
      creditLimitFen: 0,
      exposureFen: 0,
      receivablesFen: 0,
      availableFen: 0,
    });
    await ws().put('/buyers/BUYER-PT-01/credit').set(bearer(wsOperator)).send({ creditLimitFen: 500_000 }).expect(200);
    expect((await ws().get('/buyers/me').set(bearer(token)).expect(200)).body).toMatchObject({
      approved: true,
      creditLimitFen: 500_000,
      availableFen: 500_000,
    });
    expect((await ws().get('/me').set(bearer(token)).expect(200)).body.parties).toEqual([
      { kind: 'buyer', id: 'BUYER-PT-01', name: '阳谷果品经营部' },
    ]);
    // The demo buyer too; operators are no buyers.
    expect(
      (
        await ws()
          .get('/buyers/me')
          .set(bearer(await stack.login('wholesale', 'buyer1')))
          .expect(200)
      ).body,
    ).toMatchObject({ buyerId: 'BUYER-LC-001', name: '聊城鲜果批发行', approved: true });
    await ws().get('/buyers/me').set(bearer(wsOperator)).expect(403);
  });

  it('registers one buyer login from many requests at once: one succeeds, the refused ones write nothing', async () => {
    const wsOperator = await stack.login('wholesale', 'operator1');
    const RACERS = 30;
    const before = await stack.events.headPosition();
    const answers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        stack
          .http('wholesale')
          .post('/buyers')
          .set(bearer(wsOperator))
          .set('x-correlation-id', `buyer-race-${i}`)
          .send({ username: 'buyer-race', displayName: `东阿果蔬经营部 ${i}`, password: 'buyer-password' }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(RACERS - 1).fill(409)]);
    const winner = `buyer-race-${answers.findIndex((a) => a.status === 201)}`;
    const written = (await stack.events.readAll({ after: before })).filter((e) =>
      e.metadata.correlationId?.startsWith('buyer-race-'),
    );
    expect(new Set(written.map((e) => e.metadata.correlationId))).toEqual(new Set([winner]));
    expect(written.map((e) => e.type)).toEqual(expect.arrayContaining(['BuyerRegistered']));
  });

  it('a campaign naming an unknown pickup point, warehouse or SKU is refused with nothing written', async () => {
    const sf = () => stack.http('storefront');
    const sfOperator = await stack.login('storefront', 'operator1');
    for (const [override, status, code, field] of [
      [{ pickupPoint: 'PP-NOPE-99' }, 404, 'NOT_FOUND', 'pickupPoint'],
      [{ warehouse: 'LC-NOPE-99' }, 422, 'UNKNOWN_WAREHOUSE', 'warehouse'],
      [{ sku: 'SKU-NOPE-99' }, 422, 'UNKNOWN_SKU', 'sku'],
    ] as const) {
      await nothingWritten(async () => {
        const res = await sf().post('/campaigns').set(bearer(sfOperator)).send(campaignBody(override));
        expect([res.status, res.body.code]).toEqual([status, code]);
        if (status === 422) expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
        else expect(res.body.detail).toContain('PP-NOPE-99');
      });
    }
  });

  it('pickup points keep an address and coordinates, operators edit them, and a leader created for a point signs in and sees it', async () => {
    const point = {
      code: 'PP-PT-01',
      name: '闫寺街道自提点',
      warehouse: 'LC-VP-DCF-01',
      hours: '08:30-19:00',
      address: '山东省聊城市东昌府区闫寺街道闫寺村委会东50米',
      lat: 36.4321,
      lng: 115.8765,
    };
    const half = await ops()
      .post('/pickup-points')
      .set(bearer(operator))
      .send({ ...point, lng: undefined })
      .expect(400);
    expect(half.body.errors).toEqual([expect.objectContaining({ field: 'lng' })]);
    const far = await ops()
      .post('/pickup-points')
      .set(bearer(operator))
      .send({ ...point, lat: 91 })
      .expect(400);
    expect(far.body.errors).toEqual([expect.objectContaining({ field: 'lat' })]);
    const created = await ops().post('/pickup-points').set(bearer(operator)).send(point).expect(201);
    expect(created.body).toMatchObject(point);

    const edited = await ops()
      .patch('/pickup-points/PP-PT-01')
      .set(bearer(operator))
      .send({ hours: '08:00-20:00', address: '山东省聊城市东昌府区闫寺街道闫寺村供销社' })
      .expect(200);
    expect(edited.body).toMatchObject({
      ...point,
      hours: '08:00-20:00',
      address: '山东省聊城市东昌府区闫寺街道闫寺村供销社',
    });
    const got = await ops()
      .get(`/pickup-points/PP-PT-01?after=${edited.body.position}`)
      .set(bearer(operator))
      .expect(200);
    expect(got.body).toMatchObject({
      hours: '08:00-20:00',
      address: '山东省聊城市东昌府区闫寺街道闫寺村供销社',
      lat: 36.4321,
      lng: 115.8765,
      updatedAt: expect.any(String),
    });
    await nothingWritten(() =>
      ops().patch('/pickup-points/PP-NOPE-99').set(bearer(operator)).send({ hours: '08:00-20:00' }).expect(404),
    );
    await ops().patch('/pickup-points/PP-PT-01').set(bearer(operator)).send({ lat: 36.1 }).expect(400);

    await nothingWritten(() =>
      ops()
        .post('/pickup-points/PP-NOPE-99/leaders')
        .set(bearer(operator))
        .send({ username: 'leader-nope', displayName: '无', password: 'leader-password' })
        .expect(404),
    );
    const leader = await ops()
      .post('/pickup-points/PP-PT-01/leaders')
      .set(bearer(operator))
      .send({ username: 'leader-pt', displayName: '团长 孙玉梅', password: 'leader-password' })
      .expect(201);
    expect(leader.body).toMatchObject({ username: 'leader-pt', roles: ['leader'], party: 'PP-PT-01', disabled: false });
    const leaders = await ops()
      .get(`/pickup-points/PP-PT-01/leaders?after=${leader.body.position}`)
      .set(bearer(operator))
      .expect(200);
    expect(leaders.body.items).toEqual([
      expect.objectContaining({
        username: 'leader-pt',
        displayName: '团长 孙玉梅',
        pickupPoint: 'PP-PT-01',
        disabled: false,
      }),
    ]);
    const demoLeaders = await ops().get('/pickup-points/PP-DCF-01/leaders').set(bearer(operator)).expect(200);
    expect(demoLeaders.body.items.map((l: { username: string }) => l.username)).toEqual(['leader1']);

    const token = await login('storefront', 'leader-pt', 'leader-password');
    const me = await stack.http('storefront').get('/me').set(bearer(token)).expect(200);
    expect(me.body.parties).toEqual([
      {
        kind: 'pickupPoint',
        id: 'PP-PT-01',
        name: '闫寺街道自提点',
        hours: '08:00-20:00',
        warehouse: 'LC-VP-DCF-01',
        address: '山东省聊城市东昌府区闫寺街道闫寺村供销社',
        lat: 36.4321,
        lng: 115.8765,
      },
    ]);
  });

  it('orders carry their pickup point’s name, address and hours, for the consumer and the leader', async () => {
    const sf = () => stack.http('storefront');
    const open = await sf().get('/campaigns?status=published').expect(200);
    const pears = open.body.items.find(
      (c: { pickupPoint: string; createdBy: string }) => c.pickupPoint === 'PP-DCF-01' && c.createdBy === 'system:seed',
    );
    const consumer = await stack.login('storefront', 'consumer3');
    const joined = await sf()
      .post(`/campaigns/${pears.campaignId}/orders`)
      .set(bearer(consumer))
      .send({ quantity: 1, paymentMethod: 'pay_at_pickup' })
      .expect(201);
    const place = {
      code: 'PP-DCF-01',
      name: '道口铺社区自提点',
      hours: '08:00-20:00',
      address: '山东省聊城市东昌府区道口铺街道幸福路18号供销社便民店',
      lat: 36.5012,
      lng: 115.9287,
    };
    const order = await sf()
      .get(`/orders/${joined.body.orderId}?after=${joined.body.position}`)
      .set(bearer(consumer))
      .expect(200);
    expect(order.body.pickupPlace).toEqual(place);
    const mine = await sf().get(`/me/orders?after=${joined.body.position}`).set(bearer(consumer)).expect(200);
    expect(mine.body.items.find((o: { orderId: string }) => o.orderId === joined.body.orderId).pickupPlace).toEqual(
      place,
    );
    const atPoint = await sf()
      .get(`/pickup-points/PP-DCF-01/orders?after=${joined.body.position}`)
      .set(bearer(await stack.login('storefront', 'leader1')))
      .expect(200);
    expect(atPoint.body.items.find((o: { orderId: string }) => o.orderId === joined.body.orderId).pickupPlace).toEqual(
      place,
    );
  });
});
