import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The swagger-ui-dist files the page loads; nothing else in that folder is served. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The Swagger UI page; `base` is the relative URL of the assets, `specUrl` that of the document. */
function page(title: string, base: string, specUrl: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="${base}swagger-ui.css">
  <link rel="icon" type="image/png" href="${base}favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${base}swagger-ui-bundle.js"></script>
  <script src="${base}swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: ${JSON.stringify(specUrl)},
      dom_id: '#swagger-ui',
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: 'StandaloneLayout',
      persistAuthorization: true,
    });
  </script>
</body>
</html>`;
}

/**
 * Serve Swagger UI at `/docs` straight from swagger-ui-dist, reading the document from `/docs-json`.
 * `SwaggerModule.setup` would serve these files through @fastify/static, whose current release
 * requires an ESM-only dependency (content-disposition 3) that Jest's CommonJS loader cannot load on
 * Node 20: every test booting an app would exit. Routes are relative so a path prefix in front works.
 */
export function serveSwaggerUi(nest: NestFastifyApplication, title: string): void {
  const fastify = nest.getHttpAdapter().getInstance();
  // swagger-ui-dist is a dependency of @nestjs/swagger; resolve it from there.
  const swaggerDir = path.dirname(require.resolve('@nestjs/swagger'));
  const assetsDir = path.dirname(require.resolve('swagger-ui-dist/package.json', { paths: [swaggerDir] }));
  const atDocs = page(title, './docs/', './docs-json');
  const insideDocs = page(title, './', '../docs-json');

  fastify.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(atDocs));
  fastify.get('/docs/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(insideDocs));
  fastify.get('/docs/index.html', async (_req, reply) => reply.type('text/html; charset=utf-8').send(insideDocs));
  for (const [file, contentType] of Object.entries(ASSETS)) {
    fastify.get(`/docs/${file}`, async (_req, reply) =>
      reply
        .type(contentType)
        .header('cache-control', 'public, max-age=86400')
        .send(fs.createReadStream(path.join(assetsDir, file))),
    );
  }
}
