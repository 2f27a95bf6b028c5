import { startStack, type Stack } from './support/stack';

describe('GET /me: who the signed-in user is and whom they act for', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(['worker', 'operations', 'storefront', 'wholesale', 'kitchen']);
  }, 60_000);
  afterAll(() => stack.close());

  const me = async (app: 'operations' | 'storefront' | 'wholesale' | 'kitchen', username: string) => {
    const token = await stack.login(app, username);
    const res = await stack.http(app).get('/me').set('authorization', `Bearer ${token}`).expect(200);
    return res.body as {
      username: string;
      displayName: string;
      roles: string[];
      parties: Array<Record<string, string>>;
    };
  };

  it('an operator: name and role, acting for no party', async () => {
    expect(await me('operations', 'operator1')).toEqual({
      username: 'operator1',
      displayName: '运营 王敏',
      roles: ['operator'],
      parties: [],
    });
  });

  it('a group leader: the pickup point with its name, hours, warehouse, address and coordinates', async () => {
    const body = await me('storefront', 'leader1');
    expect(body.roles).toEqual(['leader']);
    expect(body.parties).toEqual([
      {
        kind: 'pickupPoint',
        id: 'PP-DCF-01',
        name: '道口铺社区自提点',
        hours: '08:00-20:00',
        warehouse: 'LC-VP-DCF-01',
        address: '山东省聊城市东昌府区道口铺街道幸福路18号供销社便民店',
        lat: 36.5012,
        lng: 115.9287,
      },
    ]);
  });

  it('a consumer acts for themselves only', async () => {
    expect(await me('storefront', 'consumer1')).toMatchObject({
      username: 'consumer1',
      displayName: '刘芳',
      roles: ['consumer'],
      parties: [],
    });
  });

  it('a wholesale buyer: the buyer id and name', async () => {
    expect((await me('wholesale', 'buyer1')).parties).toEqual([
      { kind: 'buyer', id: 'BUYER-LC-001', name: '聊城鲜果批发行' },
    ]);
  });

  it('a kitchen purchaser: the kitchen with its name, kind and address', async () => {
    const body = await me('kitchen', 'kitchen1');
    expect(body.roles).toEqual(['purchaser']);
    expect(body.parties).toEqual([
      {
        kind: 'kitchen',
        id: 'KITCHEN-LC-01',
        name: '聊城一中食堂',
        kitchenKind: 'school',
        address: '山东省聊城市东昌府区兴华西路29号聊城第一中学',
      },
    ]);
  });

  it('refuses a caller without a token', async () => {
    await stack.http('operations').get('/me').expect(401);
  });
});
