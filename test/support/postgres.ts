import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The admin URL of the suite's PostgreSQL server: the throw-away cluster jest's globalSetup started
 * (test/support/postgres-cluster.js), or the one TEST_DATABASE_URL names.
 */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'TEST_DATABASE_URL is not set: run the specs through jest (its globalSetup starts PostgreSQL)',
    );
  return url;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new, empty database on the suite's server, so spec files never see each other's tables. */
export async function freshPostgresDatabase(prefix = 'spec'): Promise<TestDatabase> {
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new Client({ connectionString: testServerUrl() });
      await client.connect();
      try {
        await sessionsEnded(client, name);
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Waits (at most `boundMs`) for the sessions on `name` to be gone. A pool's end() resolves once it has asked
 * its connections to close, before the server has ended them; DROP … WITH (FORCE) would then terminate them
 * (57P01) under a client that believes itself closed. FORCE stays for what a failed spec left open.
 */
async function sessionsEnded(admin: Client, name: string, boundMs = 5_000): Promise<void> {
  const until = Date.now() + boundMs;
  for (;;) {
    const { rows } = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    if (rows[0]?.n === 0 || Date.now() >= until) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
