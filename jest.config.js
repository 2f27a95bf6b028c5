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
const moduleNameMapper = {
  '^@gx/(domain|eventstore|readstore|platform|application|payments|testing)$': '<rootDir>/libs/$1/src/index.ts',
  '^@gx/(domain|eventstore|readstore|platform|application|payments|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/bench/**/*.spec.ts'] },
    { ...base, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
    // The same e2e suite on EventStoreDB + MongoDB adapters (wire-level doubles unless real servers are configured).
    {
      ...base,
      displayName: 'e2e-production',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
      setupFiles: ['<rootDir>/test/e2e/support/production-stores.setup.ts'],
      // The platform suite exercises HTTP cross-cutting concerns on a store of its own: once is enough.
      testPathIgnorePatterns: ['/node_modules/', '/dist/', 'platform\\.e2e\\.spec\\.ts$'],
    },
  ],
};
