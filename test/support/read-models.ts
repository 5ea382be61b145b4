import type { Kysely } from 'kysely';
import { openReadModel, type ReadModelConfig } from '@app/projections';
import { freshPostgresDatabase, type TestDatabase } from './postgres';

/**
 * The read-model databases a read-model spec runs against: SQLite in memory (the embedded default) and a
 * fresh PostgreSQL database (production), so `describe.each(READ_MODEL_DIALECTS)` proves both give one answer.
 */
export const READ_MODEL_DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof READ_MODEL_DIALECTS)[number];

export interface TestReadModels {
  /** Where the read models are: give it to the code under test. */
  config(name: string): ReadModelConfig;
  open<DB>(name: string): Kysely<DB>;
  /** Drops the PostgreSQL database (after every handle on it is destroyed). */
  drop(): Promise<void>;
}

export async function testReadModels(dialect: Dialect): Promise<TestReadModels> {
  let database: TestDatabase | undefined;
  if (dialect === 'postgres') database = await freshPostgresDatabase('read_model');
  const config = (name: string): ReadModelConfig => ({
    sqlitePath: ':memory:',
    databaseUrl: database?.url,
    name,
  });
  return {
    config,
    open: <DB>(name: string) => openReadModel<DB>(config(name)),
    drop: async () => database?.drop(),
  };
}
