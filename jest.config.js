// Three levels of tests (see ../shared/STYLE.md §7), each its own jest project.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const base = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // A throw-away PostgreSQL for the read-model, keyring and multi-instance specs (or TEST_DATABASE_URL's).
  globalSetup: '<rootDir>/test/support/postgres-cluster.js',
  globalTeardown: '<rootDir>/test/support/postgres-cluster-teardown.js',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] },
    // An int or e2e spec talks gRPC to a node and often HTTP to the app: on a busy 2-core machine a step can
    // take more than jest's 5 s, which is a budget for a unit test, not for them (speed is measured by benches).
    { ...base, displayName: 'int', testMatch: ['<rootDir>/**/*.int.spec.ts'], testTimeout: 30_000 },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/**/*.e2e.spec.ts'], testTimeout: 30_000 },
  ],
};
