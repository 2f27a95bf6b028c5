import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serveWebUi, webRootOf } from './serve-web-ui';

describe('serving a built UI beside the API', () => {
  let root: string;
  let app: FastifyInstance;
  const html = { accept: 'text/html,application/xhtml+xml' };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'gx-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!DOCTYPE html><title>ui</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    writeFileSync(join(tmpdir(), 'gx-secret.txt'), 'secret');
    app = Fastify();
    app.get('/stock', async () => ({ items: [] }));
    serveWebUi(app, root);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'gx-secret.txt'), { force: true });
  });

  it('answers a browser at / and at any deep link with index.html, never cached', async () => {
    for (const url of ['/', '/inventory?warehouse=LC-HUB-DCF', '/read-models']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<title>ui</title>');
    }
  });

  it('leaves API routes and API clients alone', async () => {
    expect((await app.inject({ url: '/stock', headers: html })).json()).toEqual({ items: [] });
    const unknown = await app.inject({ url: '/nothing', headers: { accept: 'application/json' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).not.toContain('text/html');
    expect((await app.inject({ method: 'POST', url: '/inventory', headers: html })).statusCode).toBe(404);
  });

  it('serves hashed assets as immutable and refuses paths outside the assets folder', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ url: '/assets/..%2f..%2fgx-secret.txt' })).statusCode).toBe(404);
    const missing = await app.inject({ url: '/assets/missing.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await app.inject({ url: '/favicon.svg' })).body).toBe('<svg/>');
  });

  it('finds the build under dist/web from the sources and from the compiled code', () => {
    const project = mkdtempSync(join(tmpdir(), 'gx-project-'));
    mkdirSync(join(project, 'dist/web/operations'), { recursive: true });
    writeFileSync(join(project, 'dist/web/operations/index.html'), '');
    expect(webRootOf('operations', join(project, 'libs/platform/src/web'))).toBe(join(project, 'dist/web/operations'));
    expect(webRootOf('operations', join(project, 'dist/libs/platform/src/web'))).toBe(
      join(project, 'dist/web/operations'),
    );
    expect(webRootOf('storefront', join(project, 'libs/platform/src/web'))).toBeUndefined();
    rmSync(project, { recursive: true, force: true });
  });
});
