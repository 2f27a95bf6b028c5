import * as path from 'node:path';
import { ConfigError } from './config-error';
import {
  ENV,
  type DemoPace,
  type EnvValue,
  type EnvVarName,
  type LogFormat,
  type LogLevel,
  type NodeEnv,
} from './env-vars';
import { resolveJwtSecret } from './jwt-secret';

/** The five apps; each has its own port, metrics registry and OpenAPI document. */
export const APP_NAMES = ['storefront', 'wholesale', 'kitchen', 'operations', 'worker'] as const;
/** One of {@link APP_NAMES}. */
export type AppName = (typeof APP_NAMES)[number];

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
  /** When the seeded demo's first campaign cut-off, lot close and kitchen cut-off fall (fast: 5–15 minutes after the first start). */
  demoPace: DemoPace;
  logLevel: LogLevel;
  /** `pretty` (one readable line per entry) or `json` (one JSON object per line, for log shippers). */
  logFormat: LogFormat;
  /** Origins (scheme://host[:port]) allowed to call the API from a browser; empty = no CORS headers at all. */
  corsOrigins: string[];
  readWaitTimeoutMs: number;
  /** How long a worker's lease on a projection or the deadline ticker lasts unless renewed. */
  leaseTtlMs: number;
  /** A stock count whose total absolute variance (fen, at cost) is above this needs two operators to approve. */
  countSecondApprovalFen: number;
  /** Seconds a group-buy order paid online has to be paid before it expires and its quota returns. */
  paymentWindowSeconds: number;
  /** Leader commission per completed group-buy order, in basis points of the order amount (500 = 5%). */
  leaderCommissionBps: number;
  /** Bounds of the wholesale live board (server-sent events) in one process. */
  live: LiveLimits;
  /** Bounds of the storefront's live streams (campaign progress, orders) in one process. */
  storefrontStreams: { perUser: number; total: number };
  /** Present when both Stripe secrets are set; `apiUrl` (STRIPE_API_URL) points the SDK at a fake or stripe-mock. */
  stripe?: { secretKey: string; webhookSecret: string; apiUrl?: string };
}

/** Admission and backpressure bounds of the live board's streams. */
export interface LiveLimits {
  /** Open streams one signed-in user may hold (beyond: 429). */
  perUser: number;
  /** Open streams of one lot (beyond: 503). */
  perLot: number;
  /** Open streams of the whole process (beyond: 503). */
  perProcess: number;
  /** Bytes a client may leave unread in its socket buffer before it is dropped. */
  maxBufferBytes: number;
}

/** Injection token of the {@link AppConfig}. */
export const CONFIG = Symbol('CONFIG');

const PORT_VARS = {
  storefront: 'PORT_STOREFRONT',
  wholesale: 'PORT_WHOLESALE',
  kitchen: 'PORT_KITCHEN',
  operations: 'PORT_OPERATIONS',
  worker: 'PORT_WORKER',
} as const satisfies Record<AppName, EnvVarName>;
const MIN_PRODUCTION_SECRET = 32;

type Env = Record<string, string | undefined>;

/** Reads variables through their {@link ENV} parsers, treating empty strings as unset (as `FOO=` in a compose file means). */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  /** The trimmed value as given; undefined when unset or blank. */
  raw(name: EnvVarName): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  /** The parsed value (its default when unset; a bad value is a problem naming the variable). */
  read<N extends EnvVarName>(name: N): EnvValue<N> {
    return ENV[name].parse(this.raw(name), name, this.problems) as EnvValue<N>;
  }
}

/**
 * Validate the environment into an {@link AppConfig}; throws {@link ConfigError} naming every bad
 * variable. Outside production, a missing JWT_SECRET is generated once into DATA_DIR/jwt-secret.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.read('NODE_ENV');
  const production = nodeEnv === 'production';
  const host = r.read('HOST');
  const ports = {} as Record<AppName, number>;
  for (const app of APP_NAMES) ports[app] = r.read(PORT_VARS[app]);
  const seen = new Map<number, AppName>();
  for (const app of APP_NAMES) {
    const other = seen.get(ports[app]);
    if (other) r.problems.push(`${PORT_VARS[app]} must differ from ${PORT_VARS[other]} (both ${ports[app]})`);
    seen.set(ports[app], app);
  }
  const dataDir = path.resolve(r.read('DATA_DIR'));
  const eventStoreUrl = r.read('EVENTSTORE_URL');
  const mongodbUri = r.read('MONGODB_URI');
  const external = r.raw('EVENTSTORE_URL') !== undefined || r.raw('MONGODB_URI') !== undefined;

  const jwtSecret = r.read('JWT_SECRET');
  if (production && jwtSecret === undefined) r.problems.push('JWT_SECRET is required when NODE_ENV=production');
  if (production && jwtSecret !== undefined && jwtSecret.length < MIN_PRODUCTION_SECRET) {
    r.problems.push(`JWT_SECRET must be at least ${MIN_PRODUCTION_SECRET} characters when NODE_ENV=production`);
  }
  const ttlSeconds = r.read('JWT_TTL_SECONDS');

  const seedDemoRaw = r.read('SEED_DEMO');
  if (production && seedDemoRaw === true) r.problems.push('SEED_DEMO=true is refused when NODE_ENV=production');
  const seedDemo = seedDemoRaw ?? (!production && !external);
  const demoPace = r.read('DEMO_PACE');

  const logLevel = r.read('LOG_LEVEL');
  const logFormat = r.read('LOG_FORMAT') ?? (nodeEnv === 'development' ? 'pretty' : 'json');
  const corsOrigins = r.read('CORS_ORIGINS');
  const readWaitTimeoutMs = r.read('READ_WAIT_TIMEOUT_MS');
  const leaseTtlMs = r.read('PROJECTION_LEASE_TTL_MS');
  const countSecondApprovalFen = r.read('COUNT_SECOND_APPROVAL_FEN');
  const paymentWindowSeconds = r.read('PAYMENT_WINDOW_SECONDS');
  const leaderCommissionBps = r.read('LEADER_COMMISSION_BPS');
  const live: LiveLimits = {
    perUser: r.read('LIVE_STREAMS_PER_USER'),
    perLot: r.read('LIVE_STREAMS_PER_LOT'),
    perProcess: r.read('LIVE_STREAMS_MAX'),
    maxBufferBytes: r.read('LIVE_MAX_BUFFER_BYTES'),
  };
  const storefrontStreams = { perUser: r.read('STOREFRONT_STREAMS_PER_USER'), total: r.read('STOREFRONT_STREAMS_MAX') };

  const stripeKey = r.read('STRIPE_SECRET_KEY');
  const stripeWebhook = r.read('STRIPE_WEBHOOK_SECRET');
  const stripeApiUrl = r.read('STRIPE_API_URL');
  // The SDK takes host, port and protocol only (its base path is fixed at /v1/), so a path would be silently dropped.
  if (stripeApiUrl !== undefined && !URL.canParse(stripeApiUrl)) r.problems.push('STRIPE_API_URL must be a valid URL');
  else if (stripeApiUrl !== undefined && !/^https?:\/\/[^/?#]+\/?$/.test(stripeApiUrl)) {
    r.problems.push('STRIPE_API_URL must be a scheme, host and optional port, without a path');
  }
  if ((stripeKey === undefined) !== (stripeWebhook === undefined)) {
    const missing = stripeKey === undefined ? 'STRIPE_SECRET_KEY' : 'STRIPE_WEBHOOK_SECRET';
    r.problems.push(
      `${missing} must be set together with ${missing === 'STRIPE_SECRET_KEY' ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY'}`,
    );
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
    demoPace,
    logLevel,
    logFormat,
    corsOrigins,
    readWaitTimeoutMs,
    leaseTtlMs,
    countSecondApprovalFen,
    paymentWindowSeconds,
    leaderCommissionBps,
    live,
    storefrontStreams,
    ...(stripeKey !== undefined &&
      stripeWebhook !== undefined && {
        stripe: {
          secretKey: stripeKey,
          webhookSecret: stripeWebhook,
          ...(stripeApiUrl !== undefined && { apiUrl: stripeApiUrl }),
        },
      }),
  };
}
