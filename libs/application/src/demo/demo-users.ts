import type { Role } from '@gx/domain';

/** Password of every demo account (shared/docs/api.md); seeded only when SEED_DEMO is on. */
export const DEMO_PASSWORD = 'demo-password';

/** The demo accounts of shared/docs/api.md, with the party each acts for. */
export const DEMO_USERS: Array<{ username: string; displayName: string; roles: Role[]; party?: string }> = [
  { username: 'operator1', displayName: '运营 王敏', roles: ['operator'] },
  { username: 'operator2', displayName: '运营 李强', roles: ['operator'] },
  { username: 'leader1', displayName: '团长 张秀英', roles: ['leader'], party: 'PP-DCF-01' },
  { username: 'consumer1', displayName: '刘芳', roles: ['consumer'] },
  { username: 'consumer2', displayName: '陈静', roles: ['consumer'] },
  { username: 'consumer3', displayName: '杨洋', roles: ['consumer'] },
  { username: 'buyer1', displayName: '聊城鲜果批发行', roles: ['buyer'], party: 'BUYER-LC-001' },
  { username: 'buyer2', displayName: '东昌蔬菜配送', roles: ['buyer'], party: 'BUYER-LC-002' },
  { username: 'kitchen1', displayName: '聊城一中食堂 采购', roles: ['purchaser'], party: 'KITCHEN-LC-01' },
];
