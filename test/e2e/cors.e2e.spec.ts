import { startStack, type Stack } from './support/stack';

const ALLOWED = 'https://ops.example.cn';

describe('CORS is off unless origins are configured', () => {
  let open: Stack;
  let closed: Stack;
  beforeAll(async () => {
    open = await startStack(['operations'], { CORS_ORIGINS: ALLOWED });
    closed = await startStack(['operations']);
  });
  afterAll(async () => {
    await open.close();
    await closed.close();
  });

  it('answers a configured origin’s preflight and reads, with the headers a browser client needs', async () => {
    const preflight = await open
      .http('operations')
      .options('/receipts')
      .set('origin', ALLOWED)
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization, content-type, idempotency-key')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(preflight.headers['access-control-allow-headers']).toContain('idempotency-key');
    const read = await open.http('operations').get('/health').set('origin', ALLOWED).expect(200);
    expect(read.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(read.headers['access-control-expose-headers']).toContain('retry-after');
  });

  it('gives another origin, or any origin by default, no CORS header', async () => {
    const other = await open.http('operations').get('/health').set('origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const byDefault = await closed.http('operations').get('/health').set('origin', ALLOWED).expect(200);
    expect(byDefault.headers['access-control-allow-origin']).toBeUndefined();
  });
});
