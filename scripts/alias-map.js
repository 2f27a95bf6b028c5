// The `@gx/*` import aliases exist once: in tsconfig.json's `compilerOptions.paths` (each lib's `src`).
// Jest derives its moduleNameMapper from them here; `.swcrc` (JSON, read by the swc CLI of `npm run build`)
// is generated from them by `node scripts/alias-map.js --write`; `apps/workspace.spec.ts` fails when it drifts.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

/** tsconfig.json's `paths`: alias → [target], both possibly ending in `/*`. */
function tsconfigPaths() {
  const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
  const paths = tsconfig.compilerOptions && tsconfig.compilerOptions.paths;
  if (!paths || Object.keys(paths).length === 0) throw new Error('tsconfig.json has no compilerOptions.paths');
  return paths;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Jest's moduleNameMapper for the same aliases (`<rootDir>`-relative). */
function jestModuleNameMapper() {
  const mapper = {};
  for (const [alias, targets] of Object.entries(tsconfigPaths())) {
    if (targets.length !== 1) throw new Error(`alias ${alias} must have exactly one target`);
    const target = targets[0];
    if (alias.endsWith('/*')) {
      mapper[`^${escapeRegExp(alias.slice(0, -1))}(.*)$`] = `<rootDir>/${target.replace(/\*$/, '$1')}`;
    } else {
      mapper[`^${escapeRegExp(alias)}$`] = `<rootDir>/${target}`;
    }
  }
  return mapper;
}

/** The text `.swcrc` must have: the checked-in file with `jsc.paths` replaced by tsconfig's. */
function expectedSwcrc() {
  const swcrc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8'));
  swcrc.jsc.baseUrl = '.';
  swcrc.jsc.paths = tsconfigPaths();
  return `${JSON.stringify(swcrc, null, 2)}\n`;
}

module.exports = { tsconfigPaths, jestModuleNameMapper, expectedSwcrc, ROOT };

if (require.main === module) {
  if (process.argv.includes('--write')) {
    writeFileSync(join(ROOT, '.swcrc'), expectedSwcrc());
    console.log('.swcrc: jsc.paths written from tsconfig.json');
  } else {
    const current = readFileSync(join(ROOT, '.swcrc'), 'utf8');
    if (current !== expectedSwcrc()) {
      console.error('.swcrc differs from tsconfig.json paths; run node scripts/alias-map.js --write');
      process.exit(1);
    }
  }
}
