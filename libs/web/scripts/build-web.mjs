// `npm run build` (after the servers): build the UI of every app that has one (apps/<app>/web) into dist/web/<app>.
import { existsSync } from 'node:fs';
import { build } from 'vite';

const APPS = ['storefront', 'wholesale', 'kitchen', 'operations'];
const only = process.argv.slice(2);
for (const app of APPS) {
  if (only.length > 0 && !only.includes(app)) continue;
  const config = `apps/${app}/web/vite.config.mts`;
  if (!existsSync(config)) continue;
  await build({ configFile: config, logLevel: 'warn' });
  process.stdout.write(`built the ${app} UI into dist/web/${app}\n`);
}
