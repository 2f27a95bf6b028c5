import * as path from 'node:path';
import { ConfigError } from './config-error';
import { resolveJwtSecret } from './jwt-secret';

/** The five apps; each has its own port, metrics registry and OpenAPI document. */
export const APP_NAMES = ['storefront', 'wholesale', 'kitchen', 'operations', 'worker'] as const;
/** One of {@link APP_NAMES}. */
export type AppName = (typeof APP_NAMES)[number];

/** Accepted values of NODE_ENV. */
export const NODE_ENVS = ['development', 'production', 'test'] as const;
/** One of {@link NODE_ENVS}. */
export type NodeEnv = (typeof NODE_ENVS)[number];

/** Accepted values of LOG_LEVEL (pino levels). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Validated configuration of the process, shared by every app it runs. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  ports: Record<AppName, number>;
  /** Absolute path of the data directory. */
  dataDir: string;
  eventStoreUrl?: string;
  mongodbUri?: string;
  jwt: {
    secret: string;
    ttlSeconds: number;
    /** `env` when JWT_SECRET was given; otherwise the secret comes from DATA_DIR/jwt-secret. */
    secretSource: 'env' | 'file';
    /** Path of the secret file when secretSource is `file`. */
    secretFile?: string;
  };
  seedDemo: boolean;
  logLevel: LogLevel;
  readWaitTimeoutMs: number;
  /** How long a worker's lease on a projection or the deadline ticker lasts unless renewed. */
  leaseTtlMs: number;
  /** A stock count whose total absolute variance (fen, at cost) is above this needs two operators to approve. */
  countSecondApprovalFen: number;
  /** Seconds a group-buy order paid online has to be paid before it expires and its quota returns. */
  paymentWindowSeconds: number;
  /** Leader commission per completed group-buy order, in basis points of the order amount (500 = 5%). */
  leaderCommissionBps: number;
  /** Present when both Stripe secrets are set; `apiUrl` (STRIPE_API_URL) points the SDK at a fake or stripe-mock. */
  stripe?: { secretKey: string; webhookSecret: string; apiUrl?: string };
}

/** Injection token of the {@link AppConfig}. */
export const CONFIG = Symbol('CONFIG');

const PORT_VARS: Record<AppName, string> = {
  storefront: 'PORT_STOREFRONT',
  wholesale: 'PORT_WHOLESALE',
  kitchen: 'PORT_KITCHEN',
  operations: 'PORT_OPERATIONS',
  worker: 'PORT_WORKER',
};
const DEFAULT_PORTS: Record<AppName, number> = {
  storefront: 3001,
  wholesale: 3002,
  kitchen: 3003,
  operations: 3004,
  worker: 3005,
};
const MIN_PRODUCTION_SECRET = 32;

type Env = Record<string, string | undefined>;

/** Reads variables, treating empty strings as unset (as `FOO=` in a compose file means). */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  get(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(' | ')} (got "${raw}")`);
    return fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }

  url(name: string, schemes: string[]): string | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    if (schemes.some((s) => raw.startsWith(s) && raw.length > s.length)) return raw;
    this.problems.push(`${name} must start with ${schemes.join(' or ')}`);
    return undefined;
  }

  bool(name: string): boolean | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return undefined;
  }
}

/**
 * Validate the environment into an {@link AppConfig}; throws {@link ConfigError} naming every bad
 * variable. Outside production, a missing JWT_SECRET is generated once into DATA_DIR/jwt-secret.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const production = nodeEnv === 'production';
  const host = r.get('HOST') ?? '0.0.0.0';
  const ports = {} as Record<AppName, number>;
  for (const app of APP_NAMES) ports[app] = r.int(PORT_VARS[app], DEFAULT_PORTS[app], 1, 65535);
  const seen = new Map<number, AppName>();
  for (const app of APP_NAMES) {
    const other = seen.get(ports[app]);
    if (other) r.problems.push(`${PORT_VARS[app]} must differ from ${PORT_VARS[other]} (both ${ports[app]})`);
    seen.set(ports[app], app);
  }
  const dataDir = path.resolve(r.get('DATA_DIR') ?? './data');
  const eventStoreUrl = r.url('EVENTSTORE_URL', ['esdb://', 'esdb+discover://']);
  const mongodbUri = r.url('MONGODB_URI', ['mongodb://', 'mongodb+srv://']);
  const external = r.get('EVENTSTORE_URL') !== undefined || r.get('MONGODB_URI') !== undefined;

  const jwtSecret = r.get('JWT_SECRET');
  if (production && jwtSecret === undefined) r.problems.push('JWT_SECRET is required when NODE_ENV=production');
  if (production && jwtSecret !== undefined && jwtSecret.length < MIN_PRODUCTION_SECRET) {
    r.problems.push(`JWT_SECRET must be at least ${MIN_PRODUCTION_SECRET} characters when NODE_ENV=production`);
  }
  const ttlSeconds = r.int('JWT_TTL_SECONDS', 3600, 1, 31 * 24 * 3600);

  const seedDemoRaw = r.bool('SEED_DEMO');
  if (production && seedDemoRaw === true) r.problems.push('SEED_DEMO=true is refused when NODE_ENV=production');
  const seedDemo = seedDemoRaw ?? (!production && !external);

  const logLevel = r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  const readWaitTimeoutMs = r.int('READ_WAIT_TIMEOUT_MS', 5000, 1, 600_000);
  const leaseTtlMs = r.int('PROJECTION_LEASE_TTL_MS', 15_000, 300, 600_000);
  const countSecondApprovalFen = r.int('COUNT_SECOND_APPROVAL_FEN', 50_000, 0, Number.MAX_SAFE_INTEGER);
  const paymentWindowSeconds = r.int('PAYMENT_WINDOW_SECONDS', 900, 1, 7 * 24 * 3600);
  const leaderCommissionBps = r.int('LEADER_COMMISSION_BPS', 500, 0, 10_000);

  const stripeKey = r.get('STRIPE_SECRET_KEY');
  const stripeWebhook = r.get('STRIPE_WEBHOOK_SECRET');
  const stripeApiUrl = r.url('STRIPE_API_URL', ['http://', 'https://']);
  // The SDK takes host, port and protocol only (its base path is fixed at /v1/), so a path would be silently dropped.
  if (stripeApiUrl !== undefined && !URL.canParse(stripeApiUrl)) r.problems.push('STRIPE_API_URL must be a valid URL');
  else if (stripeApiUrl !== undefined && !/^https?:\/\/[^/?#]+\/?$/.test(stripeApiUrl)) {
    r.problems.push('STRIPE_API_URL must be a scheme, host and optional port, without a path');
  }
  if ((stripeKey === undefined) !== (stripeWebhook === undefined)) {
    const missing = stripeKey === undefined ? 'STRIPE_SECRET_KEY' : 'STRIPE_WEBHOOK_SECRET';
    r.problems.push(`${missing} must be set together with ${missing === 'STRIPE_SECRET_KEY' ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY'}`);
  }

  if (r.problems.length > 0) throw new ConfigError(r.problems);

  let jwt: AppConfig['jwt'];
  if (jwtSecret !== undefined) {
    jwt = { secret: jwtSecret, ttlSeconds, secretSource: 'env' };
  } else {
    const secretFile = path.join(dataDir, 'jwt-secret');
    jwt = { secret: resolveJwtSecret(secretFile), ttlSeconds, secretSource: 'file', secretFile };
  }

  return {
    nodeEnv,
    host,
    ports,
    dataDir,
    ...(eventStoreUrl !== undefined && { eventStoreUrl }),
    ...(mongodbUri !== undefined && { mongodbUri }),
    jwt,
    seedDemo,
    logLevel,
    readWaitTimeoutMs,
    leaseTtlMs,
    countSecondApprovalFen,
    paymentWindowSeconds,
    leaderCommissionBps,
    ...(stripeKey !== undefined && stripeWebhook !== undefined && {
      stripe: { secretKey: stripeKey, webhookSecret: stripeWebhook, ...(stripeApiUrl !== undefined && { apiUrl: stripeApiUrl }) },
    }),
  };
}
