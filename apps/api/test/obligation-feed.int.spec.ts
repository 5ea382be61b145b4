import type { INestApplication } from '@nestjs/common';
import type { Kysely } from 'kysely';
import {
  decodeCursor,
  DeadlinesProjection,
  obligationFeedPage,
  type DeadlinesDatabase,
  type ObligationChangesDatabase,
} from '@app/deadlines';
import { EventStore } from '@app/event-store';
import { headPosition, openSqliteReadModel, ProjectionRunner, type WithCheckpoints } from '@app/projections';
import { DeadlineSweeper } from '../src/contact-process/deadline-sweeper';
import { AccessLog } from '../src/access/access-log';
import { as, createTestApp, fact, integrationOf, type Client } from './test-app';

interface Change {
  cursor: string;
  kind: string;
  personId: string;
  obligationKey: string;
  ruleId: string;
  akasseId: string;
}

describe('the obligation feed of an a-kasse', () => {
  let app: INestApplication;
  let now = new Date('2024-03-05T09:00:00Z');
  let system: Client;
  let other: Client;
  const post = (personId: string, body: object) =>
    system.post(`/persons/${personId}/facts`).send(body).expect(201);
  const place = async (personId: string, akasseId = 'akasse-3f') => {
    const as3f = akasseId === 'akasse-3f' ? system : other;
    for (const body of [
      fact('PersonFactsRecorded'),
      fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01', akasseId, benefitPeriodId: `bp-${personId}` }),
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }),
    ])
      await as3f.post(`/persons/${personId}/facts`).send(body).expect(201);
  };
  const page = async (after: string | undefined, limit: number, client = system) =>
    (
      await client
        .get(`/feeds/akasser/akasse-3f/obligations?limit=${limit}${after ? `&after=${after}` : ''}`)
        .expect(200)
    ).body as { changes: Change[]; next: string | null };

  /** Follows the feed from `after` to its end, `limit` at a time, as a caseworker system does. */
  async function follow(
    after: string | undefined,
    limit: number,
  ): Promise<{ seen: Change[]; next: string | undefined }> {
    const seen: Change[] = [];
    let cursor = after;
    for (;;) {
      const { changes, next } = await page(cursor, limit);
      seen.push(...changes);
      cursor = next ?? cursor;
      if (changes.length < limit) return { seen, next: cursor };
    }
  }

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => now } });
    system = await as(app, integrationOf('akasse-3f'));
    other = await as(app, integrationOf('akasse-other'));
    await place('p-feed-1');
    await place('p-feed-2');
    await place('p-feed-elsewhere', 'akasse-other');
  });
  afterAll(() => app.close());

  it('can be followed from the start, stopped and resumed from its cursor, missing nothing and repeating nothing', async () => {
    const full = await follow(undefined, 1000);
    expect(full.seen.length).toBeGreaterThan(4);
    expect(new Set(full.seen.map((c) => c.personId))).toEqual(new Set(['p-feed-1', 'p-feed-2']));
    expect(full.seen.every((c) => c.kind === 'opened' && c.akasseId === 'akasse-3f')).toBe(true);

    // A follower that stops after three entries and comes back later.
    const first = await page(undefined, 3);
    expect(first.changes).toEqual(full.seen.slice(0, 3));
    await post('p-feed-1', fact('JobInterviewHeld', { heldOn: '2024-03-05' }));
    await post('p-feed-2', fact('CvMarkedComplete', { markedOn: '2024-03-05' }));
    now = new Date('2024-03-25T09:00:00Z');
    await app.get(DeadlineSweeper).sweep();
    const resumed = await follow(first.next!, 2);

    const again = await follow(undefined, 1000);
    expect([...first.changes, ...resumed.seen]).toEqual(again.seen);
    expect(new Set(again.seen.map((c) => c.cursor)).size).toBe(again.seen.length);
    const kinds = (personId: string, kind: string) =>
      again.seen.filter((c) => c.personId === personId && c.kind === kind).map((c) => c.ruleId);
    expect(kinds('p-feed-1', 'met')).toContain('C24-FIRST');
    expect(kinds('p-feed-2', 'met')).toContain('C24-CV');
    expect(kinds('p-feed-1', 'overdue')).toContain('C24-CV');
    expect(kinds('p-feed-2', 'overdue')).not.toContain('C24-CV');

    // At the end, the cursor stays where it was: nothing new, nothing repeated.
    expect((await page(again.next, 10)).changes).toEqual([]);
  });

  it('waits for the next change when asked to (long-polling)', async () => {
    const { next } = await follow(undefined, 1000);
    const waiting = system.get(`/feeds/akasser/akasse-3f/obligations?after=${next}&wait=10`).expect(200);
    const answered = waiting.then((r) => r.body as { changes: Change[] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await post('p-feed-2', fact('JobInterviewHeld', { heldOn: '2024-03-25', interviewId: 'i-late' }));
    const { changes } = await answered;
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.personId === 'p-feed-2')).toBe(true);
  });

  it('is its own a-kasse’s only, and every person shown gets an access-log entry', async () => {
    await other.get('/feeds/akasser/akasse-3f/obligations').expect(403);
    await system.get('/feeds/jobcentres/jc-101/obligations').expect(403);
    const elsewhere = (await other.get('/feeds/akasser/akasse-other/obligations').expect(200)).body as {
      changes: Change[];
    };
    expect(elsewhere.changes.every((c) => c.personId === 'p-feed-elsewhere')).toBe(true);
    const entries = await app.get(AccessLog).list('p-feed-elsewhere');
    expect(entries).toContainEqual(
      expect.objectContaining({ endpoint: 'GET /feeds/akasser/:akasseId/obligations' }),
    );
  });

  it('refuses a cursor it did not give out, naming the field', async () => {
    const response = await system.get('/feeds/akasser/akasse-3f/obligations?after=bogus').expect(400);
    expect(JSON.stringify(response.body)).toContain('after must be a cursor');
  });
});

describe('the due-soon entries of an obligation feed (the organisation’s reminder window)', () => {
  let app: INestApplication;
  let now = new Date('2024-03-05T09:00:00Z');
  let system: Client;
  const reminders = { defaultDays: 7, days: { 'akasse:akasse-3f': 5 } };
  const on = async (day: string) => {
    now = new Date(`${day}T09:00:00Z`);
    return app.get(DeadlineSweeper).sweep();
  };
  const feedAfter = async (after?: string) =>
    (
      await system
        .get(`/feeds/akasser/akasse-3f/obligations?limit=1000${after ? `&after=${after}` : ''}`)
        .expect(200)
    ).body as { changes: Array<Change & { dueOn: string | null }>; next: string | null };
  const firstInterview = (changes: Array<Change & { dueOn: string | null }>, personId: string) =>
    changes.filter((c) => c.personId === personId && c.ruleId === 'C24-FIRST');

  beforeAll(async () => {
    app = await createTestApp({
      clock: { now: () => now },
      deadlineSweep: { intervalMinutes: 0, reminders },
    });
    system = await as(app, integrationOf('akasse-3f'));
    for (const personId of ['p-soon-1', 'p-soon-2'])
      for (const body of [
        fact('PersonFactsRecorded'),
        fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01', benefitPeriodId: `bp-${personId}` }),
        fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }),
      ])
        await system.post(`/persons/${personId}/facts`).send(body).expect(201);
    // The second person's first interview is held before it comes within the window.
    await system
      .post('/persons/p-soon-2/facts')
      .send(fact('JobInterviewHeld', { heldOn: '2024-03-05' }))
      .expect(201);
  });
  afterAll(() => app.close());

  it('appears once when the due day comes within the a-kasse’s window, is the same after a rebuild, and never for a duty met first', async () => {
    const opened = firstInterview((await feedAfter()).changes, 'p-soon-1');
    expect(opened.map((c) => [c.kind, c.dueOn])).toEqual([['opened', '2024-03-18']]);

    // The a-kasse's own window is 5 days: 6 days before the due day (within the default 7) is not yet.
    await on('2024-03-12');
    const before = await feedAfter();
    expect(before.changes.filter((c) => c.kind === 'due-soon' && c.ruleId === 'C24-FIRST')).toEqual([]);
    const held = before.next!;

    const swept = await on('2024-03-13');
    expect(swept.reminded).toBeGreaterThan(0);
    await on('2024-03-13');
    await on('2024-03-14');
    const { changes: after } = await feedAfter(held);
    expect(firstInterview(after, 'p-soon-1').map((c) => [c.kind, c.dueOn])).toEqual([
      ['due-soon', '2024-03-18'],
    ]);
    expect(firstInterview(after, 'p-soon-2')).toEqual([]);
    expect(firstInterview((await feedAfter()).changes, 'p-soon-2').map((c) => c.kind)).toEqual([
      'opened',
      'met',
    ]);

    // A rebuild on another day derives the same entries at the same places: the held cursor resumes there.
    now = new Date('2024-04-30T09:00:00Z');
    const store = app.get(EventStore);
    const rebuilt = openSqliteReadModel<WithCheckpoints<DeadlinesDatabase>>({ sqlitePath: ':memory:' });
    const runner = new ProjectionRunner(store, rebuilt, new DeadlinesProjection(store));
    try {
      await runner.start();
      await runner.waitFor((await headPosition(store))!);
      const resumed = await obligationFeedPage(rebuilt as unknown as Kysely<ObligationChangesDatabase>, {
        organisation: 'akasse',
        organisationId: 'akasse-3f',
        after: decodeCursor(held),
        limit: 1000,
      });
      expect(resumed).toEqual((await feedAfter(held)).changes);
    } finally {
      await runner.stop();
      await rebuilt.destroy();
    }
  });
});
