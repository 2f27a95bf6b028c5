import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAV, PAGES } from './routes';

// A browser reloading a deep link asks the server for the page's path: the server answers the UI only when
// no API route has that path, so a page must never sit at an API path.
describe('routes of the kitchen portal', () => {
  const generated = readFileSync(join(__dirname, '../../../../libs/web/src/api/kitchen.ts'), 'utf8');
  const apiPaths = [...generated.matchAll(/^ {4}"(\/[^"]*)": \{$/gm)].map((m) => m[1]);

  it('reads the API paths of the app', () => {
    expect(apiPaths).toEqual(
      expect.arrayContaining(['/contracts', '/deliveries', '/statements/{month}', '/spending', '/me', '/auth/login']),
    );
  });

  it('puts no page at an API path', () => {
    const pages = PAGES.map((p) => `/${p.path}`).filter((p) => p !== '/');
    expect(pages.filter((p) => apiPaths.includes(p))).toEqual([]);
    expect(pages.length).toBeGreaterThan(0);
  });

  it('links every navigation entry to a page (the root only sends each role to its first page)', () => {
    expect(NAV.map((n) => n.path)).toEqual(PAGES.map((p) => `/${p.path}`).filter((p) => p !== '/'));
  });
});
