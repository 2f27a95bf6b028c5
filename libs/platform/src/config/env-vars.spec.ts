import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from './config';
import { ConfigError } from './config-error';
import { ENV, ENV_VARS, envVarsMarkdown, type EnvVarName } from './env-vars';

describe('configuration documentation', () => {
  it('the README lists every environment variable exactly as the parser documents it', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    const section = /<!-- env-vars:start -->\n([\s\S]*?)\n<!-- env-vars:end -->/.exec(readme)?.[1];
    expect(section).toBe(envVarsMarkdown());
  });

  it('documents every variable of the table, in its order', () => {
    expect(ENV_VARS.map((v) => v.name)).toEqual(Object.keys(ENV));
    expect(ENV_VARS.find((v) => v.name === 'LIVE_MAX_BUFFER_BYTES')?.default).toBe('262144');
  });
});

describe('loadConfig reads through the table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gx-env-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = (env: Record<string, string>): AppConfig => loadConfig({ DATA_DIR: dir, ...env });
  const problems = (env: Record<string, string>): string[] => {
    try {
      load(env);
      return [];
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
  };
  // Where each numeric variable lands in the configuration.
  const FIELDS: Partial<Record<EnvVarName, (c: AppConfig) => number>> = {
    PORT_STOREFRONT: (c) => c.ports.storefront,
    PORT_WHOLESALE: (c) => c.ports.wholesale,
    PORT_KITCHEN: (c) => c.ports.kitchen,
    PORT_OPERATIONS: (c) => c.ports.operations,
    PORT_WORKER: (c) => c.ports.worker,
    JWT_TTL_SECONDS: (c) => c.jwt.ttlSeconds,
    READ_WAIT_TIMEOUT_MS: (c) => c.readWaitTimeoutMs,
    PROJECTION_LEASE_TTL_MS: (c) => c.leaseTtlMs,
    COUNT_SECOND_APPROVAL_FEN: (c) => c.countSecondApprovalFen,
    PAYMENT_WINDOW_SECONDS: (c) => c.paymentWindowSeconds,
    LEADER_COMMISSION_BPS: (c) => c.leaderCommissionBps,
    LIVE_STREAMS_PER_USER: (c) => c.live.perUser,
    LIVE_STREAMS_PER_LOT: (c) => c.live.perLot,
    LIVE_STREAMS_MAX: (c) => c.live.perProcess,
    LIVE_MAX_BUFFER_BYTES: (c) => c.live.maxBufferBytes,
    STOREFRONT_STREAMS_PER_USER: (c) => c.storefrontStreams.perUser,
    STOREFRONT_STREAMS_MAX: (c) => c.storefrontStreams.total,
  };
  const numeric = ENV_VARS.filter((v) => v.default !== undefined && /^\d+$/.test(v.default));

  it('every numeric variable defaults to the documented value and takes a value given', () => {
    expect(numeric.map((v) => v.name).sort()).toEqual(Object.keys(FIELDS).sort());
    const defaults = load({});
    for (const v of numeric) {
      const field = FIELDS[v.name as EnvVarName]!;
      expect({ name: v.name, value: field(defaults) }).toEqual({ name: v.name, value: Number(v.default) });
      // A valid value other than the default (ports must stay distinct, so one above the highest default).
      const other = String(Number(v.default) === 0 ? 1 : v.name.startsWith('PORT_') ? 4000 : Number(v.default) + 1);
      expect({ name: v.name, value: field(load({ [v.name]: other })) }).toEqual({ name: v.name, value: Number(other) });
    }
  });

  it('refuses a bad value of any parsed variable, naming it', () => {
    const bad: Partial<Record<EnvVarName, string>> = {
      NODE_ENV: 'staging',
      DEMO_PACE: 'quick',
      LOG_LEVEL: 'loud',
      LOG_FORMAT: 'xml',
      SEED_DEMO: 'yes',
      CORS_ORIGINS: '*',
      EVENTSTORE_URL: 'http://x',
      MONGODB_URI: 'pg://x',
      STRIPE_API_URL: 'ftp://x',
    };
    for (const v of numeric) bad[v.name as EnvVarName] = '-1';
    for (const [name, value] of Object.entries(bad))
      expect({ name, problems: problems({ [name]: value }) }).toEqual({
        name,
        problems: [expect.stringContaining(name)],
      });
  });
});
