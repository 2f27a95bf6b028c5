import { sign } from 'jsonwebtoken';
import type { AppConfig } from '../config/config';
import { TokenService } from './token.service';

const SECRET = 'unit-test-secret-unit-test-secret-0123';
const config = { jwt: { secret: SECRET, ttlSeconds: 60, secretSource: 'env' } } as AppConfig;
const tokens = new TokenService(config);

describe('TokenService', () => {
  it('round-trips the user, roles and party', () => {
    const { accessToken, expiresIn } = tokens.issue({ username: 'leader1', roles: ['leader'], party: 'PP-DCF-01' });
    expect(expiresIn).toBe(60);
    expect(tokens.verify(accessToken)).toEqual({ username: 'leader1', roles: ['leader'], party: 'PP-DCF-01' });
  });

  it('rejects tokens signed with another secret, expired, or with another algorithm', () => {
    const claims = { roles: ['operator'] };
    const opts = { subject: 'operator1', issuer: 'gongxiao-market' };
    expect(tokens.verify(sign(claims, 'another-secret-another-secret-01234', opts))).toBeNull();
    expect(tokens.verify(sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, SECRET, opts))).toBeNull();
    expect(tokens.verify(sign(claims, SECRET, { ...opts, algorithm: 'HS512' }))).toBeNull();
    expect(tokens.verify(sign(claims, SECRET, { ...opts, algorithm: 'none' }))).toBeNull();
    expect(tokens.verify('not-a-jwt')).toBeNull();
  });

  it('rejects tokens whose claims do not describe a user', () => {
    const opts = { issuer: 'gongxiao-market' };
    expect(tokens.verify(sign({ roles: ['operator'] }, SECRET, opts))).toBeNull(); // no subject
    expect(tokens.verify(sign({ roles: ['admin'] }, SECRET, { ...opts, subject: 'x' }))).toBeNull();
    expect(tokens.verify(sign({ roles: 'operator' }, SECRET, { ...opts, subject: 'x' }))).toBeNull();
    expect(tokens.verify(sign({ roles: ['buyer'], party: 7 }, SECRET, { ...opts, subject: 'x' }))).toBeNull();
    expect(tokens.verify(sign({ roles: ['buyer'] }, SECRET, { subject: 'x', issuer: 'someone-else' }))).toBeNull();
  });

  it('rejects tampered, malformed, not-yet-valid and never-expiring tokens', () => {
    const opts = { subject: 'operator1', issuer: 'gongxiao-market' };
    const good = sign({ roles: ['operator'] }, SECRET, { ...opts, expiresIn: 60 });
    const [header, payload, signature] = good.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['admin', 'operator'] }),
    ).toString('base64url');
    expect(tokens.verify(good)).toEqual({ username: 'operator1', roles: ['operator'] });
    expect(tokens.verify(`${header}.${forgedPayload}.${signature}`)).toBeNull();
    expect(tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}`)).toBeNull();
    expect(tokens.verify(`${header}.${payload}.${signature}.x`)).toBeNull();
    expect(tokens.verify(`${header}.${payload}.${signature}=`)).toBeNull();
    expect(tokens.verify(`${header}..${signature}`)).toBeNull();
    expect(tokens.verify(sign({ roles: ['operator'] }, SECRET, { ...opts, expiresIn: 60, notBefore: 30 }))).toBeNull();
    expect(tokens.verify(sign({ roles: ['operator'] }, SECRET, opts))).toBeNull(); // no exp
    const critical = sign({ roles: ['operator'] }, SECRET, {
      ...opts,
      expiresIn: 60,
      header: { alg: 'HS256', crit: ['b64'] } as never,
    });
    expect(tokens.verify(critical)).toBeNull();
  });

  it('remembers a verified token until it expires, and never a token that failed', () => {
    const fresh = new TokenService(config);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      const token = sign({ roles: ['consumer'] }, SECRET, { subject: 'c1', issuer: 'gongxiao-market', expiresIn: 60 });
      const first = fresh.verify(token);
      expect(first).toEqual({ username: 'c1', roles: ['consumer'] });
      expect(fresh.verify(token)).toBe(first);
      expect(Object.isFrozen(first)).toBe(true);
      clock.mockReturnValue(now + 61_000);
      expect(fresh.verify(token)).toBeNull();
      clock.mockReturnValue(now);
      const forged = `${token.slice(0, -3)}abc`;
      expect(fresh.verify(forged)).toBeNull();
      expect(fresh.verify(forged)).toBeNull();
    } finally {
      clock.mockRestore();
    }
  });

  it('keeps refresh and access tokens apart, and carries the session epoch', () => {
    const access = tokens.issue({
      username: 'kitchen1',
      roles: ['purchaser'],
      party: 'KITCHEN-LC-01',
      epoch: 3,
    }).accessToken;
    const refresh = tokens.issueRefresh('kitchen1', 3).accessToken;
    expect(tokens.verify(access)).toEqual({
      username: 'kitchen1',
      roles: ['purchaser'],
      party: 'KITCHEN-LC-01',
      epoch: 3,
    });
    expect(tokens.verifyRefresh(refresh)).toEqual({ username: 'kitchen1', epoch: 3 });
    expect(tokens.verify(refresh)).toBeNull();
    expect(tokens.verifyRefresh(access)).toBeNull();
  });

  it('refuses a token its revocation says has ended', () => {
    const revoked = new Set(['gone']);
    const guarded = new TokenService(config, { isRevoked: (u) => revoked.has(u.username) });
    expect(guarded.verify(guarded.issue({ username: 'kept', roles: ['consumer'] }).accessToken)).not.toBeNull();
    const token = guarded.issue({ username: 'gone', roles: ['consumer'] }).accessToken;
    expect(guarded.verify(token)).toBeNull();
    revoked.delete('gone');
    expect(guarded.verify(token)).toEqual({ username: 'gone', roles: ['consumer'] });
  });
});
