/**
 * The embedded node in its worker thread (as `npm start` runs it) against the node on the API's own thread:
 * facts/s recorded through HTTP by 16 clients, and the API main thread's CPU per fact (from /proc, the main
 * thread alone) beside the whole process's. Each layout gets a fresh data folder, read model and keyring.
 *
 *   npm run bench:node-thread
 *
 * Env: BENCH_THREAD_PERSONS (default 100 persons, ~10 facts each), BENCH_THREAD_ROUNDS (2; the layouts
 * alternate which goes first, since whichever runs later finds the API's code already optimised). Figures
 * only. Linux only (/proc).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { RecordCommand } from '@app/contact-process';
import { createApp } from '../apps/api/src/app';
import { personCommands } from '../apps/demo/src/population';
import { benchTokens, FACT_TYPE_OF } from './bench-support';

const PERSONS = Number(process.env.BENCH_THREAD_PERSONS ?? 100);
const ROUNDS = Number(process.env.BENCH_THREAD_ROUNDS ?? 2);
const CLIENTS = 16;
/** As bench:ingest: a day within the population's years, facts after it left out (they would be refused). */
const TODAY = '2024-09-15';
const happenedBy = (c: RecordCommand) =>
  !Object.entries(c.data).some(([f, v]) => f.endsWith('On') && typeof v === 'string' && v > TODAY);
const { auth, tokenOf } = benchTokens();

/** CPU seconds of this process's main thread (its task id is the process id). */
function mainThreadCpu(): number {
  const stat = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function persons(tag: string) {
  return Array.from({ length: PERSONS }, (_, i) => {
    const all = personCommands(i * 997);
    const later = all.findIndex((c) => !happenedBy(c));
    return {
      id: `${tag}-${i}`,
      commands: later === -1 ? all : all.slice(0, later),
      next: 0,
      org: {
        akasse: (all[1].data as { akasseId: string }).akasseId,
        jobcenter: (all[2].data as { jobcenterId: string }).jobcenterId,
      },
    };
  });
}

async function run(nodeThread: boolean, tag: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sagsforloeb-bench-thread-'));
  const app = await createApp(
    {
      eventStore: { dataDir: join(dir, 'node'), host: '127.0.0.1', port: 0, nodeThread },
      personalData: { keyringPath: join(dir, 'person-keys.sqlite'), secret: randomBytes(32) },
      readModel: { sqlitePath: join(dir, 'read-model.sqlite') },
      clock: { now: () => new Date(`${TODAY}T12:00:00Z`) },
      auth,
    },
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const queue = persons(tag);
  let facts = 0;
  let next = 0;
  const start = process.hrtime.bigint();
  const mainBefore = mainThreadCpu();
  const processBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < queue.length) {
        const p = queue[next++];
        for (const command of p.commands) {
          const response = await fetch(`${base}/persons/${p.id}/facts`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${await tokenOf(p.org[command.recordedBy], command.recordedBy)}`,
            },
            body: JSON.stringify({
              eventId: randomUUID(),
              factType: FACT_TYPE_OF[command.type],
              recordedBy: command.recordedBy,
              data: command.data,
            }),
          });
          const text = await response.text();
          if (response.status !== 201) throw new Error(`${response.status} ${text}`);
          facts += 1;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const main = mainThreadCpu() - mainBefore;
  const all = process.cpuUsage(processBefore);
  console.log(
    `${nodeThread ? 'node in its thread ' : 'node on API thread'}  ${facts} facts  ${Math.round(facts / seconds)} facts/s` +
      `  API main thread ${((main * 1000) / facts).toFixed(2)} ms CPU/fact` +
      `  process ${((all.user + all.system) / 1000 / facts).toFixed(2)} ms CPU/fact`,
  );
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? [true, false] : [false, true];
    for (const nodeThread of order) await run(nodeThread, `r${round}${nodeThread ? 't' : 'i'}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
