import type { Kysely } from 'kysely';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { connectEventStore, type EventStoreConnection } from '@app/event-store';
import { freshPostgresDatabase, type TestDatabase } from '../../../test/support/postgres';
import { Client } from 'pg';
import { Lease } from './lease';
import { LeasedProjection } from './leased-projection';
import { ProjectionRunner } from './projection-runner';
import { openReadModel } from './read-model-database';
import { aCountedEvent, countingProjection, type CountsDb } from '../../../test/support/counting-projection';

type Db = CountsDb;
const counting = (hooks: { beforeApply?: () => Promise<void> } = {}) =>
  countingProjection({ prefix: 'shared-', ...hooks });
const anEvent = aCountedEvent;

/** Resolves when `condition` holds, looked at every 20 ms (what is asserted is the state, not the time). */
async function eventually(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

// Several instances and a take-over on a shared 2-core machine: more than jest's default 5 s to be safe.
jest.setTimeout(30_000);

describe('one PostgreSQL read model written from several instances', () => {
  let connection: EventStoreConnection;
  let database: TestDatabase;
  const handles: Array<Kysely<Db>> = [];
  /** What another instance opens: a pool of its own on the same read model. */
  const anInstance = (name: string) => {
    const db = openReadModel<Db>({ sqlitePath: ':memory:', databaseUrl: database.url, name });
    handles.push(db);
    return db;
  };
  const countIn = async (db: Kysely<Db>, stream: string) =>
    (await db.selectFrom('counts').select('n').where('stream_name', '=', stream).executeTakeFirst())?.n;

  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
    database = await freshPostgresDatabase('leases');
  });
  afterAll(async () => {
    for (const db of handles) await db.destroy();
    await database.drop();
    await connection.close();
  });

  describe('when two runners start at the same moment on an empty database', () => {
    it('both come up, and each event is applied once', async () => {
      const { position } = await connection.store.append(
        'shared-start',
        Array.from({ length: 30 }, () => anEvent()),
      );
      const a = new ProjectionRunner(connection.store, anInstance('together'), counting(), { batchSize: 3 });
      const b = new ProjectionRunner(connection.store, anInstance('together'), counting(), { batchSize: 3 });
      await Promise.all([a.start(), b.start()]);
      await Promise.all([a.waitFor(position!), b.waitFor(position!)]);
      await Promise.all([a.stop(), b.stop()]);
      expect(a.status().lastError).toBeNull();
      expect(b.status().lastError).toBeNull();
      expect(await countIn(handles[0], 'shared-start')).toBe(30);
    });
  });

  describe('when a second writer commits a batch the first is still committing', () => {
    it('waits on the checkpoint lock, finds the checkpoint moved, and drops its copy of the batch', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inApply = new Promise<void>((resolve) => (entered = resolve));
      const first = new ProjectionRunner(
        connection.store,
        anInstance('locked'),
        counting({
          beforeApply: async () => {
            entered();
            await gate; // holds its transaction open, the checkpoint locked
          },
        }),
      );
      const { position } = await connection.store.append('shared-locked', [anEvent(), anEvent()]);
      await first.start();
      await inApply;
      const second = new ProjectionRunner(connection.store, anInstance('locked'), counting());
      await second.start();
      release();
      await Promise.all([first.waitFor(position!), second.waitFor(position!)]);
      await Promise.all([first.stop(), second.stop()]);
      expect(await countIn(handles[handles.length - 1], 'shared-locked')).toBe(2);
      expect(second.status().lastError).toBeNull();
    });
  });

  describe('when the instance leads and a write is waited for', () => {
    it('is woken by the commit, without reading the stored checkpoint', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const db = openReadModel<Db>({ sqlitePath: ':memory:', name: 'woken' });
      handles.push(db);
      const leading = new LeasedProjection(connection.store, db, counting({ beforeApply: () => gate }), {
        pollMs: 60_000,
      });
      await leading.start();
      const { position } = await connection.store.append('shared-woken', [anEvent()]);
      const storedReads = jest.spyOn(leading, 'refreshStored');
      const waited = leading.waitFor(position!, 60_000);
      release();
      expect(await waited).toBe(true);
      expect(storedReads).not.toHaveBeenCalled();
      expect(await countIn(db, 'shared-woken')).toBe(1);
      await leading.stop();
    });
  });

  describe('given a lease held', () => {
    it('starts its job once, however often the holder checks it still holds it', async () => {
      let started = 0;
      const lease = new Lease({
        name: 'once',
        databaseUrl: database.url,
        retryMs: 20,
        onAcquired: async () => void (started += 1),
        onLost: async () => undefined,
      });
      lease.start();
      // The holder's session has answered a check after taking the lease: at least one later round went by.
      await eventually(async () => (await lastQueryOfLease(database.url, 'once')) === 'SELECT 1');
      expect(lease.isHeld()).toBe(true);
      expect(started).toBe(1);
      await lease.stop();
    });
  });

  describe('given a projection leased to instance A', () => {
    it('runs on A only, and is taken over by B when A is cut off; B applies what A had not', async () => {
      const leased = (db: Kysely<Db>, leaseDatabaseUrl: string) =>
        new LeasedProjection(connection.store, db, counting(), { leaseDatabaseUrl, leaseRetryMs: 100 });
      // A reaches PostgreSQL for its lease through a link that can be cut, as a network partition or a crash does.
      const link = await aLinkTo(database.url);
      const a = leased(anInstance('leased'), link.url);
      a.start();
      await eventually(() => a.isLeading());
      const b = leased(anInstance('leased'), database.url);
      await b.start();
      const early = await connection.store.append('shared-leased', [anEvent(), anEvent()]);
      // B, not leading, answers from what A stored.
      expect(await b.waitFor(early.position!, 10_000)).toBe(true);
      expect(b.isLeading()).toBe(false);

      // A is cut off: its session ends, PostgreSQL lets go of A's lease, and A cannot take it again.
      const died = Date.now();
      link.cut();
      await eventually(() => b.isLeading());
      const tookOverMs = Date.now() - died;
      const late = await connection.store.append('shared-leased', [anEvent()]);
      expect(await b.waitFor(late.position!, 10_000)).toBe(true);
      expect(await countIn(handles[handles.length - 1], 'shared-leased')).toBe(3);
      process.stdout.write(`lease taken over in ${tookOverMs} ms\n`);
      await Promise.all([a.stop(), b.stop()]);
    });

    it('is handed to B as soon as A stops', async () => {
      const leased = (db: Kysely<Db>) =>
        new LeasedProjection(connection.store, db, counting(), {
          leaseDatabaseUrl: database.url,
          leaseRetryMs: 100,
        });
      const a = leased(anInstance('handed'));
      await a.start();
      await eventually(() => a.isLeading());
      const b = leased(anInstance('handed'));
      await b.start();
      await a.stop();
      await eventually(() => b.isLeading());
      const { position } = await connection.store.append('shared-handed', [anEvent()]);
      expect(await b.waitFor(position!, 10_000)).toBe(true);
      expect(b.status()).toMatchObject({ leading: true, lastError: null });
      await b.stop();
    });
  });
});

/** A TCP link to PostgreSQL that can be cut: every connection through it is destroyed, and no new one gets through. */
async function aLinkTo(url: string): Promise<{ url: string; cut(): void }> {
  const target = new URL(url);
  const sockets: Socket[] = [];
  const server: Server = createServer((incoming) => {
    const outgoing = connect(Number(target.port), target.hostname);
    sockets.push(incoming, outgoing);
    incoming.pipe(outgoing).pipe(incoming);
    incoming.on('error', () => outgoing.destroy());
    outgoing.on('error', () => incoming.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const linked = new URL(url);
  linked.hostname = '127.0.0.1';
  linked.port = String((server.address() as AddressInfo).port);
  return {
    url: linked.toString(),
    cut: () => {
      server.close();
      sockets.forEach((s) => s.destroy());
    },
  };
}

async function lastQueryOfLease(url: string, name: string): Promise<string | undefined> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ query: string }>(
      'SELECT query FROM pg_stat_activity WHERE application_name = $1',
      [`sagsforloeb lease ${name}`],
    );
    return rows[0]?.query;
  } finally {
    await admin.end();
  }
}
