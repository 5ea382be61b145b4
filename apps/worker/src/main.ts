/**
 * The worker: runs the projections and the deadline sweep (each while it holds its lease in the shared
 * PostgreSQL) and serves no HTTP, so API instances started with PROJECTIONS=off only answer requests.
 * `npm run start:worker`; configured by the same variables as the API (README, "Configuration").
 */
// First: the instrumentations must patch http and the EventStoreDB client before anything loads them.
import '../../api/src/observability/tracing';
import 'reflect-metadata';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { eventStoreConfigFromEnv } from '@app/event-store';
import { personalDataSettingsFromEnv } from '@app/personal-data';
import { reminderWindowsFromEnv } from '@app/deadlines';
import { AppModule } from '../../api/src/app.module';
import { readModelSettingsFromEnv } from '../../api/src/contact-process/read-model.settings';
import { loggingSettingsFromEnv } from '../../api/src/observability/logging';
import { metricsSettingsFromEnv } from '../../api/src/observability/metrics-endpoint';

async function main(): Promise<void> {
  const eventStore = eventStoreConfigFromEnv();
  // An embedded node of its own would be a second, empty store: the worker joins the one the API uses.
  if (!eventStore.connectionString)
    throw new Error('EVENTSTORE_CONNECTION_STRING must name the event store the API instances use');
  const readModel = readModelSettingsFromEnv(process.env, resolve('data', 'read-models.sqlite'));
  if (readModel.projections === 'off')
    throw new Error('PROJECTIONS=off leaves a worker nothing to do: unset it for the worker');
  const intervalMinutes = Number(process.env.DEADLINE_SWEEP_INTERVAL_MINUTES ?? 60);
  if (!Number.isFinite(intervalMinutes) || intervalMinutes < 0)
    throw new Error(
      'DEADLINE_SWEEP_INTERVAL_MINUTES must be a number of minutes ≥ 0 (0 turns the sweep off)',
    );
  const context = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      eventStore,
      personalData: personalDataSettingsFromEnv(process.env, { embedded: false }),
      readModel,
      clock: { now: () => new Date() },
      deadlineSweep: { intervalMinutes, reminders: reminderWindowsFromEnv(process.env) },
      metrics: { ...metricsSettingsFromEnv(), processMetrics: true },
      logging: loggingSettingsFromEnv(),
    }),
    { logger: ['error', 'warn', 'log'], bufferLogs: true },
  );
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  process.stdout.write(
    `Sagsforløb worker is running: projections and the deadline sweep, read models in ${
      readModel.databaseUrl ? 'PostgreSQL (READ_MODEL_DATABASE_URL)' : readModel.sqlitePath
    }\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`Sagsforløb worker could not start: ${error.message}\n`);
  process.exit(1);
});
