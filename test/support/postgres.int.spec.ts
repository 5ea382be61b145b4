import { Client } from 'pg';
import { freshPostgresDatabase } from './postgres';

describe("the suite's PostgreSQL", () => {
  it('gives each spec file a database of its own, on a real server', async () => {
    const database = await freshPostgresDatabase('support');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string; version: string }>(
        'SELECT current_database() AS db, version() AS version',
      );
      expect(rows[0].db).toBe(database.name);
      expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
