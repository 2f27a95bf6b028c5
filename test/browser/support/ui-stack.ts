import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AppName } from '@gx/platform';
import { startStack, type Stack } from '../../e2e/support/stack';

/** The project root (the folder of package.json), from the sources run by Jest and from dist/ alike. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(resolve(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
    dir = dirname(dir);
  }
  return dir;
}

const root = projectRoot();

/** Build the UIs when `npm run build` has not (a targeted `npx jest --selectProjects browser`). */
export function ensureWebBuilt(app: AppName): void {
  if (existsSync(resolve(root, 'dist/web', app, 'index.html'))) return;
  const run = spawnSync(process.execPath, [resolve(root, 'libs/web/scripts/build-web.mjs'), app], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`building the ${app} UI failed:\n${run.stderr}`);
}

/** A real stack (worker + `apps`) on a scratch data dir, the UI apps listening on loopback ports; `env` as startStack's. */
export async function startUiStack(
  apps: AppName[],
  env: Record<string, string> = {},
): Promise<{ stack: Stack; urls: Partial<Record<AppName, string>> }> {
  for (const app of apps) ensureWebBuilt(app);
  const stack = await startStack(['worker', ...apps], env);
  const urls: Partial<Record<AppName, string>> = {};
  for (const app of apps) urls[app] = await stack.listen(app);
  return { stack, urls };
}
