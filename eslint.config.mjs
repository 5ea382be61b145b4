import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'jest.config.js', 'test/support/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The client package may only be imported by libs/event-store (see README, Architecture).
      'no-restricted-imports': ['error', { patterns: ['@eventstore/db-client*'] }],
    },
  },
  {
    // The conformance tests and the store benchmark exercise the embedded node through the real client.
    files: ['libs/event-store/**/*.ts', 'test/conformance/**/*.ts', 'test/support/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
