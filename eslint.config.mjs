// ESLint (flat config): typescript-eslint's recommended rules, Prettier owns formatting (eslint-config-prettier),
// and the import boundaries of the layers (see README "Architecture in brief"), which extend
// libs/domain/src/purity.spec.ts to every layer.
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Drivers and adapters: only the store pool (and the adapters' own libraries and tests) may import them. */
const ADAPTERS = {
  paths: [
    { name: 'better-sqlite3', message: 'Infrastructure stays behind the ports: use the StorePool.' },
    { name: 'mongodb', message: 'Infrastructure stays behind the ports: use the StorePool.' },
    { name: '@eventstore/db-client', message: 'Infrastructure stays behind the ports: use the StorePool.' },
    { name: 'stripe', message: 'Payments go through the PaymentGateway port (PaymentsModule).' },
    {
      name: '@gx/eventstore',
      importNames: ['SqliteEventStore', 'EsdbEventStore'],
      message: 'Event store adapters are chosen by the StorePool (libs/application/src/kernel/store-pool.ts).',
    },
    {
      name: '@gx/readstore',
      importNames: ['SqliteDocumentStore', 'MongoDocumentStore'],
      message: 'Document store adapters are chosen by the StorePool (libs/application/src/kernel/store-pool.ts).',
    },
    { name: '@gx/payments', importNames: ['StripeGateway', 'OfflineGateway'], message: 'Use the PaymentGateway port.' },
  ],
  patterns: [
    {
      group: ['@gx/eventstore/sqlite/*', '@gx/eventstore/esdb/*', '@gx/readstore/sqlite/*', '@gx/readstore/mongo/*'],
      message: 'Adapters are chosen by the StorePool.',
    },
    { group: ['@gx/payments/stripe/*', '@gx/payments/offline/*'], message: 'Use the PaymentGateway port.' },
    { group: ['@gx/testing', '@gx/testing/*'], message: 'Test doubles belong to tests.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'docs/**',
      'coverage/**',
      'libs/web/src/api/**',
      'apps/*/web/dist/**',
      '**/*.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,mts,js,mjs}'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // A variable declared before the closure that reads it and assigned after (a stream, a feed) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  // Tests read answers field by field (supertest's `res.body` is `any`).
  {
    files: ['test/**', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', 'scripts/**', 'libs/web/scripts/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The domain is pure TypeScript: other domain files (relative) and pure libraries only.
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!\\.|rrule$)', message: 'The domain imports only other domain files and pure libraries.' },
          ],
        },
      ],
    },
  },
  // Apps and the application layer reach infrastructure only through the ports and the StorePool.
  {
    files: ['apps/*/src/**/*.ts', 'libs/application/src/**/*.ts', 'libs/platform/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/application/src/kernel/store-pool.ts'],
    rules: { 'no-restricted-imports': ['error', ADAPTERS] },
  },
  // The web UIs talk HTTP only: no server library.
  {
    files: ['apps/*/web/src/**/*.ts', 'libs/web/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@gx/*', '!@gx/web', '!@gx/web/*', '@nestjs/*', 'node:*'],
              message: 'The UI talks to the API over HTTP only (and shares libs/web).',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
