import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventStoreDBClient,
  UnsupportedError,
  jsonEvent,
  persistentSubscriptionToStreamSettingsFromDefaults,
} from '@eventstore/db-client';
import { DataFolderError, EmbeddedEventStoreNode, PortInUseError } from '@app/event-store';
import { collect, startTestNode } from '../support/embedded-node';
import { exited, spawnNodeProcess } from '../support/node-process';

jest.setTimeout(60_000);

describe('embedded node: lifecycle', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sagsforloeb-node-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('listens on 127.0.0.1 by default, insecure', async () => {
    const node = await EmbeddedEventStoreNode.start({ port: 0 });
    expect(node.connectionString).toBe(`esdb://127.0.0.1:${node.port}?tls=false`);
    await node.stop();
  });

  it('refuses a port that is taken with a clear error', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const error = await EmbeddedEventStoreNode.start({ port }).catch((e) => e);
    blocker.close();
    expect(error).toBeInstanceOf(PortInUseError);
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain('already in use');
  });

  it('refuses an unusable data folder with a clear error', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const error = await EmbeddedEventStoreNode.start({ port: 0, dataDir: join(file, 'data') }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DataFolderError);
    expect(error.message).toContain(join(file, 'data'));
  });

  it('keeps events and positions across a restart on the same data folder', async () => {
    const dataDir = tempDir();
    const a = await EmbeddedEventStoreNode.start({ port: 0, dataDir });
    const c1 = EventStoreDBClient.connectionString(a.connectionString);
    const written = await c1.appendToStream('kept', [jsonEvent({ type: 'A', data: { n: 1 } })]);
    await c1.dispose();
    await a.stop();
    const b = await EmbeddedEventStoreNode.start({ port: 0, dataDir });
    const c2 = EventStoreDBClient.connectionString(b.connectionString);
    const [event] = await collect(c2.readStream('kept'));
    const system = (await collect(c2.readAll())).filter((e) => e.event!.streamId === '$settings');
    const next = await c2.appendToStream('kept', jsonEvent({ type: 'A', data: { n: 2 } }), {
      expectedRevision: 0n,
    });
    await c2.dispose();
    await b.stop();
    expect(event.event!.position).toEqual(written.position);
    expect(system).toHaveLength(1); // system events are written once, for a new database only
    expect(next.position!.commit).toBeGreaterThan(written.position!.commit);
  });

  it('stops gracefully on SIGTERM when run as its own process', async () => {
    const proc = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: tempDir(), EVENTSTORE_PORT: '0' });
    proc.child.kill('SIGTERM');
    const code = await exited(proc.child);
    expect({ code, signal: proc.child.signalCode, output: proc.output() }).toMatchObject({ code: 0 });
    expect(proc.output()).toContain('SIGTERM: stopping the node');
  });

  describe('features it does not have', () => {
    it('answers persistent subscriptions as a server without them does, without hanging', async () => {
      const t = await startTestNode();
      try {
        await expect(t.client.createPersistentSubscriptionToAll('group', {} as never)).rejects.toBeInstanceOf(
          UnsupportedError,
        );
        const error = await t.client
          .createPersistentSubscriptionToStream(
            's',
            'group',
            persistentSubscriptionToStreamSettingsFromDefaults(),
          )
          .catch((e) => e);
        expect(String(error.message)).toMatch(/UNIMPLEMENTED/);
      } finally {
        await t.stop();
      }
    });

    it('answers projections and a persistent-subscription read with UNIMPLEMENTED', async () => {
      const t = await startTestNode();
      try {
        expect(String((await t.client.createProjection('p', 'fromAll()').catch((e) => e)).message)).toMatch(
          /UNIMPLEMENTED/,
        );
        const sub = t.client.subscribeToPersistentSubscriptionToStream('s', 'group');
        const error = await new Promise<Error>((resolve) => sub.on('error', resolve));
        expect(error.message).toMatch(/UNIMPLEMENTED/);
      } finally {
        await t.stop();
      }
    });
  });
});
