import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// `npm run start:app` runs this built launcher (npm test builds before Jest runs).
const LAUNCHER = join(__dirname, '../../dist/apps/all/src/start-app.js');

describe('npm run start:app', () => {
  it.each([
    ['without APP', undefined, 'APP is not set'],
    ['with an unknown APP', 'shop', 'APP="shop" is not an app'],
  ])('%s prints the apps to choose from instead of a stack trace', (_case, app, says) => {
    const env = { ...process.env, APP: app };
    if (app === undefined) delete env.APP;
    const run = spawnSync(process.execPath, [LAUNCHER], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(says);
    expect(run.stderr).toContain('storefront, wholesale, kitchen, operations, worker, all');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
