import { startStack, type Stack } from './support/stack';

interface Item {
  username: string;
  displayName: string;
  roles: string[];
  party?: string;
  partyKind?: string;
  disabled: boolean;
  erased: boolean;
  createdAt: string;
}
interface Page {
  items: Item[];
  nextCursor?: string;
}

describe('operations: the list of accounts (GET /users)', () => {
  let stack: Stack;
  let operator: string;
  let last = '0';
  const ops = () => stack.http('operations');
  const auth = () => ({ Authorization: `Bearer ${operator}` });
  const list = async (query: string): Promise<Page> =>
    (await ops().get(`/users?after=${last}&${query}`).set(auth()).expect(200)).body as Page;
  const names = (page: Page) => page.items.map((i) => i.username);
  const create = async (body: object) => {
    const res = await ops()
      .post('/users')
      .set(auth())
      .send({ password: 'initial-pass', ...body })
      .expect(201);
    last = res.body.position as string;
    return res.body;
  };

  beforeAll(async () => {
    stack = await startStack(['worker', 'operations']);
    operator = await stack.login('operations', 'operator1');
    await create({ username: 'buyer-ann', displayName: 'Ann 果品', roles: ['buyer'], party: 'BUYER-LC-001' });
    await create({
      username: 'buyer-bo',
      displayName: '博 果品',
      roles: ['buyer'],
      party: 'BUYER-LC-002',
      mobile: '13912345678',
    });
    await create({ username: 'leader-two', displayName: '张团长', roles: ['leader'], party: 'PP-DCF-01' });
    await create({ username: 'ops-zhang', displayName: '张运营', roles: ['operator'] });
    const off = await ops().post('/users/buyer-ann/disable').set(auth()).send({ reason: '离职' }).expect(200);
    last = off.body.position as string;
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('lists every account by username, with roles, party and kind, never a password hash, mobile number or session', async () => {
    const all = await list('limit=200');
    expect(names(all)).toEqual([...names(all)].sort());
    expect(names(all)).toEqual(
      expect.arrayContaining([
        'operator1',
        'operator2',
        'leader1',
        'consumer1',
        'buyer1',
        'kitchen1',
        'buyer-ann',
        'buyer-bo',
        'leader-two',
        'ops-zhang',
      ]),
    );
    expect(all.nextCursor).toBeUndefined();
    expect(all.items.find((i) => i.username === 'buyer-bo')).toEqual({
      username: 'buyer-bo',
      displayName: '博 果品',
      roles: ['buyer'],
      party: 'BUYER-LC-002',
      partyKind: 'buyer',
      disabled: false,
      erased: false,
      createdAt: expect.stringMatching(/Z$/),
    });
    expect(all.items.find((i) => i.username === 'kitchen1')).toMatchObject({
      party: 'KITCHEN-LC-01',
      partyKind: 'kitchen',
    });
    expect(JSON.stringify(all)).not.toMatch(
      /scrypt|passwordHash|13912345678|sessionEpoch|roleFlags|displayNameKey|_id/,
    );
  });

  it('filters by role, by party (kind and id), by status, and searches a prefix of the username (names are sealed personal data)', async () => {
    expect(names(await list('role=buyer&status=active'))).toEqual(['buyer-bo', 'buyer1', 'buyer2']);
    expect(names(await list('role=buyer&status=disabled'))).toEqual(['buyer-ann']);
    expect(names(await list('partyKind=buyer&party=BUYER-LC-001'))).toEqual(['buyer-ann', 'buyer1']);
    expect(names(await list('partyKind=pickupPoint'))).toEqual(['leader-two', 'leader1']);
    expect(names(await list('role=operator&q=ops'))).toEqual(['ops-zhang']);
    // The username, case-insensitively; a display name is sealed in the read model, so searching it finds nothing.
    expect(names(await list('q=buyer-a'))).toEqual(['buyer-ann']);
    expect(names(await list('q=LEADER'))).toEqual(['leader-two', 'leader1']);
    expect((await list(`q=${encodeURIComponent('张')}`)).items).toEqual([]);
    expect(names(await list('q=BUYER&status=active&role=buyer'))).toEqual(['buyer-bo', 'buyer1', 'buyer2']);
    expect((await list('q=nobody-has-this')).items).toEqual([]);
  });

  it('pages by cursor: every account once, in order, with and without a search', async () => {
    const seen: string[] = [];
    let page = await list('limit=3');
    for (let guard = 0; ; guard++) {
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...names(page));
      if (!page.nextCursor || guard > 50) break;
      page = await list(`limit=3&cursor=${page.nextCursor}`);
    }
    expect(seen).toEqual(names(await list('limit=200')));
    expect(new Set(seen).size).toBe(seen.length);

    const first = await list('q=b&limit=2');
    expect(names(first)).toEqual(['buyer-ann', 'buyer-bo']);
    const second = await list(`q=b&limit=2&cursor=${first.nextCursor}`);
    expect(names(second)).toEqual(['buyer1', 'buyer2']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('follows new roles, disabling and enabling once the projection has them', async () => {
    const roles = await ops()
      .put('/users/ops-zhang/roles')
      .set(auth())
      .send({ roles: ['purchaser'], party: 'KITCHEN-LC-01' })
      .expect(200);
    expect(roles.body).toMatchObject({ partyKind: 'kitchen', party: 'KITCHEN-LC-01' });
    last = roles.body.position as string;
    expect(names(await list('partyKind=kitchen&party=KITCHEN-LC-01'))).toEqual(['kitchen1', 'ops-zhang']);
    expect(names(await list('role=operator'))).toEqual(['operator1', 'operator2']);
    last = (await ops().post('/users/buyer-ann/enable').set(auth()).expect(200)).body.position as string;
    expect((await list('role=buyer&status=disabled')).items).toEqual([]);
  });

  it('refuses bad filters naming each, and anyone but an operator', async () => {
    const bad = await ops()
      .get('/users?role=admin&partyKind=school&status=gone&limit=0&cursor=%20x')
      .set(auth())
      .expect(400);
    expect((bad.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'cursor',
      'limit',
      'partyKind',
      'role',
      'status',
    ]);
    await ops().get('/users?limit=201').set(auth()).expect(400);
    const partyAlone = await ops().get('/users?party=BUYER-LC-001').set(auth()).expect(400);
    expect(partyAlone.body.errors).toEqual([{ field: 'party', message: 'party needs partyKind' }]);
    for (const user of ['buyer1', 'leader1', 'kitchen1', 'consumer1']) {
      const token = await stack.login('operations', user);
      await ops()
        .get('/users')
        .set({ Authorization: `Bearer ${token}` })
        .expect(403);
      await ops()
        .get('/buyers')
        .set({ Authorization: `Bearer ${token}` })
        .expect(403);
    }
    await ops().get('/users').expect(401);
  });

  it('an account created with a mobile number signs in with it; the number is taken for everyone else', async () => {
    await ops().post('/auth/login').send({ username: '13912345678', password: 'initial-pass' }).expect(200);
    const taken = await ops()
      .post('/users')
      .set(auth())
      .send({
        username: 'buyer-cy',
        displayName: '陈',
        roles: ['buyer'],
        party: 'BUYER-LC-002',
        mobile: '13912345678',
        password: 'initial-pass',
      })
      .expect(409);
    expect(taken.body).toMatchObject({ code: 'MOBILE_TAKEN' });
    expect(await stack.events.readStream('user-buyer-cy')).toEqual([]);
    // A taken username leaves the number free.
    await ops()
      .post('/users')
      .set(auth())
      .send({
        username: 'buyer-bo',
        displayName: '博',
        roles: ['buyer'],
        party: 'BUYER-LC-002',
        mobile: '13912345000',
        password: 'initial-pass',
      })
      .expect(409);
    await create({
      username: 'buyer-dd',
      displayName: '丁',
      roles: ['buyer'],
      party: 'BUYER-LC-002',
      mobile: '13912345000',
    });
  });

  it('lists wholesale buyers with their credit and name for the console', async () => {
    const res = await ops().get('/buyers').set(auth()).expect(200);
    const one = (res.body.items as Array<{ buyerId: string }>).find((b) => b.buyerId === 'BUYER-LC-001');
    expect(one).toEqual({
      buyerId: 'BUYER-LC-001',
      name: expect.any(String),
      approved: true,
      creditLimitFen: expect.any(Number),
      exposureFen: expect.any(Number),
      receivablesFen: expect.any(Number),
      availableFen: expect.any(Number),
    });
  });
});
