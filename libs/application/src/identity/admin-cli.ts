import { randomUUID } from 'node:crypto';
import { DomainError } from '@gx/domain';
import { CommandRunner } from '@gx/eventstore';
import { loadConfig } from '@gx/platform';
import { openEventStore, openKeyStore } from '../kernel/store-pool';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { Accounts } from './identity';
import { isValidUsername, MAX_PASSWORD, MIN_PASSWORD, USERNAME_RULE } from './usernames';

/** What the admin command reads and writes, replaceable in tests. */
export interface AdminIo {
  env: Record<string, string | undefined>;
  /** The password: from a hidden prompt on a terminal, else the first line of stdin. */
  readPassword(prompt: string): Promise<string>;
  out(line: string): void;
  err(line: string): void;
}

const USAGE = [
  'Usage: npm run admin -- create-operator <username> [--display-name <name>]',
  '  The password is read from a prompt (twice) on a terminal, or from the first line of stdin:',
  '  printf \'%s\\n\' "$PASSWORD" | npm run admin -- create-operator ops-admin',
  '  Uses the stores the environment configures (EVENTSTORE_URL, else DATA_DIR/events.db), like the apps.',
].join('\n');

/**
 * `npm run admin -- create-operator <username>`: create an operator account in the configured event
 * store, through the same registration as every other account. Refuses a name that exists (exit 1).
 * Returns the process exit code.
 */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  const [command, username, ...rest] = argv;
  if (command !== 'create-operator' || username === undefined || username.startsWith('-')) {
    io.err(USAGE);
    return 2;
  }
  let displayName = username;
  for (let i = 0; i < rest.length; i += 1) {
    if (rest[i] === '--display-name' && rest[i + 1] !== undefined && rest[i + 1].trim() !== '')
      displayName = rest[(i += 1)].trim();
    else {
      io.err(`unknown argument ${rest[i]}\n${USAGE}`);
      return 2;
    }
  }
  if (!isValidUsername(username)) {
    io.err(`username ${JSON.stringify(username)} is not valid: ${USERNAME_RULE}`);
    return 2;
  }
  const config = (() => {
    try {
      return loadConfig(io.env);
    } catch (err) {
      io.err(err instanceof Error ? err.message : String(err));
      return null;
    }
  })();
  if (!config) return 2;
  const password = await io.readPassword(`Password for ${username}: `);
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
    io.err(`the password must be ${MIN_PASSWORD}-${MAX_PASSWORD} characters`);
    return 2;
  }
  const store = openEventStore(config);
  const keys = openKeyStore(config);
  try {
    const accounts = new Accounts(new CommandRunner(store, {}), new PersonalDataVault(keys));
    const commandId = `admin:create-operator:${randomUUID()}`;
    const ctx = { commandId, actor: 'system:admin-cli', correlationId: commandId, now: new Date().toISOString() };
    const out = await accounts.register({ username, displayName, password, roles: ['operator'] }, ctx);
    io.out(`operator ${username} created (position ${out.position}); sign in to the operations app with it`);
    return 0;
  } catch (err) {
    if (err instanceof DomainError && err.code === 'ALREADY_EXISTS') {
      io.err(`user ${username} already exists: nothing was changed`);
      return 1;
    }
    throw err;
  } finally {
    await Promise.all([store.close(), keys.close()]);
  }
}
