import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGES, TABS } from './routes';

/** Whether two paths with parameters (`:id` or `{id}`) could be the same URL. */
function overlap(a: string, b: string): boolean {
  const sa = a.split('/').filter(Boolean);
  const sb = b.split('/').filter(Boolean);
  const param = (s: string) => s.startsWith(':') || s.startsWith('{');
  return sa.length === sb.length && sa.every((s, i) => param(s) || param(sb[i] ?? '') || s === sb[i]);
}

// A browser reloading a deep link asks the server for the page's path: the server answers the UI only when
// no API route has that path, so a page must never sit at an API path.
describe('routes of the storefront', () => {
  const generated = readFileSync(join(__dirname, '../../../../libs/web/src/api/storefront.ts'), 'utf8');
  const apiPaths = [...generated.matchAll(/^ {4}"(\/[^"]*)": \{$/gm)].map((m) => m[1] ?? '');
  const pages = PAGES.map((p) => `/${p.path}`).filter((p) => p !== '/');

  it('reads the API paths of the app', () => {
    expect(apiPaths).toEqual(expect.arrayContaining(['/campaigns/{id}', '/orders/{id}', '/trace/{token}', '/me']));
  });

  it('puts no page where an API path could be', () => {
    expect(overlap('/c/:id', '/c/{x}')).toBe(true);
    expect(pages.flatMap((p) => apiPaths.filter((api) => overlap(p, api)).map((api) => `${p} ~ ${api}`))).toEqual([]);
    expect(pages.length).toBeGreaterThan(0);
  });

  it('links every tab to a page', () => {
    expect(
      TABS.map((tab) => tab.path).filter(
        (path) => !PAGES.some((p) => `/${p.path}` === path || (path === '/' && p.path === '')),
      ),
    ).toEqual([]);
  });
});
