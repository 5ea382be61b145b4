import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { CONTACT_PROCESS_CATALOGUE, ContactProcessRecorder, type RecordCommand } from '@app/contact-process';
import { aPerson, aYoungPerson, interview } from '@app/contact-process/testing';
import { DeadlinesProjection, type DeadlinesReadModel } from '@app/deadlines';
import {
  connectEventStore,
  type EventStore,
  type EventStoreConnection,
  type Position,
  type SubscriptionMessage,
} from '@app/event-store';
import { localDate } from '@app/legal-time';
import { protectPersonalData, type ProtectedStore } from '@app/personal-data';
import {
  buildingGeneration,
  headPosition,
  liveGeneration,
  markBuildingGeneration,
  openReadModel,
  openSqliteReadModel,
  ProjectionRunner,
  rebuildReadModel,
  resolveLiveReadModel,
} from '@app/projections';
import { freshPostgresDatabase } from '../../../test/support/postgres';
import { runProjectionsCli } from './projections.cli';

/** The deadlines tables' primary keys: their rows compared in one order from SQLite and PostgreSQL. */
const PRIMARY_KEYS: Record<string, string[]> = {
  contact_process_states: ['person_id'],
  deadlines: ['person_id', 'obligation_key'],
};

const ROOT = join(__dirname, '..', '..', '..');
const TABLES = ['contact_process_states', 'deadlines'];
const d = localDate;
const actor = { organisation: 'akasse-3f', role: 'integration', user: 'sys-1' };

/** Every row of every table of the deadlines read model, ordered by primary key. */
function rowsOf(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      TABLES.map((table) => {
        const keys = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; pk: number }>)
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name);
        return [table, db.prepare(`SELECT * FROM ${table} ORDER BY ${keys.join(', ')}`).all()];
      }),
    );
  } finally {
    db.close();
  }
}

/** Every row of every read-model table of a SQLite file (its checkpoint tables left out), in a stable order. */
function everyRowOf(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'projection_%' ORDER BY name`,
      )
      .all() as Array<{ name: string }>;
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT * FROM ${name}`).all() as unknown[]).map((row) => JSON.stringify(row)).sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

function checkpointIn(path: string): bigint | null {
  if (!existsSync(path)) return null;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'`)
      .get();
    if (!hasTable) return null;
    const row = db
      .prepare(`SELECT commit_position FROM projection_checkpoints WHERE name = 'deadlines'`)
      .get() as { commit_position: string } | undefined;
    return row ? BigInt(row.commit_position) : null;
  } finally {
    db.close();
  }
}

/** The CLI in this process, its output collected. */
async function cli(args: string[], env: Record<string, string>, now?: Date) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runProjectionsCli(args, {
    env: { ...process.env, EVENTSTORE_CONNECTION_STRING: '', ...env },
    stdout,
    stderr,
    now: now ? () => now : undefined,
  });
  return { code, out, err };
}

/** The CLI as its own process, as `npm run projections` starts it. */
function spawnCli(args: string[], env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'apps/projections/src/main.ts',
      ...args,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        EVENTSTORE_CONNECTION_STRING: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

/** A store whose subscriptions restart at the beginning of $all whatever they ask for, and send each event twice. */
function deliveringTwice(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property !== 'subscribeToAll') {
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (options: Parameters<EventStore['subscribeToAll']>[0] = {}) => {
        const inner = target.subscribeToAll({ ...options, fromPosition: 'start' });
        return {
          unsubscribe: () => inner.unsubscribe(),
          buffered: () => inner.buffered(),
          async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
            for await (const message of inner) {
              yield message;
              if (message.kind === 'event') yield message;
            }
          },
        };
      };
    },
  });
}

describe('npm run projections', () => {
  let connection: EventStoreConnection;
  let folder: string;
  let now = new Date('2024-03-20T10:00:00Z');
  let env: Record<string, string>;
  let recorder: ContactProcessRecorder;
  let protectedStore: ProtectedStore;
  /** The live read model as it was when the first half of the caseload had been recorded (on 20 March). */
  let firstHalf: { position: Position; rows: Record<string, unknown[]> };

  const record = (personId: string, command: RecordCommand) =>
    recorder.record(personId, command, {
      eventId: randomUUID(),
      actor,
      correlationId: randomUUID(),
      causationId: null,
    });

  /** A small caseload: facts, placement, registration, an interview, hours and a CV per person. */
  async function recordCaseload(personIds: string[]): Promise<Position> {
    let last: Position | undefined;
    await Promise.all(
      personIds.map(async (personId, i) => {
        const commands: RecordCommand[] = [
          {
            type: 'RecordPersonFacts',
            recordedBy: 'akasse',
            data: (i % 3 ? aPerson() : aYoungPerson()).data,
          },
          {
            type: 'PlaceInBenefitPeriod',
            recordedBy: 'akasse',
            data: {
              benefitPeriodId: `bp-${personId}`,
              akasseId: i % 2 ? 'akasse-3f' : 'akasse-krifa',
              insurance: 'full-time',
              placedOn: d('2024-03-01'),
              continuingPlacement: false,
            },
          },
          {
            type: 'RegisterAsJobseeker',
            recordedBy: 'akasse',
            data: { registeredOn: d('2024-03-04'), jobcenterId: `jc-${100 + (i % 4)}` },
          },
          {
            type: 'RecordJobInterview',
            recordedBy: 'akasse',
            data: interview(i % 2 ? '2024-03-12' : '2024-03-19', { interviewId: `i-${personId}` }).data,
          },
          { type: 'MarkCvComplete', recordedBy: 'akasse', data: { markedOn: d('2024-03-15'), by: 'akasse' } },
        ];
        for (const command of commands) {
          const { position } = await record(personId, command);
          if (position && (!last || position.commit > last.commit)) last = position;
        }
      }),
    );
    return last!;
  }

  const persons = (from: number, count: number) => Array.from({ length: count }, (_, i) => `p-${from + i}`);

  beforeAll(async () => {
    connection = await connectEventStore({
      dataDir: ':memory:',
      host: '127.0.0.1',
      port: 0,
      clock: { now: () => now },
    });
    folder = mkdtempSync(join(tmpdir(), 'projections-cli-'));
    // Personal fields encrypted under the keyring the CLI opens too, as the service and the CLI share one.
    const secret = randomBytes(32);
    protectedStore = await protectPersonalData(
      connection.store,
      {
        keyringPath: join(folder, 'person-keys.sqlite'),
        secret,
      },
      CONTACT_PROCESS_CATALOGUE,
    );
    const store = protectedStore.store;
    recorder = new ContactProcessRecorder(store, { now: () => now });
    env = {
      EVENTSTORE_HOST: '127.0.0.1',
      EVENTSTORE_PORT: String(connection.embeddedNode!.port),
      PERSONAL_DATA_KEY: secret.toString('base64'),
      PERSON_KEYS_SQLITE_PATH: join(folder, 'person-keys.sqlite'),
    };

    // Recorded on 20 March, while the live projection runs beside.
    const liveDb = openSqliteReadModel<DeadlinesReadModel>({
      sqlitePath: join(folder, 'live-snapshot.sqlite'),
    });
    const live = new ProjectionRunner(store, liveDb, new DeadlinesProjection(store));
    await live.start();
    const position = await recordCaseload(persons(1, 60));
    await live.waitFor(position);
    await live.stop();
    await liveDb.destroy();
    firstHalf = { position, rows: rowsOf(join(folder, 'live-snapshot.sqlite')) };

    // Recorded on 21 March; and interviews held after all for half of the first persons.
    now = new Date('2024-03-21T09:00:00Z');
    await recordCaseload(persons(61, 60));
    for (const personId of persons(1, 30))
      await record(personId, {
        type: 'RecordJobInterview',
        recordedBy: 'akasse',
        data: interview('2024-03-21', { interviewId: `i2-${personId}` }).data,
      });
  }, 120_000);

  afterAll(async () => {
    await connection.close();
    await protectedStore.keyring.close();
    rmSync(folder, { recursive: true, force: true });
  });

  let freshRows: Record<string, unknown[]> | undefined;
  /** A rebuild from scratch, uninterrupted, of everything recorded so far. */
  async function freshRebuild(): Promise<Record<string, unknown[]>> {
    if (freshRows) return freshRows;
    const readModelPath = join(folder, 'fresh', 'read-models.sqlite');
    const { code, err } = await cli(['rebuild', 'deadlines'], {
      ...env,
      READ_MODEL_SQLITE_PATH: readModelPath,
    });
    expect({ code, err }).toMatchObject({ code: 0 });
    freshRows = rowsOf(resolveLiveReadModel(readModelPath));
    return freshRows;
  }

  describe('rebuild', () => {
    it('--all rebuilds every projection from one read and ends with what rebuilding each alone ends with', async () => {
      const base = (sub: string) => join(folder, sub, 'read-models.sqlite');
      const alone: Record<string, Record<string, unknown[]>> = {};
      for (const name of ['deadlines', 'supervision', 'access_log']) {
        const { code, err } = await cli(['rebuild', name], {
          ...env,
          READ_MODEL_SQLITE_PATH: base('each-alone'),
        });
        expect({ code, err }).toMatchObject({ code: 0 });
      }
      const all = await cli(['rebuild', '--all'], { ...env, READ_MODEL_SQLITE_PATH: base('all-at-once') });
      expect({ code: all.code, err: all.err }).toMatchObject({ code: 0 });
      expect(all.out).toContain('rebuilding deadlines, supervision, access_log from one read of $all');

      const files = {
        deadlines: 'read-models.sqlite',
        supervision: 'supervision.sqlite',
        access_log: 'access-log.sqlite',
      };
      const together: typeof alone = {};
      for (const [name, file] of Object.entries(files)) {
        alone[name] = everyRowOf(resolveLiveReadModel(join(folder, 'each-alone', file)));
        together[name] = everyRowOf(resolveLiveReadModel(join(folder, 'all-at-once', file)));
        expect(all.out).toMatch(
          new RegExp(`switched: generation 2 \\(.*${file.replace('.sqlite', '')}\\.g2\\.sqlite\\) is live`),
        );
      }
      expect(together).toEqual(alone);
      expect(together.deadlines.deadlines.length).toBeGreaterThan(0);
      expect(rowsOf(resolveLiveReadModel(base('all-at-once')))).toEqual(await freshRebuild());
    }, 120_000);

    it('--all with one projection failing still switches the others, names the failed one and exits 1', async () => {
      const base = join(folder, 'one-fails', 'read-models.sqlite');
      // Supervision's generation 2 is being rebuilt by another process that still runs (jest's own parent).
      mkdirSync(join(folder, 'one-fails'), { recursive: true });
      markBuildingGeneration(join(folder, 'one-fails', 'supervision.sqlite'), {
        generation: 2,
        projection: 'supervision',
        startedAt: new Date().toISOString(),
        pid: process.ppid,
      });
      const { code, out, err } = await cli(['rebuild', '--all'], { ...env, READ_MODEL_SQLITE_PATH: base });
      expect(code).toBe(1);
      expect(err).toMatch(/^failed: supervision: generation 2 of .* is being rebuilt by process \d+/m);
      expect(err).toContain('1 of 3 projections failed: supervision');
      expect(out).toMatch(/switched: generation 2 \(.*read-models\.g2\.sqlite\) is live/);
      expect(out).toMatch(/switched: generation 2 \(.*access-log\.g2\.sqlite\) is live/);
      expect(liveGeneration(join(folder, 'one-fails', 'supervision.sqlite')).generation).toBe(1);
      expect(rowsOf(resolveLiveReadModel(base))).toEqual(await freshRebuild());
    }, 120_000);

    it('takes a projection name or --all, not both', async () => {
      const { code, err } = await cli(['rebuild', 'deadlines', '--all'], env);
      expect(code).toBe(2);
      expect(err).toContain('rebuild takes a projection name or --all, not both');
    });

    it('killed with SIGKILL half-way and run again, continues its generation and ends row for row as a fresh rebuild', async () => {
      const readModelPath = join(folder, 'killed', 'read-models.sqlite');
      const head = (await headPosition(connection.store))!.commit;
      const killed = spawnCli(['rebuild', 'deadlines'], {
        ...env,
        READ_MODEL_SQLITE_PATH: readModelPath,
        PROJECTIONS_BATCH_SIZE: '1',
      });
      // Killed as soon as a part of the new generation is committed.
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && killed.child.exitCode === null) {
        const building = buildingGeneration(readModelPath);
        let at: bigint | null = null;
        try {
          at = building ? checkpointIn(building.path) : null;
        } catch {
          // The file is being created by the child: look again.
        }
        if (at !== null && at > 0n) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      killed.child.kill('SIGKILL');
      expect(await killed.exited).toEqual({ code: null, signal: 'SIGKILL' });

      const unfinished = buildingGeneration(readModelPath)!;
      const reached = checkpointIn(unfinished.path)!;
      expect(unfinished.generation).toBe(2);
      expect(reached).toBeGreaterThan(0n);
      expect(reached).toBeLessThan(head);
      expect(liveGeneration(readModelPath).generation).toBe(1);

      const resumed = await cli(['rebuild', 'deadlines'], { ...env, READ_MODEL_SQLITE_PATH: readModelPath });
      expect(resumed.code).toBe(0);
      expect(resumed.out).toContain(
        `into generation 2 (${unfinished.path}), continuing from position ${reached}`,
      );
      expect(buildingGeneration(readModelPath)).toBeNull();
      expect(liveGeneration(readModelPath)).toMatchObject({ generation: 2, path: unfinished.path });
      expect(rowsOf(unfinished.path)).toEqual(await freshRebuild());
    }, 120_000);

    it('given every event delivered twice and again from the start, ends row for row as a fresh rebuild', async () => {
      const readModelPath = join(folder, 'twice', 'read-models.sqlite');
      const result = await rebuildReadModel({
        store: deliveringTwice(protectedStore.store),
        projection: (store) => new DeadlinesProjection(store),
        readModelPath,
        batchSize: 7,
      });
      expect(result).toMatchObject({ generation: 2, switched: true });
      expect(rowsOf(result.path)).toEqual(await freshRebuild());
    }, 60_000);

    describe('blue/green', () => {
      it('the old generation answers until the switch, the new one after it, and the live runner carries on in the new one', async () => {
        const readModelPath = join(folder, 'blue-green', 'read-models.sqlite');
        // The API: its runner and queries on the live generation, following the pointer.
        const api = openSqliteReadModel<DeadlinesReadModel>({
          sqlitePath: readModelPath,
          followLiveGeneration: true,
          pointerCheckMs: 0,
        });
        const apiRunner = new ProjectionRunner(
          protectedStore.store,
          api,
          new DeadlinesProjection(protectedStore.store),
        );
        await apiRunner.start();
        await apiRunner.waitFor((await headPosition(connection.store))!);
        // A row only generation 1 has, to tell the generations apart.
        await sql`INSERT INTO contact_process_states (person_id, state) VALUES ('only-in-generation-1', '{}')`.execute(
          api,
        );
        const marker = () =>
          api
            .selectFrom('contact_process_states')
            .select('person_id')
            .where('person_id', '=', 'only-in-generation-1')
            .executeTakeFirst();

        let duringRebuild: Promise<unknown> | undefined;
        const result = await rebuildReadModel({
          store: protectedStore.store,
          projection: (store) => new DeadlinesProjection(store),
          readModelPath,
          onStart: () => (duringRebuild = marker()),
        });
        expect(await duringRebuild).toEqual({ person_id: 'only-in-generation-1' });
        expect(result).toMatchObject({ generation: 2, switched: true });
        expect(await marker()).toBeUndefined();

        // A fact recorded after the switch reaches the new generation through the API's runner, once.
        now = new Date('2024-03-22T09:00:00Z');
        const { position } = await record('p-61', {
          type: 'RecordJobInterview',
          recordedBy: 'akasse',
          data: interview('2024-03-22', { interviewId: 'i3-p-61' }).data,
        });
        await apiRunner.waitFor(position!);
        await apiRunner.stop();
        await api.destroy();
        freshRows = undefined;
        expect(rowsOf(result.path)).toEqual(await freshRebuild());
      }, 60_000);
    });
  });

  describe('replay', () => {
    it('up to a commit position holds what the live read model held at that position', async () => {
      const out = join(folder, 'audit', 'by-position.sqlite');
      const { code, out: printed } = await cli(
        ['replay', 'deadlines', '--until', firstHalf.position.commit.toString(), '--out', out],
        { ...env, READ_MODEL_SQLITE_PATH: join(folder, 'untouched', 'read-models.sqlite') },
      );
      expect(code).toBe(0);
      expect(printed).toContain(`written to ${out}`);
      expect(rowsOf(out)).toEqual(firstHalf.rows);
      expect(rowsOf(out)).not.toEqual(await freshRebuild());
      expect(existsSync(join(folder, 'untouched', 'read-models.sqlite'))).toBe(false);
    }, 60_000);

    it('up to a day holds what the live read model held at the end of that Copenhagen day', async () => {
      const readModelPath = join(folder, 'replay-by-day', 'read-models.sqlite');
      const { code, out: printed } = await cli(['replay', 'deadlines', '--until', '2024-03-20'], {
        ...env,
        READ_MODEL_SQLITE_PATH: readModelPath,
      });
      const out = join(folder, 'replay-by-day', 'replays', 'deadlines.until-2024-03-20.sqlite');
      expect(code).toBe(0);
      expect(printed).toContain(`up to position ${firstHalf.position.commit}`);
      expect(rowsOf(out)).toEqual(firstHalf.rows);
    }, 60_000);
  });

  describe('status', () => {
    it('shows the live generation, its checkpoint, events applied and lag', async () => {
      const readModelPath = join(folder, 'twice', 'read-models.sqlite');
      const { code, out } = await cli(['status'], { ...env, READ_MODEL_SQLITE_PATH: readModelPath });
      expect(code).toBe(0);
      expect(out).toContain('event store: the running embedded node at esdb://127.0.0.1:');
      expect(out).toMatch(/live: +generation 2 \(.*read-models\.g2\.sqlite, switched /);
      expect(out).toMatch(/checkpoint: +position \d+/);
      expect(out).toMatch(/lag: +[1-9]\d* events after the checkpoint/); // the blue/green test recorded one since
      expect(out).toContain('last error:  none recorded');
    }, 60_000);
  });

  describe('with the read models in PostgreSQL (READ_MODEL_DATABASE_URL)', () => {
    it('rebuilds into a new schema, switches the pointer row, and holds row for row what a SQLite rebuild holds', async () => {
      const database = await freshPostgresDatabase('cli');
      try {
        const pgEnv = { ...env, READ_MODEL_DATABASE_URL: database.url };
        const first = await cli(['rebuild', 'deadlines'], pgEnv);
        expect(first).toMatchObject({ code: 0 });
        expect(first.out).toContain('rebuilding deadlines into generation 2 (schema deadlines_g2)');
        const second = await cli(['rebuild', 'deadlines'], pgEnv);
        expect(second.out).toContain('switched: generation 3 (schema deadlines_g3) is live');

        const status = await cli(['status'], pgEnv);
        expect(status.out).toMatch(/live: +generation 3 \(schema deadlines_g3, switched /);
        expect(status.out).toMatch(/checkpoint: +position \d+/);

        const live = openReadModel<DeadlinesReadModel>({
          sqlitePath: ':memory:',
          databaseUrl: database.url,
          name: 'deadlines',
          followLiveGeneration: true,
        });
        try {
          const inPostgres = Object.fromEntries(
            await Promise.all(
              Object.entries(PRIMARY_KEYS).map(async ([table, keys]) => {
                const { rows } = await sql<Record<string, unknown>>`
                  SELECT * FROM ${sql.table(table)} ORDER BY ${sql.join(keys.map((k) => sql.ref(k)))}`.execute(
                  live,
                );
                return [table, rows];
              }),
            ),
          );
          expect(inPostgres).toEqual(await freshRebuild());
        } finally {
          await live.destroy();
        }
      } finally {
        await database.drop();
      }
    }, 120_000);
  });
});
