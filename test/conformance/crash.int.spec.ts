import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, jsonEvent, type AppendResult } from '@eventstore/db-client';
import { exited, spawnNodeProcess } from '../support/node-process';

jest.setTimeout(90_000);

interface Batch {
  stream: string;
  ids: string[];
  acked?: { lastRevision: bigint; commit: bigint };
}

describe('embedded node: an acknowledged append is never lost', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sagsforloeb-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('survives kill -9 mid-load: every acknowledged event is there at the same position, no append half-exists', async () => {
    const first = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: dataDir, EVENTSTORE_PORT: '0' });
    const client = EventStoreDBClient.connectionString(first.connectionString);
    const batches: Batch[] = [];
    let stop = false;

    const writer = async (w: number) => {
      const stream = `crash-writer-${w}`;
      let expected: bigint | 'no_stream' = 'no_stream';
      while (!stop) {
        const events = Array.from({ length: 5 }, (_, i) => jsonEvent({ type: 'Loaded', data: { w, i } }));
        const batch: Batch = { stream, ids: events.map((e) => e.id) };
        batches.push(batch);
        try {
          const result: AppendResult = await client.appendToStream(stream, events, {
            expectedRevision: expected,
          });
          batch.acked = { lastRevision: result.nextExpectedRevision, commit: result.position!.commit };
          expected = result.nextExpectedRevision;
        } catch {
          return; // the node is gone
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    while (batches.filter((b) => b.acked).length < 200) await new Promise((r) => setTimeout(r, 10));
    first.child.kill('SIGKILL');
    await exited(first.child);
    stop = true;
    await Promise.all(writers);
    await client.dispose().catch(() => undefined);

    const acked = batches.filter((b) => b.acked);
    expect(acked.length).toBeGreaterThanOrEqual(200);

    const second = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: dataDir, EVENTSTORE_PORT: '0' });
    const reader = EventStoreDBClient.connectionString(second.connectionString);
    try {
      const byStream = new Map<string, Map<string, { revision: bigint; commit: bigint }>>();
      for (const stream of new Set(batches.map((b) => b.stream))) {
        const events = new Map<string, { revision: bigint; commit: bigint }>();
        try {
          for await (const e of reader.readStream(stream)) {
            events.set(e.event!.id, { revision: e.event!.revision, commit: e.event!.position!.commit });
          }
        } catch {
          // a writer whose first append was never acknowledged has no stream
        }
        byStream.set(stream, events);
      }
      for (const batch of batches) {
        const stored = byStream.get(batch.stream)!;
        const present = batch.ids.filter((id) => stored.has(id));
        // all or nothing
        expect([0, batch.ids.length]).toContain(present.length);
        if (batch.acked) {
          expect(present).toHaveLength(batch.ids.length);
          const last = stored.get(batch.ids[batch.ids.length - 1])!;
          expect(last.revision).toBe(batch.acked.lastRevision);
          expect(last.commit).toBe(batch.acked.commit);
        }
      }
      // and the log still takes writes after the crash, at the next position
      const before = [];
      for await (const e of reader.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 }))
        before.push(e);
      const after = await reader.appendToStream('after-crash', jsonEvent({ type: 'Loaded', data: {} }));
      expect(after.position!.commit).toBeGreaterThan(before[0].event!.position!.commit);
    } finally {
      await reader.dispose();
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  });
});
