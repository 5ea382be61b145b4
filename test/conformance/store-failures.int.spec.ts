import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeadlineExceededError,
  EventStoreDBClient,
  UnavailableError,
  UnknownError,
  jsonEvent,
} from '@eventstore/db-client';
import { DataFolderError, EmbeddedEventStoreNode } from '@app/event-store';
import {
  collect,
  refuseEventInserts,
  startTestNode,
  uniqueStream,
  type TestNode,
} from '../support/embedded-node';
import { exited, spawnNodeProcess } from '../support/node-process';

jest.setTimeout(60_000);

const adminCredentials = { username: 'admin', password: 'changeit' };
const anEvent = (n: number) => jsonEvent({ type: 'SomethingHappened', data: { n } });
const numbers = async (t: TestNode, stream: string) =>
  (await collect(t.client.readStream(stream))).map((e) => (e.event!.data as { n: number }).n);

describe('embedded node: SQLite failures during a write', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sagsforloeb-faults-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  describe('while another connection holds the write lock', () => {
    let t: TestNode;
    let dataDir: string;
    let other: Database.Database;
    beforeAll(async () => {
      dataDir = tempDir();
      t = await startTestNode({ dataDir, busyTimeoutMs: 50 });
    });
    afterAll(() => t.stop());
    const holdWriteLock = () => {
      other = new Database(join(dataDir, 'events.sqlite'));
      other.exec('BEGIN IMMEDIATE');
    };
    const release = () => {
      other.exec('ROLLBACK');
      other.close();
    };

    it('fails that BatchAppend with a timeout, keeps serving, and takes the next append after release', async () => {
      const stream = uniqueStream('locked-batch');
      await t.client.appendToStream(stream, anEvent(0));
      holdWriteLock();
      const error = await t.client
        .appendToStream(stream, anEvent(1), { expectedRevision: 0n })
        .catch((e) => e);
      const readWhileLocked = await numbers(t, stream);
      release();
      const next = await t.client.appendToStream(stream, anEvent(2), { expectedRevision: 0n });
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect(readWhileLocked).toEqual([0]);
      expect(next.nextExpectedRevision).toBe(1n);
      expect(await numbers(t, stream)).toEqual([0, 2]);
    });

    it('fails that classic Append with UNAVAILABLE naming the lock, and takes the next one after release', async () => {
      const stream = uniqueStream('locked-append');
      await t.client.appendToStream(stream, anEvent(0), { credentials: adminCredentials });
      holdWriteLock();
      const error = await t.client
        .appendToStream(stream, anEvent(1), { expectedRevision: 0n, credentials: adminCredentials })
        .catch((e) => e);
      release();
      const next = await t.client.appendToStream(stream, anEvent(2), {
        expectedRevision: 0n,
        credentials: adminCredentials,
      });
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error.message).toMatch(/locked by another connection \(SQLITE_BUSY\).*nothing was written/);
      expect(next.nextExpectedRevision).toBe(1n);
      expect(await numbers(t, stream)).toEqual([0, 2]);
    });

    it('fails a delete and a tombstone with UNAVAILABLE, and leaves the stream as it was', async () => {
      const stream = uniqueStream('locked-delete');
      await t.client.appendToStream(stream, anEvent(0));
      holdWriteLock();
      const deleteError = await t.client.deleteStream(stream).catch((e) => e);
      const tombstoneError = await t.client.tombstoneStream(stream).catch((e) => e);
      release();
      expect(deleteError).toBeInstanceOf(UnavailableError);
      expect(tombstoneError).toBeInstanceOf(UnavailableError);
      expect(await numbers(t, stream)).toEqual([0]);
    });
  });

  it('rolls back a write SQLite refuses midway and answers the next ones from what is stored', async () => {
    const dataDir = tempDir();
    const t = await startTestNode({ dataDir });
    const stream = uniqueStream('refused');
    // Another connection makes SQLite refuse the event row, after the node has created the stream row.
    const refusal = refuseEventInserts(dataDir, `NEW.stream_name = '${stream}'`);
    const error = await t.client
      .appendToStream(stream, [anEvent(1), anEvent(2)], { expectedRevision: 'no_stream' })
      .catch((e) => e);
    refusal.lift();
    const retry = await t.client.appendToStream(stream, anEvent(3), { expectedRevision: 'no_stream' });
    const elsewhere = await t.client.appendToStream(uniqueStream('after'), anEvent(4));
    await t.stop();

    // A restart reads only what SQLite holds: the stream exists once, with the retried event only.
    const again = await startTestNode({ dataDir });
    try {
      const stored = await collect(again.client.readStream(stream));
      expect(error).toBeInstanceOf(UnknownError);
      expect(error.message).toMatch(
        /could not be written \(SQLITE_CONSTRAINT_TRIGGER: refused by the test\)/,
      );
      expect(retry.nextExpectedRevision).toBe(0n);
      expect(stored.map((e) => (e.event!.data as { n: number }).n)).toEqual([3]);
      expect(stored[0].event!.position).toEqual(retry.position);
      expect(elsewhere.position!.commit).toBeGreaterThan(retry.position!.commit);
    } finally {
      await again.stop();
    }
  });

  describe('one node per data folder', () => {
    it('refuses a second node on the same folder, in the same process, naming the folder and the holder', async () => {
      const dataDir = tempDir();
      const first = await EmbeddedEventStoreNode.start({ port: 0, dataDir });
      const error = await EmbeddedEventStoreNode.start({ port: 0, dataDir }).catch((e) => e);
      const client = EventStoreDBClient.connectionString(first.connectionString);
      const stillServing = await client.appendToStream('kept', anEvent(1));
      await client.dispose();
      await first.stop();
      const afterStop = await EmbeddedEventStoreNode.start({ port: 0, dataDir });
      await afterStop.stop();
      expect(error).toBeInstanceOf(DataFolderError);
      expect(error.message).toContain(
        `The data folder ${dataDir} is in use by another node (pid ${process.pid})`,
      );
      expect(stillServing.nextExpectedRevision).toBe(0n);
    });

    it('refuses a second node process on the same folder with a clear message', async () => {
      const dataDir = tempDir();
      const first = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: dataDir, EVENTSTORE_PORT: '0' });
      try {
        const refused = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: dataDir, EVENTSTORE_PORT: '0' }).catch(
          (e) => e,
        );
        expect(refused.code).toBe(1);
        expect(refused.output).toContain(`is in use by another node (pid ${first.child.pid})`);
        const client = EventStoreDBClient.connectionString(first.connectionString);
        const written = await client.appendToStream('kept', anEvent(1));
        await client.dispose();
        expect(written.nextExpectedRevision).toBe(0n);
      } finally {
        first.child.kill('SIGTERM');
        await exited(first.child);
      }
    });

    it('starts on a folder whose previous node was killed with kill -9', async () => {
      const dataDir = tempDir();
      const first = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: dataDir, EVENTSTORE_PORT: '0' });
      const c1 = EventStoreDBClient.connectionString(first.connectionString);
      const written = await c1.appendToStream('survivor', anEvent(1));
      await c1.dispose();
      first.child.kill('SIGKILL');
      await exited(first.child);

      const second = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: dataDir, EVENTSTORE_PORT: '0' });
      const c2 = EventStoreDBClient.connectionString(second.connectionString);
      try {
        const [event] = await collect(c2.readStream('survivor'));
        const next = await c2.appendToStream('survivor', anEvent(2), { expectedRevision: 0n });
        expect(event.event!.position).toEqual(written.position);
        expect(next.nextExpectedRevision).toBe(1n);
      } finally {
        await c2.dispose();
        second.child.kill('SIGTERM');
        await exited(second.child);
      }
    });
  });
});
