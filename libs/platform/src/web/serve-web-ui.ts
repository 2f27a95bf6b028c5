import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppName } from '../config/config';
import { ProblemException } from '../errors/problem';
import { sendProblem } from '../errors/problem.filter';

// A Map: the extension comes from the request path, and client strings are never keys of plain objects.
const TYPES: ReadonlyMap<string, string> = new Map([
  ['.js', 'application/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.html', 'text/html; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.woff2', 'font/woff2'],
  ['.woff', 'font/woff'],
  ['.ttf', 'font/ttf'],
  ['.json', 'application/json; charset=utf-8'],
  ['.ico', 'image/x-icon'],
]);
const typeOf = (file: string): string => TYPES.get(path.extname(file)) ?? 'application/octet-stream';

/** Answered for an asset that is not part of the build, like any other unknown path. */
const ASSET_NOT_FOUND = new ProblemException(404, 'NOT_FOUND', 'No route matches this method and path.');

/**
 * Where `npm run build` puts the UI of `app`. From the compiled code (dist/libs/platform/src/web) and
 * from the sources run by Jest (libs/platform/src/web) alike, the project root is four levels up.
 */
export function webRootOf(app: AppName, baseDir: string = __dirname): string | undefined {
  const up = path.resolve(baseDir, '../../../..');
  const candidates = [path.join(up, 'web', app), path.join(up, 'dist', 'web', app)];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
}

/** Does the client navigate (a browser asking for a page) rather than call the API? */
function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

/**
 * Serve the built single-page UI of an app from `root` (a Vite build output):
 * - `/assets/*` — content-hashed files, cached for a year as immutable;
 * - any other GET that a browser navigates to and that no API route answers (`/`, a deep link such as
 *   `/inventory?warehouse=…`) — `index.html`, never cached, so a reload of a deep link shows the UI and a
 *   new release is picked up at once. API calls (no text/html in Accept) still get their problem+json 404.
 */
export function serveWebUi(fastify: FastifyInstance, root: string): void {
  const assets = path.join(root, 'assets');
  const indexHtml = fs.readFileSync(path.join(root, 'index.html'));
  const sendIndex = (reply: FastifyReply): FastifyReply =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);

  fastify.get('/assets/*', async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    const file = path.resolve(assets, name);
    // A resolved path outside the assets folder (`..`, absolute names) is never read.
    if (!file.startsWith(assets + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return sendProblem(request, reply, ASSET_NOT_FOUND);
    }
    const type = typeOf(file);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(type)
      .send(fs.createReadStream(file));
  });
  // Files Vite copies from public/ (favicon) live beside index.html and are not hashed.
  for (const name of fs.readdirSync(root)) {
    const file = path.join(root, name);
    if (name === 'index.html' || !fs.statSync(file).isFile()) continue;
    const type = typeOf(name);
    fastify.get(`/${name}`, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type(type).send(fs.readFileSync(file)),
    );
  }
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.is404 && wantsPage(request)) return sendIndex(reply);
  });
}

/** Serve the UI of `app` when its build exists (`npm run build`); the worker has none. */
export function serveWebUiIfBuilt(fastify: FastifyInstance, app: AppName): boolean {
  if (app === 'worker') return false;
  const root = webRootOf(app);
  if (!root) return false;
  serveWebUi(fastify, root);
  return true;
}
