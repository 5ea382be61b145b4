/**
 * `npm run bench:soak` — memory over a long run: appends many events to many streams against an in-process
 * embedded node through the real client (BatchAppend), reads each stream back now and then (as a service loads
 * an aggregate before writing), and prints RSS and heap after a GC at intervals. With the node's per-stream
 * caches bounded, the figures level off once the caches are full; with them unbounded they grow per stream.
 *
 * Options (env): SOAK_EVENTS (default 100000) events in all; SOAK_STREAMS (default 25000) distinct streams;
 * SOAK_BATCH (default 5) events per append; SOAK_WRITERS (default 8) concurrent writers; SOAK_REPORTS (default
 * 10) lines printed; SOAK_CACHE — the node's streamCacheSize (default: the node's default; a huge value shows
 * the unbounded behaviour for comparison).
 *
 * Figures only, no assertions: times and memory depend on the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EmbeddedEventStoreNode } from '@app/event-store';

const EVENTS = Number(process.env.SOAK_EVENTS ?? 100_000);
const STREAMS = Number(process.env.SOAK_STREAMS ?? 25_000);
const BATCH = Number(process.env.SOAK_BATCH ?? 5);
const WRITERS = Number(process.env.SOAK_WRITERS ?? 8);
const REPORTS = Number(process.env.SOAK_REPORTS ?? 10);
const CACHE = process.env.SOAK_CACHE ? Number(process.env.SOAK_CACHE) : undefined;

const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

function memoryLine(label: string, node: EmbeddedEventStoreNode, started: number): string {
  gc?.();
  const m = process.memoryUsage();
  const caches = node.cacheSizes;
  return [
    label.padEnd(22),
    `rss ${(m.rss / MiB).toFixed(1).padStart(6)} MiB`,
    `heap ${(m.heapUsed / MiB).toFixed(1).padStart(6)} / ${(m.heapTotal / MiB).toFixed(1).padStart(6)} MiB`,
    `external ${(m.external / MiB).toFixed(1).padStart(5)} MiB`,
    `cached streams ${String(caches.streams).padStart(6)}`,
    `metadata ${String(caches.metadata).padStart(6)}`,
    `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`,
  ].join('  ');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sagsforloeb-soak-'));
  const node = await EmbeddedEventStoreNode.start({ port: 0, dataDir: dir, streamCacheSize: CACHE });
  const client = EventStoreDBClient.connectionString(node.connectionString);
  const started = Date.now();
  const appends = Math.ceil(EVENTS / BATCH);
  const reportEvery = Math.max(1, Math.floor(appends / REPORTS));
  process.stdout.write(
    `soak: ${EVENTS} events in appends of ${BATCH} over ${STREAMS} streams, ${WRITERS} writers, ` +
      `stream cache ${CACHE ?? 'default'}${gc ? '' : ' (no --expose-gc: figures include garbage)'}\n`,
  );
  process.stdout.write(`${memoryLine('start', node, started)}\n`);
  try {
    let next = 0;
    const writer = async () => {
      for (let n = next++; n < appends; n = next++) {
        const stream = `soak-person-${n % STREAMS}`;
        const events = Array.from({ length: BATCH }, (_, i) =>
          jsonEvent({ type: 'FactRecorded.v1', data: { n, i, note: 'soak' } }),
        );
        await client.appendToStream(stream, events);
        // Every tenth append reads its stream back first-to-last, as loading an aggregate does.
        if (n % 10 === 0) for await (const _ of client.readStream(stream)) void _;
        if ((n + 1) % reportEvery === 0) {
          const line = memoryLine(`${(n + 1) * BATCH} events`, node, started);
          process.stdout.write(`${line}\n`);
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    await new Promise((r) => setTimeout(r, 1000));
    process.stdout.write(`${memoryLine('idle after 1 s', node, started)}\n`);
  } finally {
    await client.dispose();
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
