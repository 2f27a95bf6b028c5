/**
 * Every environment variable the apps read, defined once: its parser (with its bounds or accepted values),
 * its default and its documentation. `loadConfig` reads each variable through this table, and the README's
 * configuration table is generated from it (`envVarsMarkdown`; `env-vars.spec.ts` fails when it drifts).
 */

/** Accepted values of NODE_ENV. */
export const NODE_ENVS = ['development', 'production', 'test'] as const;
/** One of {@link NODE_ENVS}. */
export type NodeEnv = (typeof NODE_ENVS)[number];

/** Accepted values of LOG_LEVEL (pino levels). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Accepted values of LOG_FORMAT. */
export const LOG_FORMATS = ['pretty', 'json'] as const;
/** One of {@link LOG_FORMATS}. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Accepted values of DEMO_PACE: the seeded demo's deadlines days away (normal) or minutes away (fast). */
export const DEMO_PACES = ['normal', 'fast'] as const;
/** One of {@link DEMO_PACES}. */
export type DemoPace = (typeof DEMO_PACES)[number];

/**
 * One variable: `parse` turns its trimmed value (undefined when unset or blank) into its typed value,
 * adding a message naming `name` to `problems` when the value is bad (and then giving the default).
 */
export interface EnvVar<T> {
  parse(raw: string | undefined, name: string, problems: string[]): T;
  /** Default as a human reads it; undefined when the variable has none. */
  default?: string;
  meaning: string;
}

/** Documentation of one environment variable (a row of the README table). */
export interface EnvVarDoc {
  name: string;
  default?: string;
  meaning: string;
}

const text = (fallback: string, meaning: string): EnvVar<string> => ({
  parse: (raw) => raw ?? fallback,
  default: fallback,
  meaning,
});

const optionalText = (meaning: string): EnvVar<string | undefined> => ({ parse: (raw) => raw, meaning });

function int(fallback: number, min: number, max: number, meaning: string): EnvVar<number> {
  return {
    parse(raw, name, problems) {
      if (raw === undefined) return fallback;
      const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    },
    default: String(fallback),
    meaning,
  };
}

/** One of `allowed`; undefined when unset (the caller computes the default, documented as `defaultDoc`). */
function oneOfComputed<T extends string>(
  allowed: readonly T[],
  defaultDoc: string | undefined,
  meaning: string,
): EnvVar<T | undefined> {
  return {
    parse(raw, name, problems) {
      if (raw === undefined) return undefined;
      if ((allowed as readonly string[]).includes(raw)) return raw as T;
      problems.push(`${name} must be one of ${allowed.join(' | ')} (got "${raw}")`);
      return undefined;
    },
    ...(defaultDoc !== undefined && { default: defaultDoc }),
    meaning,
  };
}

function oneOf<T extends string>(allowed: readonly T[], fallback: T, meaning: string): EnvVar<T> {
  const inner = oneOfComputed(allowed, fallback, meaning);
  return { ...inner, parse: (raw, name, problems) => inner.parse(raw, name, problems) ?? fallback };
}

function url(schemes: string[], meaning: string): EnvVar<string | undefined> {
  return {
    parse(raw, name, problems) {
      if (raw === undefined) return undefined;
      if (schemes.some((s) => raw.startsWith(s) && raw.length > s.length)) return raw;
      problems.push(`${name} must start with ${schemes.join(' or ')}`);
      return undefined;
    },
    meaning,
  };
}

/** A comma-separated list of exact origins, each scheme://host[:port] with no path. */
function origins(meaning: string): EnvVar<string[]> {
  return {
    parse(raw, name, problems) {
      if (raw === undefined) return [];
      const list = raw
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== '');
      const bad = list.filter((o) => !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o));
      if (bad.length > 0)
        problems.push(
          `${name} must list origins like https://shop.example.cn, comma-separated (bad: ${bad.join(', ')})`,
        );
      return bad.length > 0 ? [] : list;
    },
    meaning,
  };
}

/** true or false; undefined when unset (the caller computes the default, documented as `defaultDoc`). */
function bool(defaultDoc: string | undefined, meaning: string): EnvVar<boolean | undefined> {
  return {
    parse(raw, name, problems) {
      if (raw === undefined) return undefined;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      problems.push(`${name} must be true or false (got "${raw}")`);
      return undefined;
    },
    ...(defaultDoc !== undefined && { default: defaultDoc }),
    meaning,
  };
}

/** The table, in README order. */
export const ENV = {
  NODE_ENV: oneOf(NODE_ENVS, 'development', 'development | production | test.'),
  HOST: text('0.0.0.0', 'Interface every app listens on.'),
  PORT_STOREFRONT: int(3001, 1, 65535, 'Port of the storefront app.'),
  PORT_WHOLESALE: int(3002, 1, 65535, 'Port of the wholesale app.'),
  PORT_KITCHEN: int(3003, 1, 65535, 'Port of the kitchen app.'),
  PORT_OPERATIONS: int(3004, 1, 65535, 'Port of the operations app.'),
  PORT_WORKER: int(3005, 1, 65535, 'Port of the worker (health and metrics only).'),
  DATA_DIR: text('./data', 'Directory of the embedded SQLite files and the generated JWT secret.'),
  EVENTSTORE_URL: url(
    ['esdb://', 'esdb+discover://'],
    'EventStoreDB connection string (esdb:// or esdb+discover://); when unset the embedded SQLite event store is used.',
  ),
  MONGODB_URI: url(
    ['mongodb://', 'mongodb+srv://'],
    'MongoDB connection string (mongodb:// or mongodb+srv://); when unset read models live in embedded SQLite.',
  ),
  JWT_SECRET: optionalText(
    'HS256 signing secret, at least 32 characters; required in production. Elsewhere, when unset, a random secret is generated once into DATA_DIR/jwt-secret (mode 0600) and shared by all local processes.',
  ),
  JWT_TTL_SECONDS: int(3600, 1, 31 * 24 * 3600, 'Lifetime of issued access tokens, in seconds.'),
  SEED_DEMO: bool(
    'true on the embedded default, false in production or with EVENTSTORE_URL/MONGODB_URI',
    'Seed demo master data and users on first start (true | false); refused in production.',
  ),
  DEMO_PACE: oneOf(
    DEMO_PACES,
    'normal',
    'Deadlines of the seeded demo, set at its first start: normal (campaigns cut off in 3 days, lots close in 2-6 hours, the kitchen cuts off at 16:00 the day before each weekday) | fast (the pear campaign cuts off 6 minutes, the first lot closes 8 minutes and the kitchen standing order cuts off 10 minutes after the first start; see the demo walk-through).',
  ),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info', 'Pino level: fatal | error | warn | info | debug | trace | silent.'),
  LOG_FORMAT: oneOfComputed(
    LOG_FORMATS,
    'pretty in development, json otherwise',
    'pretty: one readable line per entry (time, level, app, message, fields); json: one JSON object per line for log shippers.',
  ),
  CORS_ORIGINS: origins(
    'Comma-separated origins (https://host[:port]) whose browser pages may call the API; unset = no CORS headers (the UIs are served by the apps themselves and need none).',
  ),
  READ_WAIT_TIMEOUT_MS: int(
    5000,
    1,
    600_000,
    'How long a query with ?after=<position> waits for its read model before answering 503.',
  ),
  PROJECTION_LEASE_TTL_MS: int(
    15_000,
    300,
    600_000,
    'Lease of a worker on a projection (and the deadline ticker); renewed every third of it. A standby worker takes over this long after the holder dies.',
  ),
  COUNT_SECOND_APPROVAL_FEN: int(
    50_000,
    0,
    Number.MAX_SAFE_INTEGER,
    'A stock count whose total absolute variance at cost (fen) is above this needs a second, different operator to approve (50000 = ¥500).',
  ),
  PAYMENT_WINDOW_SECONDS: int(
    900,
    1,
    7 * 24 * 3600,
    'Seconds a group-buy order paid online has to be paid; after that it expires and its quota returns to the campaign.',
  ),
  LEADER_COMMISSION_BPS: int(
    500,
    0,
    10_000,
    'Group leader commission per completed group-buy order, in basis points of the order amount (500 = 5%).',
  ),
  LIVE_STREAMS_PER_USER: int(
    8,
    1,
    10_000,
    'Live board streams (GET /lots/live, /lots/{id}/live) one signed-in user may hold open in one wholesale process; one more is answered 429 with Retry-After.',
  ),
  LIVE_STREAMS_PER_LOT: int(
    2500,
    1,
    1_000_000,
    'Live board streams of one lot (the market board counts as a lot of its own) in one wholesale process; beyond it 503 with Retry-After.',
  ),
  LIVE_STREAMS_MAX: int(
    5000,
    1,
    1_000_000,
    'Live board streams of one wholesale process in all; beyond it 503 with Retry-After.',
  ),
  STOREFRONT_STREAMS_PER_USER: int(
    8,
    1,
    10_000,
    'Live order streams (GET /orders/{id}/live) one signed-in user may hold open in one storefront process; one more is answered 429 with Retry-After.',
  ),
  STOREFRONT_STREAMS_MAX: int(
    5000,
    1,
    1_000_000,
    'Live streams (campaign progress and orders) of one storefront process in all; beyond it 503 with Retry-After.',
  ),
  LIVE_MAX_BUFFER_BYTES: int(
    256 * 1024,
    1024,
    64 * 1024 * 1024,
    'Bytes of live-board frames a client may leave unread (its socket buffer) before the stream is dropped; it reconnects with Last-Event-ID.',
  ),
  STRIPE_SECRET_KEY: optionalText('Stripe API key; set together with STRIPE_WEBHOOK_SECRET to enable Stripe payments.'),
  STRIPE_WEBHOOK_SECRET: optionalText('Stripe webhook signing secret; set together with STRIPE_SECRET_KEY.'),
  STRIPE_API_URL: url(
    ['http://', 'https://'],
    'Base URL of the Stripe API (http:// or https://, e.g. http://127.0.0.1:12111 for stripe-mock or the test fake); when unset the SDK talks to api.stripe.com. Used only when Stripe is enabled.',
  ),
} satisfies Record<string, EnvVar<unknown>>;

/** Name of a variable of {@link ENV}. */
export type EnvVarName = keyof typeof ENV;
/** The parsed value of variable `N`. */
export type EnvValue<N extends EnvVarName> = ReturnType<(typeof ENV)[N]['parse']>;

/** Every environment variable the apps read, in README order. */
export const ENV_VARS: readonly EnvVarDoc[] = Object.entries(ENV).map(([name, v]: [string, EnvVar<unknown>]) => ({
  name,
  ...(v.default !== undefined && { default: v.default }),
  meaning: v.meaning,
}));

/** The ENV_VARS table as Markdown, for the README. */
export function envVarsMarkdown(): string {
  // A literal `|` would end a Markdown table cell.
  const escape = (text: string): string => text.replaceAll('|', '\\|');
  const cell = (d: string | undefined): string => (d === undefined ? '—' : /\s/.test(d) ? escape(d) : `\`${d}\``);
  const rows = ENV_VARS.map((v) => `| \`${v.name}\` | ${cell(v.default)} | ${escape(v.meaning)} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
