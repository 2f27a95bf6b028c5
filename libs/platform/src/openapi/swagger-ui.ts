import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject, SwaggerCustomOptions } from '@nestjs/swagger';
import { buildSwaggerHTML, buildSwaggerInitJS, getSwaggerAssetsAbsoluteFSPath } from '@nestjs/swagger/dist/swagger-ui';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The swagger-ui-dist files the page loads; nothing else in that folder is served. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};

/**
 * Serve Swagger UI at `prefix` straight from swagger-ui-dist. `SwaggerModule.setup` would serve the
 * same files through @fastify/static, whose current release requires an ESM-only dependency
 * (content-disposition 3) that Jest's CommonJS loader cannot load on Node 20, so every test that
 * boots an app would exit. The page and its init script are still built by @nestjs/swagger.
 */
export function serveSwaggerUi(
  nest: INestApplication,
  prefix: string,
  document: () => OpenAPIObject,
  options: SwaggerCustomOptions,
): void {
  const fastify = (nest as NestFastifyApplication).getHttpAdapter().getInstance();
  const assetsDir = getSwaggerAssetsAbsoluteFSPath();
  const html = (baseUrl: string) => buildSwaggerHTML(baseUrl, options);
  let initJs: string | undefined;

  const page = (baseUrl: string) => async (_req: unknown, reply: { type(t: string): { send(b: string): unknown } }) =>
    reply.type('text/html; charset=utf-8').send(html(baseUrl));
  // Relative asset URLs: from `/docs` they resolve against `./docs/`, from `/docs/` against `./`.
  fastify.get(prefix, page(`.${prefix}/`));
  fastify.get(`${prefix}/`, page('./'));
  fastify.get(`${prefix}/index.html`, page('./'));
  fastify.get(`${prefix}/swagger-ui-init.js`, async (_req, reply) => {
    initJs ??= buildSwaggerInitJS(document(), options);
    return reply.type('application/javascript; charset=utf-8').send(initJs);
  });
  for (const [file, contentType] of Object.entries(ASSETS)) {
    fastify.get(`${prefix}/${file}`, async (_req, reply) =>
      reply
        .type(contentType)
        .header('cache-control', 'public, max-age=86400')
        .send(fs.createReadStream(path.join(assetsDir, file))),
    );
  }
}
