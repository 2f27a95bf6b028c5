import { APP_NAMES } from '@gx/platform';

/**
 * `npm run start:app`: start the app named by `APP` (one of the five, or `all` for all of them in one
 * process). A missing or unknown name prints the choices instead of Node's module-not-found trace.
 */
const CHOICES: readonly string[] = [...APP_NAMES, 'all'];
const app = process.env.APP ?? '';

if (!CHOICES.includes(app)) {
  const named = app === '' ? 'APP is not set' : `APP=${JSON.stringify(app)} is not an app`;
  process.stderr.write(
    `${named}. Set APP to one of: ${CHOICES.join(', ')} (all = the five apps in one process).\n` +
      'Example: npm run build && APP=operations npm run start:app\n',
  );
  process.exit(2);
}
// Required only now: loading an app's module graph has side effects (decorators, reflect-metadata).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(`../../${app}/src/main`);
