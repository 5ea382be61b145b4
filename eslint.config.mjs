import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Boundaries (README, Architecture). The libs are layered; a lib imports only the libs below it:
 *
 *   legal-time  <-  event-store  <-  personal-data, projections, auth  <-  contact-process  <-  deadlines, supervision
 *   (access-log: the access log's events and read model, on event-store and projections alone)
 *
 * (personal-data is handed each process's catalogue and erasure; it knows no process.) Libs never import an
 * app or test/; an app never imports another app's sources or test/; only libs/event-store imports the
 * EventStoreDB client. Specs and test helpers may use test/support and, to test the wiring with real data, the
 * libs above their own. test/boundaries/import-boundaries.int.spec.ts proves each rule refuses what it should.
 */

const LIBS = [
  'legal-time',
  'event-store',
  'personal-data',
  'projections',
  'auth',
  'contact-process',
  'deadlines',
  'supervision',
  'access-log',
];
/** What each lib may import of the others: the libs below it. */
const BELOW = {
  'legal-time': [],
  'event-store': ['legal-time'],
  'personal-data': ['legal-time', 'event-store'],
  projections: ['legal-time', 'event-store'],
  auth: ['legal-time', 'event-store'],
  'contact-process': ['legal-time', 'event-store', 'personal-data'],
  deadlines: ['legal-time', 'event-store', 'personal-data', 'projections', 'contact-process'],
  supervision: ['legal-time', 'event-store', 'personal-data', 'projections', 'contact-process'],
  'access-log': ['legal-time', 'event-store', 'projections'],
};

const DB_CLIENT = {
  group: ['@eventstore/db-client*'],
  message: 'Only libs/event-store imports the EventStoreDB client; use @app/event-store.',
};
const TEST_CODE = {
  regex: '(^|/)test/',
  message: 'Production code never imports test/ (move what it needs into a lib or the app itself).',
};
const APP_CODE = {
  regex: '(^|/)apps/|^(\\.\\./)+[a-z-]+/src(/|$)',
  message: 'A lib never imports an app, nor another lib by its path: use its @app/... alias.',
};
/** Another app's (or lib's) sources by relative path, but for `allowed` (an app's entry point it runs). */
const otherAppCode = (allowed = []) => ({
  regex: `^(\\.\\./)+(?!${allowed.map((a) => a.replace(/[./]/g, '\\$&') + '$').join('|') || '$^'})[a-z-]+/src(/|$)`,
  message: "An app never imports another app's sources: move what they share into a lib (libs/, @app/...).",
});
const upward = (lib) => ({
  regex: `^@app/(${LIBS.filter((l) => l !== lib && !BELOW[lib].includes(l)).join('|')})(/|$)`,
  message: `libs/${lib} imports only the libs below it (${BELOW[lib].join(', ') || 'none'}): invert the dependency (let the caller hand in what it needs).`,
});
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const SPECS = ['**/*.spec.ts', 'apps/*/test/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'jest.config.js', 'test/support/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...restrict(DB_CLIENT),
    },
  },
  ...LIBS.map((lib) => ({
    files: [`libs/${lib}/**/*.ts`],
    ignores: SPECS,
    rules: restrict(...(lib === 'event-store' ? [] : [DB_CLIENT]), TEST_CODE, APP_CODE, upward(lib)),
  })),
  {
    files: ['apps/**/*.ts'],
    ignores: SPECS,
    rules: restrict(DB_CLIENT, TEST_CODE, otherAppCode()),
  },
  {
    // The demo starts the service in its own process before it seeds it: the API's entry point, nothing else.
    files: ['apps/demo/src/**/*.ts'],
    ignores: SPECS,
    rules: restrict(DB_CLIENT, TEST_CODE, otherAppCode(['api/src/main'])),
  },
  {
    // The worker is the API's module without HTTP (README, "Scaling out"): it boots that module and reads its
    // read-model, logging and metrics settings, and loads its tracing first (the same OTEL_* variables). Not yet
    // a lib of its own; the rule still refuses anything else of the API's.
    files: ['apps/worker/src/**/*.ts'],
    ignores: SPECS,
    rules: restrict(
      DB_CLIENT,
      TEST_CODE,
      otherAppCode([
        'api/src/app.module',
        'api/src/contact-process/read-model.settings',
        'api/src/observability/tracing',
        'api/src/observability/logging',
        'api/src/observability/metrics-endpoint',
      ]),
    ),
  },
  {
    // The conformance tests and the store benchmark exercise the embedded node through the real client
    // (libs/event-store's own block above leaves the client out of its restrictions).
    files: [
      'libs/event-store/**/*.spec.ts',
      'test/conformance/**/*.ts',
      'test/support/**/*.ts',
      'bench/**/*.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
);
