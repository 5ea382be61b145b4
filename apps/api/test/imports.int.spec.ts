import type { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contactProcessStream, type RecordCommand } from '@app/contact-process';
import { EventStore, WrongExpectedRevisionError, type EventStoreConnection } from '@app/event-store';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { ImportFacts, type RefusedLine } from '../src/contact-process/import-facts';
import { runImportCli } from '../src/import.cli';
import { Recorder } from '../src/contact-process/contact-process.providers';
import { actorFor, as, createTestApp, fact, integrationOf, type Client } from './test-app';

// Seeding through HTTP takes seconds on a loaded machine: the default 5 s is a unit test's.
jest.setTimeout(60_000);

/** One import line: the single endpoint's body with the person it is about. */
const line = (personId: string, body: object) => JSON.stringify({ personId, ...body });

/** A person's start, as the facts spec records it one request at a time. */
const startOf = (personId: string) => [
  fact('PersonFactsRecorded', {
    birthDate: '1985-04-02',
    hasVocationalEducation: true,
    hasCustodyOfChildrenAtHome: false,
    coveredByRepatriationAct: false,
    residencePermitYears: null,
  }),
  fact('PlacedInBenefitPeriod', {
    benefitPeriodId: `bp-${personId}`,
    akasseId: 'akasse-3f',
    insurance: 'full-time',
    placedOn: '2024-03-01',
    continuingPlacement: false,
  }),
  fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId: 'jc-101' }),
];

const interview = (heldOn: string) =>
  fact('JobInterviewHeld', {
    interviewId: `i-${randomUUID().slice(0, 8)}`,
    heldOn,
  });

/** The caseworker system `npm run import` would import as: the use case called without HTTP. */
const importCaller = {
  role: 'integration' as const,
  organisation: 'akasse-3f',
  organisationKind: 'akasse' as const,
  user: 'import-spec',
  purpose: null,
  jobOrderId: null,
  endpoint: 'spec import',
};

/** Issue #16 item 2: many persons' facts in one newline-delimited body, each line as the single endpoint takes it. */
describe('bulk import (POST /imports)', () => {
  let app: INestApplication;
  let system: Client;
  const now = new Date('2024-03-20T09:00:00Z');
  const post = (client: Client, lines: string[]) =>
    client
      .post('/imports')
      .set('Content-Type', 'application/x-ndjson')
      .send(lines.join('\n') + '\n');
  const storedIds = async (personId: string) =>
    (await app.get(EventStore).readStream(contactProcessStream(personId))).map((e) => e.metadata?.eventId);

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => now } });
    system = await as(app, integrationOf('akasse-3f'));
  });
  afterAll(() => app.close());

  describe('given the facts of two persons interleaved', () => {
    const anna = startOf('p-imp-anna');
    const bo = startOf('p-imp-bo');
    const lines = [
      line('p-imp-anna', anna[0]),
      line('p-imp-bo', bo[0]),
      line('p-imp-anna', anna[1]),
      line('p-imp-bo', bo[1]),
      line('p-imp-anna', anna[2]),
      line('p-imp-bo', bo[2]),
    ];

    it('records each person’s facts in their order, as the single endpoint would', async () => {
      const response = await post(system, lines).expect(200);
      expect(response.body).toEqual({ lines: 6, recorded: 6, duplicates: 0, refused: [] });
      expect(await storedIds('p-imp-anna')).toEqual(anna.map((f) => f.eventId));
      expect(await storedIds('p-imp-bo')).toEqual(bo.map((f) => f.eventId));
    });

    it('stores the personal fields sealed, as the single endpoint does', async () => {
      const [stored] = await app.get(EventStore).readStream(contactProcessStream('p-imp-anna'));
      expect(stored.data).toMatchObject({ birthDate: '1985-04-02' });
      const raw = await rawDataOf(app, contactProcessStream('p-imp-anna'));
      expect(raw).not.toContain('1985-04-02');
    });

    it('when run again, records nothing new and refuses nothing', async () => {
      const response = await post(system, lines).expect(200);
      expect(response.body).toEqual({ lines: 6, recorded: 0, duplicates: 6, refused: [] });
      expect(await storedIds('p-imp-anna')).toHaveLength(3);
    });
  });

  describe('given lines the single endpoint would refuse', () => {
    const start = startOf('p-imp-cy');
    const early = interview('2024-03-01'); // before the registration: C24-FIRST refuses it
    const held = interview('2024-03-12');
    const badDate = { ...interview('2024-03-13'), data: { ...interview('x').data, heldOn: '13/03/2024' } };
    let report: { lines: number; recorded: number; refused: object[] };

    beforeAll(async () => {
      const lines = [...start, early, badDate, held].map((body) => line('p-imp-cy', body));
      report = (await post(system, [...lines, '{not json', line('010190-1234', held)]).expect(200)).body;
    });

    it('reports each refused line with its number, code, field and rule', () => {
      expect(report.refused).toEqual([
        expect.objectContaining({
          line: 4,
          code: 'precondition-failed',
          field: 'heldOn',
          ruleId: 'C24-FIRST',
        }),
        expect.objectContaining({ line: 5, code: 'invalid-input', field: 'data.heldOn', ruleId: null }),
        expect.objectContaining({ line: 7, code: 'invalid-input', field: 'line' }),
        expect.objectContaining({ line: 8, code: 'invalid-input', field: 'personId' }),
      ]);
      expect(report.recorded).toBe(4);
    });

    it('stores nothing of a refused line, and decides the later lines without it', async () => {
      expect(await storedIds('p-imp-cy')).toEqual([...start.map((f) => f.eventId), held.eventId]);
    });
  });

  it('answers a line whose envelope is wrong, or whose shape the endpoint refuses, as the endpoint answers it', async () => {
    const personId = 'p-imp-envelope';
    await post(
      system,
      startOf(personId).map((fact) => line(personId, fact)),
    ).expect(200);
    const body = (fields: object) => JSON.stringify({ ...interview('2024-03-12'), ...fields });
    const bodies = [
      body({ eventId: 'not-a-uuid' }),
      body({ recordedBy: 'union', extra: 1 }),
      body({ actor: 'akasse-3f' }),
      body({ correlationId: 7 }),
      // Refused by the endpoint before its validation: a prototype key (JSON.stringify leaves one out, JSON
      // may hold it all the same), nesting too deep, a bidirectional override in a text.
      body({}).replace('"data":{', '"data":{"__proto__":{"x":1},'),
      body({ data: { nested: JSON.parse('[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]') } }),
      body({ data: { ...interview('x').data, heldOn: '2024-03-12', interviewId: 'i-\u202e1' } }),
      body({}), // recorded: the endpoint then answers it as the duplicate it is
    ];
    const report = (
      await post(
        system,
        bodies.map((text) => `{"personId":"${personId}",${text.slice(1)}`),
      ).expect(200)
    ).body as { refused: RefusedLine[] };
    for (const [index, text] of bodies.entries()) {
      const refused = report.refused.find((r) => r.line === index + 1);
      const response = await system
        .post(`/persons/${personId}/facts`)
        .set('Content-Type', 'application/json')
        .send(text);
      expect(refused ? { code: refused.code, field: refused.field, message: refused.message } : 201).toEqual(
        response.status === 201
          ? 201
          : { code: response.body.code, field: response.body.field ?? null, message: response.body.message },
      );
    }
    expect(report.refused).toHaveLength(7);
  });

  describe('access', () => {
    it('is refused to a caseworker (only caseworker systems import)', async () => {
      const caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
      const response = await post(caseworker, [line('p-imp-dan', startOf('p-imp-dan')[0])]).expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'not-for-this-role' });
      expect(await storedIds('p-imp-dan')).toEqual([]);
    });

    it('refuses a line about another a-kasse’s member as the single endpoint does, naming the line', async () => {
      const other = await as(app, integrationOf('akasse-hk'));
      const response = await post(other, [line('p-imp-anna', interview('2024-03-12'))]).expect(200);
      expect(response.body.refused).toEqual([
        expect.objectContaining({ line: 1, code: 'not-own-person', field: null }),
      ]);
    });
  });

  it('checks access before it answers a line as already there: another a-kasse learns nothing of stored ids', async () => {
    const anna = startOf('p-imp-eve');
    await post(
      system,
      anna.map((body) => line('p-imp-eve', body)),
    ).expect(200);
    const other = await as(app, integrationOf('akasse-hk'));
    const response = await post(other, [line('p-imp-eve', anna[2])]).expect(200);
    expect(response.body).toMatchObject({ duplicates: 0, refused: [{ line: 1, code: 'not-own-person' }] });
  });

  it('decides a person’s lines of a later batch on what the earlier batches stored, appended after them', async () => {
    // Batches of two lines: the next is read while one is appended, and each person's lines wait for theirs.
    const persons = ['p-imp-batch-a', 'p-imp-batch-b'];
    const starts = persons.map(startOf);
    const early = persons.map(() => interview('2024-03-01')); // before the registration: C24-FIRST refuses it
    const held = persons.map(() => interview('2024-03-12')); // after it: recorded once the registration is
    const rounds = [0, 1, 2, 3, 4].flatMap((round) =>
      persons.map((personId, p) =>
        line(personId, [starts[p][0], starts[p][1], starts[p][2], early[p], held[p]][round]),
      ),
    );
    const progress: number[] = [];
    const report = await app.get(ImportFacts).execute(
      (async function* () {
        yield* rounds;
      })(),
      importCaller,
      (r) => progress.push(r.recorded),
      2,
    );
    expect(report).toMatchObject({ lines: 10, recorded: 8, duplicates: 0 });
    expect(report.refused).toEqual([
      expect.objectContaining({ line: 7, ruleId: 'C24-FIRST' }),
      expect.objectContaining({ line: 8, ruleId: 'C24-FIRST' }),
    ]);
    for (const [p, personId] of persons.entries())
      expect(await storedIds(personId)).toEqual([...starts[p].map((f) => f.eventId), held[p].eventId]);
    // After each batch, and once more at the end (the last batch is empty).
    expect(progress).toEqual([2, 4, 6, 6, 8, 8]);
  });

  it('decides a person read ahead once more when their stream was written after the read, and stores it after that', async () => {
    const personId = 'p-imp-ahead';
    const start = startOf(personId);
    await post(
      system,
      start.map((body) => line(personId, body)),
    ).expect(200);
    const [first, meanwhile, last] = ['2024-03-12', '2024-03-13', '2024-03-14'].map(interview);
    const report = await app.get(ImportFacts).execute(
      (async function* () {
        yield line(personId, first); // the person's stream is read ahead from here
        await new Promise((resolve) => setTimeout(resolve, 100));
        await system.post(`/persons/${personId}/facts`).send(meanwhile).expect(201);
        yield line(personId, last);
      })(),
      importCaller,
    );
    expect(report).toEqual({ lines: 2, recorded: 2, duplicates: 0, refused: [] });
    expect(await storedIds(personId)).toEqual([
      ...start.map((f) => f.eventId),
      meanwhile.eventId,
      first.eventId,
      last.eventId,
    ]);
  });

  it('forgets the person a batch was decided on when its append fails: a retry of one of its facts is stored', async () => {
    const personId = 'p-imp-failed-append';
    await post(
      system,
      startOf(personId).map((body) => line(personId, body)),
    ).expect(200);
    const recorder = app.get(Recorder);
    const person = await recorder.load(personId); // as the recorder now keeps them
    // Written past the recorder (another instance, say): the batch's append, expecting the old revision, fails.
    const [stored] = await app.get(EventStore).readStream(contactProcessStream(personId));
    await app
      .get(EventStore)
      .append(
        contactProcessStream(personId),
        [{ ...stored, metadata: { ...stored.metadata!, eventId: randomUUID() } }],
        person.revision!,
      );
    const lost = interview('2024-03-12');
    const entry = {
      command: { type: 'RecordJobInterview', recordedBy: 'akasse', data: lost.data } as RecordCommand,
      meta: {
        eventId: lost.eventId,
        actor: actorFor(integrationOf('akasse-3f')),
        correlationId: randomUUID(),
        causationId: null,
      },
    };
    await expect(recorder.recordBatch(personId, [entry], person)).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    const retried = await system.post(`/persons/${personId}/facts`).send(lost).expect(201);
    expect(retried.body).toMatchObject({ duplicate: false });
    expect(await storedIds(personId)).toContain(lost.eventId);
  });

  /**
   * What the single endpoint refuses before it parses a body, refused for a line: over its 64 kB limit (413
   * payload-too-large), or not UTF-8 (400 invalid-utf8; decoded, its bytes would be stored as U+FFFD). The
   * endpoint's own answers are in hostile-input.int.spec.ts.
   */
  describe('given a line longer than the endpoint’s body limit and a line not in UTF-8', () => {
    /** The person's start, a line of 200 kB, a line with a byte no UTF-8 has, and a fact after them. */
    const bodyOf = (personId: string) => {
      const [tooLong, notUtf8, after] = ['2024-03-12', '2024-03-13', '2024-03-14'].map(interview);
      const long = line(personId, { ...tooLong, data: { ...tooLong.data, note: 'x'.repeat(200_000) } });
      const [head, tail] = line(personId, notUtf8).split('"interviewId":"i-');
      const start = startOf(personId);
      const lines = [
        ...start.map((body) => Buffer.from(line(personId, body))),
        Buffer.from(long),
        Buffer.concat([
          Buffer.from(`${head}"interviewId":"i-`),
          Buffer.from([0xff, 0xfe]),
          Buffer.from(tail),
        ]),
        Buffer.from(line(personId, after)),
      ];
      return { body: Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])), stored: [...start, after] };
    };
    const expectRefusedAndTheRestStored = async (
      report: { lines: number; recorded: number; refused: RefusedLine[] },
      personId: string,
      stored: Array<{ eventId: string }>,
      idsOf = storedIds,
    ) => {
      expect(report.refused).toEqual([
        {
          line: 4,
          code: 'payload-too-large',
          field: 'line',
          ruleId: null,
          message: expect.stringContaining('64kb'),
        },
        { line: 5, code: 'invalid-utf8', field: 'line', ruleId: null, message: 'line 5 is not valid UTF-8' },
      ]);
      expect(report).toMatchObject({ lines: 6, recorded: 4 });
      expect(await idsOf(personId)).toEqual(stored.map((f) => f.eventId));
    };
    const rawIdsOf = async (personId: string) =>
      (await rawEventsOf(app, contactProcessStream(personId))).map((e) => e.metadata?.eventId);

    it('refuses both as the single endpoint refuses its body, stores nothing of them, and goes on (POST /imports)', async () => {
      const personId = 'p-imp-unreadable-http';
      const { body, stored } = bodyOf(personId);
      const response = await system
        .post('/imports')
        .set('Content-Type', 'application/x-ndjson')
        .send(body)
        .expect(200);
      await expectRefusedAndTheRestStored(response.body, personId, stored);
    });

    it('refuses both from a file, and goes on (npm run import)', async () => {
      const personId = 'p-imp-unreadable-file';
      const { body, stored } = bodyOf(personId);
      const dir = await mkdtemp(join(tmpdir(), 'import-spec-'));
      const out: string[] = [];
      try {
        await writeFile(join(dir, 'facts.ndjson'), body);
        const connection = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION).connectionString;
        // The CLI as run against this node, with keys of its own (the stored ids are read without them).
        const env = {
          EVENTSTORE_CONNECTION_STRING: connection,
          EVENTSTORE_DATA_DIR: dir,
          PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
          READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite'),
        };
        const argv = [join(dir, 'facts.ndjson'), '--org', 'akasse-3f', '--kind', 'akasse'];
        const io = { env, stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true } };
        expect(await runImportCli(argv, io as never)).toBe(2);
        const report = JSON.parse(out.join('')) as Parameters<typeof expectRefusedAndTheRestStored>[0];
        await expectRefusedAndTheRestStored(report, personId, stored, rawIdsOf);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  it('takes a body far above the JSON body limit (read as a stream)', async () => {
    const persons = Array.from({ length: 200 }, (_, i) => `p-imp-many-${i}`);
    const lines = persons.flatMap((p) => startOf(p).map((body) => line(p, body)));
    expect(lines.join('\n').length).toBeGreaterThan(64 * 1024);
    const response = await post(system, lines).expect(200);
    expect(response.body).toMatchObject({ lines: 600, recorded: 600, refused: [] });
  });
});

/** The stream as stored, read without the keyring: what a copy of the event store reveals. */
async function rawEventsOf(app: INestApplication, stream: string) {
  const raw = EventStore.fromConnectionString(
    app.get<EventStoreConnection>(EVENT_STORE_CONNECTION).connectionString,
  );
  try {
    return await raw.readStream(stream);
  } finally {
    await raw.close();
  }
}

async function rawDataOf(app: INestApplication, stream: string): Promise<string> {
  return JSON.stringify((await rawEventsOf(app, stream)).map((e) => e.data));
}
