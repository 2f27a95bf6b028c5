/** Documentation of one environment variable, kept beside the parser so the README cannot drift. */
export interface EnvVarDoc {
  name: string;
  /** Default as a human reads it; undefined when the variable has none. */
  default?: string;
  meaning: string;
}

/** Every environment variable the apps read, in README order. */
export const ENV_VARS: readonly EnvVarDoc[] = [
  { name: 'NODE_ENV', default: 'development', meaning: 'development | production | test.' },
  { name: 'HOST', default: '0.0.0.0', meaning: 'Interface every app listens on.' },
  { name: 'PORT_STOREFRONT', default: '3001', meaning: 'Port of the storefront app.' },
  { name: 'PORT_WHOLESALE', default: '3002', meaning: 'Port of the wholesale app.' },
  { name: 'PORT_KITCHEN', default: '3003', meaning: 'Port of the kitchen app.' },
  { name: 'PORT_OPERATIONS', default: '3004', meaning: 'Port of the operations app.' },
  { name: 'PORT_WORKER', default: '3005', meaning: 'Port of the worker (health and metrics only).' },
  { name: 'DATA_DIR', default: './data', meaning: 'Directory of the embedded SQLite files and the generated JWT secret.' },
  {
    name: 'EVENTSTORE_URL',
    meaning: 'EventStoreDB connection string (esdb:// or esdb+discover://); when unset the embedded SQLite event store is used.',
  },
  {
    name: 'MONGODB_URI',
    meaning: 'MongoDB connection string (mongodb:// or mongodb+srv://); when unset read models live in embedded SQLite.',
  },
  {
    name: 'JWT_SECRET',
    meaning:
      'HS256 signing secret, at least 32 characters; required in production. Elsewhere, when unset, a random secret is generated once into DATA_DIR/jwt-secret (mode 0600) and shared by all local processes.',
  },
  { name: 'JWT_TTL_SECONDS', default: '3600', meaning: 'Lifetime of issued access tokens, in seconds.' },
  {
    name: 'SEED_DEMO',
    default: 'true on the embedded default, false in production or with EVENTSTORE_URL/MONGODB_URI',
    meaning: 'Seed demo master data and users on first start (true | false); refused in production.',
  },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'Pino level: fatal | error | warn | info | debug | trace | silent.' },
  {
    name: 'READ_WAIT_TIMEOUT_MS',
    default: '5000',
    meaning: 'How long a query with ?after=<position> waits for its read model before answering 503.',
  },
  {
    name: 'PROJECTION_LEASE_TTL_MS',
    default: '15000',
    meaning:
      'Lease of a worker on a projection (and the deadline ticker); renewed every third of it. A standby worker takes over this long after the holder dies.',
  },
  {
    name: 'COUNT_SECOND_APPROVAL_FEN',
    default: '50000',
    meaning: 'A stock count whose total absolute variance at cost (fen) is above this needs a second, different operator to approve (50000 = ¥500).',
  },
  {
    name: 'PAYMENT_WINDOW_SECONDS',
    default: '900',
    meaning: 'Seconds a group-buy order paid online has to be paid; after that it expires and its quota returns to the campaign.',
  },
  {
    name: 'LEADER_COMMISSION_BPS',
    default: '500',
    meaning: 'Group leader commission per completed group-buy order, in basis points of the order amount (500 = 5%).',
  },
  { name: 'STRIPE_SECRET_KEY', meaning: 'Stripe API key; set together with STRIPE_WEBHOOK_SECRET to enable Stripe payments.' },
  { name: 'STRIPE_WEBHOOK_SECRET', meaning: 'Stripe webhook signing secret; set together with STRIPE_SECRET_KEY.' },
  {
    name: 'STRIPE_API_URL',
    meaning:
      'Base URL of the Stripe API (http:// or https://, e.g. http://127.0.0.1:12111 for stripe-mock or the test fake); when unset the SDK talks to api.stripe.com. Used only when Stripe is enabled.',
  },
];

/** The ENV_VARS table as Markdown, for the README. */
export function envVarsMarkdown(): string {
  // A literal `|` would end a Markdown table cell.
  const escape = (text: string): string => text.replaceAll('|', '\\|');
  const cell = (d: string | undefined): string => (d === undefined ? '—' : /\s/.test(d) ? escape(d) : `\`${d}\``);
  const rows = ENV_VARS.map((v) => `| \`${v.name}\` | ${cell(v.default)} | ${escape(v.meaning)} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
