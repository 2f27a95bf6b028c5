import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureWebBuilt } from './support/ui-stack';

const web = resolve(__dirname, '../../dist/web');

/** Initial JS of a built UI: the entry script and every module it preloads, gzip-compressed, in bytes. */
function initialJsGzip(app: string): { files: string[]; bytes: number } {
  const html = readFileSync(join(web, app, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/([^"]+\.js)"/g),
  ].map((m) => m[1] ?? '');
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(web, app, f)), { level: 9 }).length, 0);
  return { files, bytes };
}

// Sizes are deterministic for a given lockfile, so the budgets of shared/docs/ui.md are asserted, not sampled.
describe('UI budgets', () => {
  it('operations console: initial JS at most 450 KB gzip, charts outside it', () => {
    ensureWebBuilt('operations');
    const { files, bytes } = initialJsGzip('operations');
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => f.includes('BarChart'))).toBe(false);
    expect(bytes).toBeLessThanOrEqual(450 * 1024);
    process.stdout.write(`operations initial JS: ${(bytes / 1024).toFixed(1)} KB gzip in ${files.length} files\n`);
  });

  it('storefront H5: initial JS at most 150 KB gzip, the QR decoder and encoder outside it', () => {
    ensureWebBuilt('storefront');
    const { files, bytes } = initialJsGzip('storefront');
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => /jsQR|browser-/.test(f))).toBe(false);
    expect(bytes).toBeLessThanOrEqual(150 * 1024);
    process.stdout.write(`storefront initial JS: ${(bytes / 1024).toFixed(1)} KB gzip in ${files.length} files\n`);
  });

  it('kitchen portal: initial JS at most 450 KB gzip, charts outside it', () => {
    ensureWebBuilt('kitchen');
    const { files, bytes } = initialJsGzip('kitchen');
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => f.includes('BarChart'))).toBe(false);
    expect(bytes).toBeLessThanOrEqual(450 * 1024);
    process.stdout.write(`kitchen initial JS: ${(bytes / 1024).toFixed(1)} KB gzip in ${files.length} files\n`);
  });

  it('wholesale desk: initial JS at most 450 KB gzip, charts outside it', () => {
    ensureWebBuilt('wholesale');
    const { files, bytes } = initialJsGzip('wholesale');
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => f.includes('Chart'))).toBe(false);
    expect(bytes).toBeLessThanOrEqual(450 * 1024);
    process.stdout.write(`wholesale initial JS: ${(bytes / 1024).toFixed(1)} KB gzip in ${files.length} files\n`);
  });

  it.each(['operations', 'storefront', 'kitchen', 'wholesale'] as const)(
    '%s loads no asset from another origin',
    (app) => {
      ensureWebBuilt(app);
      const html = readFileSync(join(web, app, 'index.html'), 'utf8');
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    },
  );
});
