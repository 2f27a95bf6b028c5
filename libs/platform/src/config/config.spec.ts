import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from './config';
import { ConfigError } from './config-error';
import { ENV_VARS, envVarsMarkdown } from './env-vars';

const SECRET = 'a-production-secret-of-at-least-32-chars';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The problems a configuration is refused for, or [] when it loads. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: tempDir(), ...env });
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('loadConfig', () => {
  it('gives every variable its documented default on the embedded default', () => {
    const dir = tempDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      host: '0.0.0.0',
      ports: { storefront: 3001, wholesale: 3002, kitchen: 3003, operations: 3004, worker: 3005 },
      dataDir: dir,
      jwt: { ttlSeconds: 3600, secretSource: 'file' },
      seedDemo: true,
      demoPace: 'normal',
      logLevel: 'info',
      logFormat: 'pretty',
      corsOrigins: [],
      readWaitTimeoutMs: 5000,
    });
    expect(config.eventStoreUrl).toBeUndefined();
    expect(config.mongodbUri).toBeUndefined();
    expect(config.stripe).toBeUndefined();
  });

  it('resolves DATA_DIR to an absolute path, ./data by default', () => {
    const cwd = process.cwd();
    const dir = tempDir();
    process.chdir(dir);
    try {
      expect(loadConfig({ JWT_SECRET: SECRET }).dataDir).toBe(path.join(fs.realpathSync(dir), 'data'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATA_DIR: tempDir(), PORT_KITCHEN: '', EVENTSTORE_URL: ' ', SEED_DEMO: '' })).toMatchObject({
      ports: { kitchen: 3003 },
      seedDemo: true,
    });
  });

  it('reads every variable it documents and no other', () => {
    const read = new Set<string>();
    const env = new Proxy({ DATA_DIR: tempDir() } as Record<string, string | undefined>, {
      get: (target, key: string) => {
        read.add(key);
        return target[key];
      },
    });
    loadConfig(env);
    expect([...read].sort()).toEqual(ENV_VARS.map((v) => v.name).sort());
    expect(envVarsMarkdown()).toContain('| `READ_WAIT_TIMEOUT_MS` | `5000` |');
  });

  it('refuses an unknown NODE_ENV and LOG_LEVEL', () => {
    expect(problemsOf({ NODE_ENV: 'staging', LOG_LEVEL: 'verbose' })).toEqual([
      expect.stringContaining('NODE_ENV'),
      expect.stringContaining('LOG_LEVEL'),
    ]);
  });

  it('reads DEMO_PACE as normal or fast, and refuses anything else', () => {
    expect(loadConfig({ DATA_DIR: tempDir(), DEMO_PACE: 'fast' }).demoPace).toBe('fast');
    expect(loadConfig({ DATA_DIR: tempDir(), DEMO_PACE: 'normal' }).demoPace).toBe('normal');
    expect(problemsOf({ DEMO_PACE: 'quick' })).toEqual([expect.stringContaining('DEMO_PACE')]);
  });

  it('logs JSON outside development, and reads CORS origins as an exact list', () => {
    expect(loadConfig({ DATA_DIR: tempDir(), NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(
      loadConfig({ DATA_DIR: tempDir(), CORS_ORIGINS: 'https://shop.example.cn, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://shop.example.cn', 'http://localhost:5173']);
    expect(problemsOf({ CORS_ORIGINS: '*' })).toEqual([expect.stringContaining('CORS_ORIGINS')]);
    expect(problemsOf({ CORS_ORIGINS: 'https://shop.example.cn/path' })).toEqual([
      expect.stringContaining('CORS_ORIGINS'),
    ]);
    expect(problemsOf({ LOG_FORMAT: 'xml' })).toEqual([expect.stringContaining('LOG_FORMAT')]);
  });

  it('refuses ports that are not integers from 1 to 65535, or that two apps share', () => {
    expect(problemsOf({ PORT_STOREFRONT: '80a' })).toEqual([expect.stringContaining('PORT_STOREFRONT')]);
    expect(problemsOf({ PORT_WORKER: '70000' })).toEqual([expect.stringContaining('PORT_WORKER')]);
    expect(problemsOf({ PORT_KITCHEN: '3001' })).toEqual([expect.stringMatching(/PORT_KITCHEN.*PORT_STOREFRONT/)]);
    expect(loadConfig({ DATA_DIR: tempDir(), PORT_STOREFRONT: '8080', HOST: '127.0.0.1' })).toMatchObject({
      host: '127.0.0.1',
      ports: { storefront: 8080 },
    });
  });

  it('accepts only esdb:// or esdb+discover:// event store URLs', () => {
    expect(problemsOf({ EVENTSTORE_URL: 'http://localhost:2113' })).toEqual([
      expect.stringContaining('EVENTSTORE_URL'),
    ]);
    expect(loadConfig({ DATA_DIR: tempDir(), EVENTSTORE_URL: 'esdb+discover://cluster:2113' }).eventStoreUrl).toBe(
      'esdb+discover://cluster:2113',
    );
    expect(loadConfig({ DATA_DIR: tempDir(), EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' }).eventStoreUrl).toBe(
      'esdb://localhost:2113?tls=false',
    );
  });

  it('accepts only mongodb:// or mongodb+srv:// URIs', () => {
    expect(problemsOf({ MONGODB_URI: 'postgres://db' })).toEqual([expect.stringContaining('MONGODB_URI')]);
    expect(loadConfig({ DATA_DIR: tempDir(), MONGODB_URI: 'mongodb+srv://cluster.example' }).mongodbUri).toBe(
      'mongodb+srv://cluster.example',
    );
  });

  it('requires a JWT_SECRET of at least 32 characters in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringContaining('JWT_SECRET is required')]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toEqual([
      expect.stringContaining('at least 32'),
    ]);
    const config = loadConfig({ DATA_DIR: tempDir(), NODE_ENV: 'production', JWT_SECRET: SECRET });
    expect(config.jwt).toEqual({ secret: SECRET, ttlSeconds: 3600, secretSource: 'env' });
  });

  it('outside production, generates one secret into DATA_DIR/jwt-secret (mode 0600) that later loads share', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: path.join(dir, 'nested') });
    const second = loadConfig({ DATA_DIR: path.join(dir, 'nested') });
    const file = path.join(dir, 'nested', 'jwt-secret');
    expect(first.jwt).toMatchObject({ secretSource: 'file', secretFile: file });
    expect(first.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwt.secret).toBe(first.jwt.secret);
    expect(fs.readFileSync(file, 'utf8')).toBe(first.jwt.secret);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(dir, 'nested'))).toEqual(['jwt-secret']);
  });

  it('refuses a generated-secret file that was truncated', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'jwt-secret'), 'too-short');
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(/jwt-secret holds fewer than 32/);
  });

  it('validates JWT_TTL_SECONDS and READ_WAIT_TIMEOUT_MS as positive integers', () => {
    expect(problemsOf({ JWT_TTL_SECONDS: '0', READ_WAIT_TIMEOUT_MS: '1.5' })).toEqual([
      expect.stringContaining('JWT_TTL_SECONDS'),
      expect.stringContaining('READ_WAIT_TIMEOUT_MS'),
    ]);
    expect(loadConfig({ DATA_DIR: tempDir(), JWT_TTL_SECONDS: '600', READ_WAIT_TIMEOUT_MS: '250' })).toMatchObject({
      jwt: { ttlSeconds: 600 },
      readWaitTimeoutMs: 250,
    });
  });

  it('seeds demo data by default only on the embedded, non-production setup', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' }).seedDemo).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'production', JWT_SECRET: SECRET }).seedDemo).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, EVENTSTORE_URL: 'esdb://es:2113' }).seedDemo).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, MONGODB_URI: 'mongodb://mongo' }).seedDemo).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, MONGODB_URI: 'mongodb://mongo', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('refuses SEED_DEMO=true in production and values other than true/false', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: SECRET, SEED_DEMO: 'true' })).toEqual([
      expect.stringContaining('SEED_DEMO=true is refused'),
    ]);
    expect(problemsOf({ SEED_DEMO: 'yes' })).toEqual([expect.stringContaining('SEED_DEMO must be true or false')]);
  });

  it('needs both Stripe secrets or neither', () => {
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_test_1' })).toEqual([expect.stringContaining('STRIPE_WEBHOOK_SECRET')]);
    expect(problemsOf({ STRIPE_WEBHOOK_SECRET: 'whsec_1' })).toEqual([expect.stringContaining('STRIPE_SECRET_KEY')]);
    expect(
      loadConfig({ DATA_DIR: tempDir(), STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' }).stripe,
    ).toEqual({
      secretKey: 'sk_test_1',
      webhookSecret: 'whsec_1',
    });
  });

  it('names every bad variable in one error', () => {
    const error = (() => {
      try {
        loadConfig({ DATA_DIR: tempDir(), NODE_ENV: 'production', PORT_WHOLESALE: 'x', MONGODB_URI: 'mysql://db' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    for (const name of ['PORT_WHOLESALE', 'MONGODB_URI', 'JWT_SECRET']) expect(error.message).toContain(name);
  });
});
