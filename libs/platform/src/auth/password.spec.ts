import { hashPassword, verifyPassword, type ScryptParams } from './password';

// Cheap parameters keep the suite fast; the defaults are exercised once below.
const FAST: ScryptParams = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('accepts the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('demo-password', FAST);
    await expect(verifyPassword('demo-password', hash)).resolves.toBe(true);
    await expect(verifyPassword('demo-passwore', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords hash differently', async () => {
    const [a, b] = await Promise.all([hashPassword('same', FAST), hashPassword('same', FAST)]);
    expect(a).not.toBe(b);
    await expect(verifyPassword('same', a)).resolves.toBe(true);
    await expect(verifyPassword('same', b)).resolves.toBe(true);
  });

  it('encodes its parameters so hashes made with other costs still verify', async () => {
    const strong = await hashPassword('pw');
    expect(strong).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(verifyPassword('pw', strong)).resolves.toBe(true);
    const fast = await hashPassword('pw', FAST);
    expect(fast.startsWith('scrypt$1024$8$1$')).toBe(true);
  });

  it('treats malformed or hostile hashes as a mismatch instead of throwing', async () => {
    const hash = await hashPassword('pw', FAST);
    const parts = hash.split('$');
    for (const bad of [
      '',
      'plain-text-password',
      `bcrypt$${parts.slice(1).join('$')}`,
      ['scrypt', '1000', '8', '1', parts[4], parts[5]].join('$'), // N not a power of two
      ['scrypt', String(2 ** 30), '8', '1', parts[4], parts[5]].join('$'), // absurd memory cost
      ['scrypt', '1024', '8', '1', '', parts[5]].join('$'),
      ['scrypt', '1024', '8', '1', parts[4], 'AAAA'].join('$'),
    ]) {
      await expect(verifyPassword('pw', bad)).resolves.toBe(false);
    }
  });
});
