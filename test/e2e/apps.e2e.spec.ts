import type { AppName } from '@gx/platform';
import { startStack, type Stack } from './support/stack';

const ALL: AppName[] = ['worker', 'storefront', 'wholesale', 'kitchen', 'operations'];

describe('every app boots on the embedded default', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(ALL);
  }, 60_000);
  afterAll(async () => {
    await stack.close();
  });

  it.each(ALL)('%s answers /health with its store and projection details', async (app) => {
    const res = await stack.http(app).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'up', app });
    expect(res.body.checks.eventStore.status).toBe('up');
    expect(res.body.checks.documentStore.status).toBe('up');
    if (app === 'worker') expect(res.body.checks.projections.details).toBeDefined();
  });

  it.each(ALL)('%s serves Prometheus metrics', async (app) => {
    await stack.http(app).get('/health');
    const res = await stack.http(app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('http_requests_total');
    expect(res.text).toContain('process_cpu_seconds_total');
  });

  it.each(ALL.filter((a) => a !== 'worker'))('%s publishes an OpenAPI 3 document and its UI', async (app) => {
    const doc = await stack.http(app).get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const ui = await stack.http(app).get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it.each(['storefront', 'wholesale', 'kitchen', 'operations'] as const)('%s logs in every demo role', async (app) => {
    for (const username of ['operator1', 'leader1', 'consumer1', 'buyer1', 'kitchen1']) {
      await expect(stack.login(app, username)).resolves.toMatch(/^ey/);
    }
    const bad = await stack
      .http(app)
      .post('/auth/login')
      .send({ username: 'operator1', password: 'wrong' })
      .expect(401);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('the worker has no login and no API document (health and metrics only)', async () => {
    await stack
      .http('worker')
      .post('/auth/login')
      .send({ username: 'operator1', password: 'demo-password' })
      .expect(404);
    await stack.http('worker').get('/docs-json').expect(404);
    await stack.http('worker').get('/docs').expect(404);
  });
});
