import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EmbeddedEventStoreNode, PortInUseError } from './embedded-node';
import { DataFolderInUseError } from './data-folder-lock';
import { EmbeddedNodeThread } from './node-thread';

jest.setTimeout(60_000);

describe('the embedded node in a worker thread', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'node-thread-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the client on its port and keeps what was appended across a restart', async () => {
    const first = await EmbeddedNodeThread.start({ dataDir, port: 0 });
    const client = EventStoreDBClient.connectionString(first.connectionString);
    await client.appendToStream('threaded', jsonEvent({ type: 'Happened', data: { n: 1 } }));
    await client.dispose();
    await first.stop();

    const second = await EmbeddedNodeThread.start({ dataDir, port: 0 });
    const again = EventStoreDBClient.connectionString(second.connectionString);
    const read = [];
    for await (const e of again.readStream('threaded')) read.push(e.event?.data);
    await again.dispose();
    await second.stop();
    expect(read).toEqual([{ n: 1 }]);
  });

  it('fails to start with the error the node in this thread would give: the folder or the port in use', async () => {
    const holder = await EmbeddedEventStoreNode.start({ dataDir, port: 0 });
    try {
      const folder = await EmbeddedNodeThread.start({ dataDir, port: 0 }).catch((e: Error) => e);
      expect(folder).toBeInstanceOf(DataFolderInUseError);
      const port = await EmbeddedNodeThread.start({ port: holder.port }).catch((e: Error) => e);
      expect(port).toBeInstanceOf(PortInUseError);
      expect((port as Error).message).toMatch(/port is already in use/);
    } finally {
      await holder.stop();
    }
  });
});
