import type { INestApplication } from '@nestjs/common';
import { createApp } from '../src/app';
import type { AppConfig } from '../src/app.module';

/** The API on an in-memory embedded node and read model, with an optional fixed clock. */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<INestApplication> {
  const app = await createApp(
    {
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0 },
      readModel: { sqlitePath: ':memory:' },
      clock: { now: () => new Date() },
      ...overrides,
    },
    { logger: false },
  );
  await app.init();
  return app;
}
