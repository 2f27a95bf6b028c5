import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every non-spec source file of the domain. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Pure libraries the domain may use: `rrule` computes RFC 5545 schedules from its inputs, with no IO. */
const PURE_LIBRARIES = new Set(['rrule']);

describe('the domain is pure TypeScript', () => {
  const files = sources(__dirname);

  it('imports nothing but other domain files and pure libraries (no Nest, drivers, Stripe, validators or Node modules)', () => {
    const offenders = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)]
        .map((m) => m[1])
        .filter((target) => !target.startsWith('.') && !PURE_LIBRARIES.has(target))
        .map((target) => `${relative(__dirname, file)} imports ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('takes time and randomness only from its inputs', () => {
    const offenders = files.filter((file) =>
      /new Date\(\)|Date\.now\(\)|Math\.random\(|randomUUID\(/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((f) => relative(__dirname, f))).toEqual([]);
  });
});
