import { sql } from 'kysely';
import { Client } from 'pg';
import { freshPostgresDatabase, type TestDatabase } from '../../../test/support/postgres';
import { openGenerationsAdmin, openPostgresReadModel } from './postgres-read-model';

/** The backend pids of the sessions open on `database`, seen from the admin database. */
async function sessionsOn(admin: Client, database: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  return rows.map((r) => r.pid);
}

/** Retries `attempt` every 20 ms until it succeeds (a connection the server ended is noticed asynchronously). */
async function eventually<T>(attempt: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('a PostgreSQL read model whose idle connections the server ends', () => {
  let database: TestDatabase;
  let admin: Client;

  beforeAll(async () => {
    database = await freshPostgresDatabase('pgread_idle');
    admin = new Client({ connectionString: new URL('/postgres', database.url).toString() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await database.drop();
  });

  // Without an 'error' listener on the pool, pg throws the server's 57P01 from the socket's handler and the
  // process (here: the spec file) dies with "Unhandled error".
  it.each([
    ['the read model', () => openPostgresReadModel<unknown>({ url: database.url, name: 'idle' })],
    ['the generations admin', () => openGenerationsAdmin(database.url)],
  ])('%s lives on, and its next query connects again', async (_what, open) => {
    const db = open();
    try {
      await sql`SELECT 1`.execute(db);
      const pids = await sessionsOn(admin, database.name);
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const { rows } = await eventually(() => sql<{ n: number }>`SELECT 2 AS n`.execute(db));
      expect(rows[0]?.n).toBe(2);
    } finally {
      await db.destroy();
    }
  });
});
