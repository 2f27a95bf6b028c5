import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { mobileKey } from '@gx/application';
import { CLOCK_OVERRIDE } from '@gx/platform';
import { eventually, exited, freePort, recentOutput, spawnApp } from '../support/processes';
import { startStack, type Stack } from './support/stack';

const ADMIN = join(__dirname, '..', '..', 'dist', 'apps', 'all', 'src', 'admin.js');

/** Run the built `npm run admin` with `stdin` piped in, against the stack's stores. */
function admin(
  stack: Stack,
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ADMIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...stack.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('production bootstrap: the first operator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'kitchen', 'wholesale'], {
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
    });
  }, 90_000);
  afterAll(() => stack.close());

  it('starts with no account at all; create-operator makes one that signs in, and refuses the same name again', async () => {
    const login = { username: 'ops-admin', password: 'first-operator-pw' };
    await stack.http('operations').post('/auth/login').send(login).expect(401);
    await stack
      .http('operations')
      .post('/auth/login')
      .send({ username: 'operator1', password: 'demo-password' })
      .expect(401);

    const first = await admin(
      stack,
      ['create-operator', 'ops-admin', '--display-name', '运营 管理员'],
      'first-operator-pw\n',
    );
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('operator ops-admin created') });

    const res = await stack.http('operations').post('/auth/login').send(login).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', roles: ['operator'] });
    const me = await stack
      .http('operations')
      .get('/me')
      .set('authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toEqual({ username: 'ops-admin', displayName: '运营 管理员', roles: ['operator'], parties: [] });

    const again = await admin(stack, ['create-operator', 'ops-admin'], 'another-password\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    // The first password still holds: the second run changed nothing.
    await stack.http('operations').post('/auth/login').send(login).expect(200);
    await stack
      .http('operations')
      .post('/auth/login')
      .send({ username: 'ops-admin', password: 'another-password' })
      .expect(401);
    const events = (await stack.events.readStream('user-ops-admin')).map((e) => e.type);
    expect(events).toEqual(['UserRegistered']);
  }, 180_000);

  it('the first operator registers a kitchen with its purchaser and a wholesale buyer; each signs in and works', async () => {
    const login = async (app: 'operations' | 'kitchen' | 'wholesale', username: string, password: string) =>
      `Bearer ${(await stack.http(app).post('/auth/login').send({ username, password }).expect(200)).body.accessToken as string}`;
    const ops = await login('operations', 'ops-admin', 'first-operator-pw');

    await stack
      .http('operations')
      .post('/kitchens')
      .set('authorization', ops)
      .send({
        code: 'KITCHEN-PROD-01',
        name: '聊城二中食堂',
        kind: 'school',
        address: '聊城市东昌府区柳园路 9 号',
        contact: { name: '李老师', phone: '13906350001' },
      })
      .expect(201);
    await stack
      .http('operations')
      .post('/users')
      .set('authorization', ops)
      .send({
        username: 'purchaser-li',
        displayName: '采购 李明',
        roles: ['purchaser'],
        party: 'KITCHEN-PROD-01',
        password: 'purchaser-pass-1',
      })
      .expect(201);
    const buyer = await stack
      .http('wholesale')
      .post('/buyers')
      .set('authorization', ops)
      .send({ username: 'buyer-wang', displayName: '王氏果品', password: 'buyer-pass-0001' })
      .expect(201);
    const buyerId = buyer.body.buyerId as string;
    await stack
      .http('wholesale')
      .put(`/buyers/${buyerId}/credit`)
      .set('authorization', ops)
      .send({ creditLimitFen: 1_000_000 })
      .expect(200);

    // The purchaser works for the kitchen by its name; the buyer sees its approved credit and the (empty) market.
    const purchaser = await login('kitchen', 'purchaser-li', 'purchaser-pass-1');
    const me = await stack.http('kitchen').get('/me').set('authorization', purchaser).expect(200);
    expect(me.body.parties).toEqual([
      expect.objectContaining({ kind: 'kitchen', id: 'KITCHEN-PROD-01', name: '聊城二中食堂' }),
    ]);
    expect(
      (await stack.http('kitchen').get('/contracts').set('authorization', purchaser).expect(200)).body.items,
    ).toEqual([]);
    const wang = await login('wholesale', 'buyer-wang', 'buyer-pass-0001');
    const mine = await stack.http('wholesale').get('/buyers/me').set('authorization', wang).expect(200);
    expect(mine.body).toMatchObject({
      buyerId,
      name: '王氏果品',
      approved: true,
      creditLimitFen: 1_000_000,
      availableFen: 1_000_000,
    });
    expect((await stack.http('wholesale').get('/lots').set('authorization', wang).expect(200)).body.items).toEqual([]);

    // Nobody's personal data is in the log in clear: not the contact person, not the purchaser's or the buyer's name.
    const log = JSON.stringify((await stack.events.readAll()).map((e) => e.data));
    expect(log).toContain('聊城二中食堂');
    for (const personal of ['李老师', '13906350001', '采购 李明', '王氏果品', '运营 管理员'])
      expect(log).not.toContain(personal);
  }, 180_000);

  it('refuses a short password, a bad username and a missing command without writing', async () => {
    expect((await admin(stack, ['create-operator', 'ops-two'], 'short\n')).code).toBe(2);
    expect((await admin(stack, ['create-operator', 'Bad Name'], 'long-enough-pw\n')).code).toBe(2);
    expect((await admin(stack, [], '')).stderr).toContain('Usage: npm run admin -- create-operator');
    expect(await stack.events.readStream('user-ops-two')).toEqual([]);
  }, 180_000);
});

describe('consumer sign-up, login by mobile, password change', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(['worker', 'storefront', 'operations']);
  }, 60_000);
  afterAll(() => stack.close());

  const signUp = (body: object) => stack.http('storefront').post('/auth/signup').send(body);

  it('signs a consumer up and in; the mobile number and the username both log in', async () => {
    const res = await signUp({ mobile: '13800138000', password: 'my-secret-1', displayName: '王芳' }).expect(201);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
      roles: ['consumer'],
      refreshToken: expect.any(String),
      refreshExpiresIn: 14 * 3600,
    });
    const me = await stack
      .http('storefront')
      .get('/me')
      .set('authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ displayName: '王芳', roles: ['consumer'], parties: [] });
    const byMobile = await stack
      .http('storefront')
      .post('/auth/login')
      .send({ username: '13800138000', password: 'my-secret-1' })
      .expect(200);
    expect(byMobile.body.roles).toEqual(['consumer']);
    await stack
      .http('operations')
      .post('/auth/login')
      .send({ username: me.body.username, password: 'my-secret-1' })
      .expect(200);
    await stack
      .http('storefront')
      .post('/auth/login')
      .send({ username: '13800138000', password: 'wrong-secret' })
      .expect(401);
    // Without a display name the account is still named.
    const anon = await signUp({ mobile: '13900139001', password: 'my-secret-2' }).expect(201);
    const anonMe = await stack
      .http('storefront')
      .get('/me')
      .set('authorization', `Bearer ${anon.body.accessToken}`)
      .expect(200);
    expect(anonMe.body.displayName).toBe('用户9001');
  });

  it('one account per mobile number, also when many sign up for it at once', async () => {
    const mobile = '13700137000';
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signUp({ mobile, password: `password-${i}` })),
    );
    const created = answers.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of answers.filter((a) => a.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ code: 'MOBILE_TAKEN', status: 409 });
    }
    const winner = answers.indexOf(created[0]);
    await stack
      .http('storefront')
      .post('/auth/login')
      .send({ username: mobile, password: `password-${winner}` })
      .expect(200);
    // The number is sealed in the account's event: its claim (keyed by a hash of it) names the one account.
    const claims = (await stack.events.readAll()).filter(
      (e) => e.type === 'MobileClaimed' && (e.data as { key: string }).key === mobileKey(mobile),
    );
    expect(claims).toHaveLength(1);
    const registered = await stack.events.readStream(`user-${(claims[0].data as { username: string }).username}`);
    expect(registered.map((e) => e.type)).toEqual(['UserRegistered']);
    await signUp({ mobile, password: 'password-later' }).expect(409);
  });

  it('refuses bad sign-ups naming the field, writing nothing', async () => {
    const head = await stack.events.headPosition();
    const bad = await signUp({ mobile: '2380013800', password: 'short', displayName: ' ' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'displayName',
      'mobile',
      'password',
    ]);
    await signUp({ mobile: '13800138001', password: 'long-enough', role: 'operator' }).expect(400);
    expect(await stack.events.headPosition()).toBe(head);
  });

  it('PUT /me/password needs the current password; afterwards only the new one logs in', async () => {
    const { body } = await signUp({ mobile: '13600136000', password: 'old-password' }).expect(201);
    const auth = `Bearer ${body.accessToken}`;
    const wrong = await stack
      .http('storefront')
      .put('/me/password')
      .set('authorization', auth)
      .send({ currentPassword: 'nope', newPassword: 'new-password' })
      .expect(422);
    expect(wrong.body).toMatchObject({ code: 'WRONG_PASSWORD', errors: [{ field: 'currentPassword' }] });
    await stack
      .http('storefront')
      .put('/me/password')
      .set('authorization', auth)
      .send({ currentPassword: 'old-password', newPassword: 'short' })
      .expect(400);
    await stack
      .http('storefront')
      .put('/me/password')
      .set('authorization', auth)
      .send({ currentPassword: 'old-password', newPassword: 'new-password' })
      .expect(204);
    await stack
      .http('storefront')
      .post('/auth/login')
      .send({ username: '13600136000', password: 'old-password' })
      .expect(401);
    await stack
      .http('storefront')
      .post('/auth/login')
      .send({ username: '13600136000', password: 'new-password' })
      .expect(200);
    await stack
      .http('storefront')
      .put('/me/password')
      .send({ currentPassword: 'new-password', newPassword: 'newer-password' })
      .expect(401);
  });

  it('demo users still sign in by username', async () => {
    await stack.login('storefront', 'consumer1');
    await stack.login('operations', 'operator1');
  });
});

describe('login throttling (through the injected clock)', () => {
  let stack: Stack;
  let now = Date.parse('2026-12-01T08:00:00Z');
  const clock = { now: () => new Date(now) };
  beforeAll(async () => {
    stack = await startStack(['worker', 'storefront'], {}, [{ provide: CLOCK_OVERRIDE, useValue: clock }]);
  }, 60_000);
  afterAll(() => stack.close());

  const login = (username: string, password: string) =>
    stack.http('storefront').post('/auth/login').send({ username, password });
  const without = (body: Record<string, unknown>) => ({ ...body, correlationId: undefined });

  it('refuses a name after repeated failures with 429 and Retry-After, alike for existing and unknown names, then lets it in again', async () => {
    const wrongs = [];
    const unknowns = [];
    for (let i = 0; i < 5; i += 1) {
      wrongs.push(await login('consumer2', 'wrong-password').expect(401));
      unknowns.push(await login('nobody-here', 'wrong-password').expect(401));
    }
    expect(without(wrongs[0].body)).toEqual(without(unknowns[0].body));
    const [blocked, blockedUnknown] = [
      await login('consumer2', 'demo-password').expect(429),
      await login('nobody-here', 'x').expect(429),
    ];
    for (const res of [blocked, blockedUnknown]) {
      expect(res.headers['retry-after']).toBe('30');
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('TOO_MANY_ATTEMPTS');
    }
    expect(without(blocked.body)).toEqual(without(blockedUnknown.body));
    now += 29_000;
    expect((await login('consumer2', 'demo-password').expect(429)).headers['retry-after']).toBe('1');
    now += 1_000;
    await login('consumer2', 'demo-password').expect(200);
    // Another name from the same client is not blocked by consumer2's failures.
    await login('consumer3', 'demo-password').expect(200);
  }, 120_000);

  it('counts wrong current passwords of PUT /me/password with the failed logins', async () => {
    const token = (await login('consumer1', 'demo-password').expect(200)).body.accessToken as string;
    const change = (currentPassword: string) =>
      stack
        .http('storefront')
        .put('/me/password')
        .set('authorization', `Bearer ${token}`)
        .send({ currentPassword, newPassword: 'new-password-1' });
    for (let i = 0; i < 5; i += 1) await change('guess-' + i).expect(422);
    const res = await change('demo-password').expect(429);
    expect(res.headers['retry-after']).toBe('30');
    now += 30_000;
    await change('demo-password').expect(204);
  }, 120_000);
});

describe('operators manage users; a disabled user’s tokens stop working at once, also in another process', () => {
  let stack: Stack;
  let child: ChildProcess | undefined;
  let op: string;
  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'storefront']);
    op = `Bearer ${await stack.login('operations', 'operator1')}`;
  }, 60_000);
  afterAll(async () => {
    if (child) {
      child.kill('SIGTERM');
      await exited(child);
    }
    await stack.close();
  });

  const ops = () => stack.http('operations');

  it('creates users with roles and parties, refusing bad combinations and unknown pickup points without writing', async () => {
    const created = await ops()
      .post('/users')
      .set('authorization', op)
      .send({
        username: 'leader2',
        displayName: '团长 王磊',
        password: 'leader-pass-1',
        roles: ['leader'],
        party: 'PP-DCF-01',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      username: 'leader2',
      displayName: '团长 王磊',
      roles: ['leader'],
      party: 'PP-DCF-01',
      disabled: false,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    const token = (
      await stack
        .http('storefront')
        .post('/auth/login')
        .send({ username: 'leader2', password: 'leader-pass-1' })
        .expect(200)
    ).body.accessToken;
    const me = await stack.http('storefront').get('/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(me.body.parties).toEqual([
      expect.objectContaining({ kind: 'pickupPoint', id: 'PP-DCF-01', name: '道口铺社区自提点' }),
    ]);

    const head = await stack.events.headPosition();
    const refused = [
      [
        { username: 'leader3', displayName: '团长', password: 'leader-pass-1', roles: ['leader'], party: 'PP-NOPE-99' },
        422,
        'UNKNOWN_PARTY',
      ],
      [
        { username: 'leader3', displayName: '团长', password: 'leader-pass-1', roles: ['leader'] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        {
          username: 'consumer9',
          displayName: '顾客',
          password: 'consumer-pass',
          roles: ['consumer'],
          party: 'PP-DCF-01',
        },
        400,
        'VALIDATION_FAILED',
      ],
      [
        {
          username: 'mixed1',
          displayName: '混合',
          password: 'mixed-pass-1',
          roles: ['leader', 'buyer'],
          party: 'PP-DCF-01',
        },
        400,
        'VALIDATION_FAILED',
      ],
      [
        { username: '13800138000', displayName: '手机', password: 'mobile-pass', roles: ['operator'] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        { username: 'admin9', displayName: '管理', password: 'admin-pass-1', roles: ['admin'] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        { username: 'leader2', displayName: '重名', password: 'leader-pass-1', roles: ['operator'] },
        409,
        'ALREADY_EXISTS',
      ],
    ] as const;
    for (const [body, status, code] of refused) {
      const res = await ops().post('/users').set('authorization', op).send(body);
      expect([res.status, res.body.code, body.username]).toEqual([status, code, body.username]);
    }
    expect(await stack.events.headPosition()).toBe(head);
    // Only operators manage users.
    await ops()
      .post('/users')
      .set('authorization', `Bearer ${await stack.login('operations', 'consumer1')}`)
      .send({})
      .expect(403);
    await ops().get('/users/nobody-here').set('authorization', op).expect(404);
  });

  it('disabling refuses the user’s token at once in this process and in a separate storefront process, and their login', async () => {
    await ops()
      .post('/users')
      .set('authorization', op)
      .send({ username: 'shopper7', displayName: '顾客 七', password: 'shopper-pass', roles: ['consumer'] })
      .expect(201);
    const token = (
      await stack
        .http('storefront')
        .post('/auth/login')
        .send({ username: 'shopper7', password: 'shopper-pass' })
        .expect(200)
    ).body.accessToken as string;
    const port = await freePort();
    const started = spawnApp('storefront', {
      ...stack.env,
      SEED_DEMO: 'false',
      PORT_STOREFRONT: String(port),
      HOST: '127.0.0.1',
    });
    child = started;
    const other = `http://127.0.0.1:${port}`;
    const meThere = (t: string) =>
      fetch(`${other}/me`, { headers: { authorization: `Bearer ${t}` } }).then((r) => r.status);
    await eventually(
      async () => ((await meThere(token)) === 200 ? true : undefined),
      90_000,
      () => `the other storefront to serve /me\n${recentOutput(started)}`,
    );
    await stack.http('storefront').get('/me').set('authorization', `Bearer ${token}`).expect(200);

    await ops().post('/users/shopper7/disable').set('authorization', op).send({ reason: '账号被盗' }).expect(200);
    // This process: at once.
    await stack.http('storefront').get('/me').set('authorization', `Bearer ${token}`).expect(401);
    // The other process: as soon as it reads the event (one store poll).
    const startedAt = Date.now();
    await eventually(
      async () => ((await meThere(token)) === 401 ? true : undefined),
      5_000,
      'the other process to refuse the token',
    );
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    await stack
      .http('storefront')
      .post('/auth/login')
      .send({ username: 'shopper7', password: 'shopper-pass' })
      .expect(401);

    // Enabled again: a new login works, the old token stays refused.
    await ops().post('/users/shopper7/enable').set('authorization', op).expect(200);
    const fresh = (
      await stack
        .http('storefront')
        .post('/auth/login')
        .send({ username: 'shopper7', password: 'shopper-pass' })
        .expect(200)
    ).body.accessToken as string;
    await eventually(
      async () => ((await meThere(fresh)) === 200 ? true : undefined),
      5_000,
      'the other process to accept the new token',
    );
    expect(await meThere(token)).toBe(401);
  }, 180_000);

  it('new roles and a password reset end the old sessions', async () => {
    await ops()
      .post('/users')
      .set('authorization', op)
      .send({ username: 'worker8', displayName: '员工 八', password: 'worker-pass-1', roles: ['consumer'] })
      .expect(201);
    const login = (password: string) =>
      stack.http('operations').post('/auth/login').send({ username: 'worker8', password });
    const first = (await login('worker-pass-1').expect(200)).body.accessToken as string;
    const roles = await ops()
      .put('/users/worker8/roles')
      .set('authorization', op)
      .send({ roles: ['operator'] })
      .expect(200);
    expect(roles.body).toMatchObject({ roles: ['operator'], disabled: false });
    await ops().get('/me').set('authorization', `Bearer ${first}`).expect(401);
    const second = await login('worker-pass-1').expect(200);
    expect(second.body.roles).toEqual(['operator']);
    await ops().put('/users/worker8/password').set('authorization', op).send({ newPassword: 'short' }).expect(400);
    await ops()
      .put('/users/worker8/password')
      .set('authorization', op)
      .send({ newPassword: 'reset-pass-22' })
      .expect(204);
    await ops().get('/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(401);
    await login('worker-pass-1').expect(401);
    await login('reset-pass-22').expect(200);
  }, 120_000);
});

describe('sessions that last a shift: refresh tokens, sign-out', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'kitchen']);
  }, 60_000);
  afterAll(() => stack.close());

  const signIn = (app: 'operations' | 'kitchen', username: string) =>
    stack
      .http(app)
      .post('/auth/login')
      .send({ username, password: 'demo-password' })
      .expect(200)
      .then((r) => r.body as { accessToken: string; refreshToken: string; refreshExpiresIn: number });
  const refresh = (refreshToken: string) => stack.http('kitchen').post('/auth/refresh').send({ refreshToken });

  it('a refresh token gets new tokens without the password; it is no access token, and an access token is no refresh token', async () => {
    const first = await signIn('kitchen', 'kitchen1');
    expect(first.refreshExpiresIn).toBe(14 * 3600);
    const next = (await refresh(first.refreshToken).expect(200)).body;
    expect(next).toMatchObject({ tokenType: 'Bearer', roles: ['purchaser'], refreshToken: expect.any(String) });
    await stack.http('kitchen').get('/me').set('authorization', `Bearer ${next.accessToken}`).expect(200);
    await stack.http('kitchen').get('/me').set('authorization', `Bearer ${first.refreshToken}`).expect(401);
    await refresh(first.accessToken).expect(401);
    await refresh('not-a-token').expect(401);
  });

  it('signing out ends the session: its access and refresh tokens are refused', async () => {
    const session = await signIn('kitchen', 'kitchen1');
    await stack.http('kitchen').post('/auth/logout').set('authorization', `Bearer ${session.accessToken}`).expect(204);
    await stack.http('kitchen').get('/me').set('authorization', `Bearer ${session.accessToken}`).expect(401);
    await refresh(session.refreshToken).expect(401);
    const again = await signIn('kitchen', 'kitchen1');
    await stack.http('kitchen').get('/me').set('authorization', `Bearer ${again.accessToken}`).expect(200);
    await refresh(again.refreshToken).expect(200);
  });

  it('disabling the user ends their session: refresh refused', async () => {
    const op = `Bearer ${(await signIn('operations', 'operator1')).accessToken}`;
    const session = await signIn('kitchen', 'kitchen1');
    await stack.http('operations').post('/users/kitchen1/disable').set('authorization', op).send({}).expect(200);
    await refresh(session.refreshToken).expect(401);
    await stack.http('operations').post('/users/kitchen1/enable').set('authorization', op).expect(200);
    await refresh(session.refreshToken).expect(401);
  });
});
