// First: the instrumentations must patch http and the EventStoreDB client before anything loads them.
import './observability/tracing';
import { dirname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { eventStoreConfigFromEnv, type EventStoreConnection } from '@app/event-store';
import { personalDataSettingsFromEnv } from '@app/personal-data';
import { authSettingsFromEnv } from '@app/auth';
import { reminderWindowsFromEnv } from '@app/deadlines';
import { browserSignInFromEnv, type BrowserSignInSettings } from './access/browser-session.settings';
import { createApp } from './app';
import { httpTimeoutsFromEnv } from './common/http-timeouts';
import { healthSettingsFromEnv } from './health/health.settings';
import { readModelSettingsFromEnv } from './contact-process/read-model.settings';
import { cprKeysFromEnv } from './identity/cpr-key';
import { loggingSettingsFromEnv } from './observability/logging';
import { MetricsEndpoint, metricsSettingsFromEnv } from './observability/metrics-endpoint';
import { EVENT_STORE_CONNECTION } from './event-store.module';

async function main(): Promise<void> {
  // The embedded node (no EVENTSTORE_CONNECTION_STRING) runs in its own thread: its commits and encoding stay
  // off the event loop that serves requests.
  const eventStore = { ...eventStoreConfigFromEnv(), nodeThread: true };
  const readModel = readModelSettingsFromEnv(process.env, resolve('data', 'read-models.sqlite'));
  const deadlineSweep = {
    intervalMinutes: Number(process.env.DEADLINE_SWEEP_INTERVAL_MINUTES ?? 60),
    reminders: reminderWindowsFromEnv(process.env),
  };
  if (!Number.isFinite(deadlineSweep.intervalMinutes) || deadlineSweep.intervalMinutes < 0)
    throw new Error(
      'DEADLINE_SWEEP_INTERVAL_MINUTES must be a number of minutes ≥ 0 (0 turns the sweep off)',
    );
  const { settings: auth, devKeyFile } = await authSettingsFromEnv(process.env, {
    embedded: !eventStore.connectionString,
  });
  // The development CPR key lies beside the development token key (embedded defaults only).
  const cprKeys = cprKeysFromEnv(
    process.env,
    devKeyFile ? join(dirname(devKeyFile), 'dev-cpr-key') : undefined,
  );
  const browserSignIn = browserSignInFromEnv(process.env, { auth, devKeyFile });
  const personalData = personalDataSettingsFromEnv(process.env, { embedded: !eventStore.connectionString });
  const httpTimeouts = httpTimeoutsFromEnv();
  const app = await createApp(
    {
      eventStore,
      personalData,
      readModel,
      clock: { now: () => new Date() },
      deadlineSweep,
      auth,
      browserSignIn,
      cprKeys,
      health: healthSettingsFromEnv(),
      metrics: { ...metricsSettingsFromEnv(), processMetrics: true },
      logging: loggingSettingsFromEnv(),
    },
    { httpTimeouts },
  );
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(Number(process.env.PORT ?? 3000), host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const connection = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
  const base = `http://${host}:${port}`;
  const store = connection.embeddedNode
    ? `embedded EventStoreDB node at ${connection.connectionString} (data in ${eventStore.dataDir})`
    : 'EventStoreDB at EVENTSTORE_CONNECTION_STRING';
  const metricsAt = app.get(MetricsEndpoint).address();
  const metrics = metricsAt ? `http://${metricsAt.host}:${metricsAt.port}/metrics` : 'off (set METRICS_PORT)';
  const tokens = devKeyFile
    ? `development key ${devKeyFile}; mint one with\n           npm run token -- --role akasse-caseworker --org akasse-3f\n           and send it as "Authorization: Bearer <token>"`
    : `verified against ${process.env.AUTH_JWKS_URL ? 'AUTH_JWKS_URL' : 'AUTH_JWT_PUBLIC_KEY'} (issuer ${auth.issuer}, audience ${auth.audience})`;

  // Graceful shutdown: stop taking requests, then close the event-store client and the embedded node (which
  // ends open subscriptions and checkpoints the SQLite WAL).
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`shutdown failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Printed after the handlers exist: whoever reads it may signal us at once.
  process.stdout.write(
    `Sagsforløb is running.\n  health:  ${base}/health\n  ready:   ${base}/health/ready\n  OpenAPI: ${base}/docs\n  metrics: ${metrics}\n  events:  ${store}\n  tokens:  ${tokens}\n${signInLine(browserSignIn, base)}`,
  );
}

/** How a person reaches the HTML pages, for the start-up lines. */
function signInLine(settings: BrowserSignInSettings | undefined, base: string): string {
  if (!settings) return '';
  const how = settings.oidc ? `through ${settings.oidc.issuerUrl}` : 'on the development sign-in page';
  return `  browser: ${base}/dashboard (sign in ${how})\n`;
}

main().catch((error: Error) => {
  process.stderr.write(`Sagsforløb could not start: ${error.message}\n`);
  process.exit(1);
});
