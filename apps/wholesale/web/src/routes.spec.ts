import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAV, PAGES } from './routes';

// A browser reloading a deep link asks the server for the page's path: the server answers the UI only when
// no API route has that path, so a page must never sit at an API path (nor under one, for pages with a parameter).
describe('routes of the wholesale desk', () => {
  const generated = readFileSync(join(__dirname, '../../../../libs/web/src/api/wholesale.ts'), 'utf8');
  const apiPaths = [...generated.matchAll(/^ {4}"(\/[^"]*)": \{$/gm)].map((m) => m[1] ?? '');
  const pattern = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}|:[a-z]+/gi, '[^/]+')}$`);

  it('reads the API paths of the app', () => {
    expect(apiPaths).toEqual(expect.arrayContaining(['/lots', '/lots/{id}', '/market-prices', '/me', '/auth/login']));
  });

  it('puts no page at an API path', () => {
    const pages = PAGES.map((p) => `/${p.path}`).filter((p) => p !== '/');
    const sample = (p: string) => p.replace(/:[a-z]+/gi, 'L-0123456789ab');
    expect(pages.filter((p) => apiPaths.some((api) => pattern(api).test(sample(p))))).toEqual([]);
    expect(pages.length).toBeGreaterThan(0);
  });

  it('links every navigation entry to a page', () => {
    const pages = PAGES.map((p) => `/${p.path}`);
    expect(NAV.map((n) => n.path).filter((p) => !pages.includes(p))).toEqual([]);
  });
});
