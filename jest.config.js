// Three projects: unit (pure specs beside the code), contract (port suites), e2e (HTTP, processes).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
// The @gx/* aliases come from tsconfig.json's paths (their one source; see scripts/alias-map.js).
const moduleNameMapper = require('./scripts/alias-map').jestModuleNameMapper();
// The web UIs' own alias (Vite's), for unit tests of UI modules that use the shared web library.
moduleNameMapper['^@gx/web/(.*)$'] = '<rootDir>/libs/web/src/$1';
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  // Hooks boot whole stacks; on a busy 2-core machine that can take longer than Jest's 5 s default.
  testTimeout: 30_000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/test/bench/**/*.spec.ts',
        '<rootDir>/test/web/**/*.spec.ts',
      ],
    },
    { ...base, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
    // The UIs in Debian's Chromium (playwright-core) against a real stack; see test/browser/support.
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser.spec.ts'] },
    // The same e2e suite on EventStoreDB + MongoDB adapters (wire-level doubles unless real servers are configured).
    {
      ...base,
      displayName: 'e2e-production',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
      setupFiles: ['<rootDir>/test/e2e/support/production-stores.setup.ts'],
      // The platform suite exercises HTTP cross-cutting concerns on a store of its own, the hostile-input and
      // input-rules suites the HTTP layer above the ports (refused before any store call), the launcher and CORS
      // suites no store at all, the demo-pace suite the seeder's schedule on an injected clock: once is enough.
      // The desk suites below drive screens' endpoints whose store work the suites kept here already cover on these
      // adapters (wholesale-live: the log subscription; kitchen: deadlines and fulfilment; accounts and erasure: the
      // write side and the key store; the document-store contract: the queries): run once, on the embedded stores.
      testPathIgnorePatterns: [
        '/node_modules/',
        '/dist/',
        ...[
          'platform',
          'hostile-input',
          'input-rules',
          'start-app',
          'cors',
          'demo-pace',
          'wholesale-desk',
          'kitchen-portal',
          'day-deadlines',
          'parties',
          'me',
        ].map((name) => `/${name}\\.e2e\\.spec\\.ts$`),
      ],
    },
  ],
};
