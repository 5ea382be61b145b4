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

/** 30 s per test for the specs that do I/O (see the file). */
const IO_TIMEOUT = '<rootDir>/test/support/io-spec-timeout.js';

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // A throw-away PostgreSQL for the read-model, keyring and multi-instance specs (or TEST_DATABASE_URL's).
  globalSetup: '<rootDir>/test/support/postgres-cluster.js',
  globalTeardown: '<rootDir>/test/support/postgres-cluster-teardown.js',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] },
    {
      ...base,
      displayName: 'int',
      testMatch: ['<rootDir>/**/*.int.spec.ts'],
      setupFilesAfterEnv: [IO_TIMEOUT],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/**/*.e2e.spec.ts'],
      setupFilesAfterEnv: [IO_TIMEOUT],
    },
  ],
};
