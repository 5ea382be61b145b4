import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { EmbeddedEventStoreNode, EventStore, type AllFilter, type NewEvent } from '@app/event-store';
import { aCountedEvent, countingProjection, type CountsDb } from '../../../test/support/counting-projection';
import { eventually } from '../../../test/support/eventually';
import { LeasedProjection } from './leased-projection';
import { LiveAllFeed } from './live-feed';
import { openReadModel } from './read-model-database';

jest.setTimeout(30_000);

/** An event of `type` (the counting projection counts any event of its filter). */
const anEventOfType = (type: string): NewEvent => ({ ...aCountedEvent(), type });

/**
 * An event every projection below takes: waiting for its position waits for each (a runner's checkpoint moves
 * past events its filter skips only every so many, as a server-side filter's does). Not counted below.
 */
const FENCE = 'live-a-fence';
const aFence = (store: EventStore) => store.append(FENCE, [anEventOfType('Read')]);
const countsOf = async (db: Kysely<CountsDb>) =>
  Object.fromEntries(
    (
      await db.selectFrom('counts').select(['stream_name', 'n']).where('stream_name', '!=', FENCE).execute()
    ).map((r) => [r.stream_name, r.n]),
  );

/** Three projections as the service's: two on stream names, one on an event type (no shared server filter). */
const PROJECTIONS: Array<{ name: string; filter: AllFilter }> = [
  { name: 'a', filter: { on: 'stream-name', prefixes: ['live-a-'], checkpointInterval: 4 } },
  { name: 'b', filter: { on: 'stream-name', prefixes: ['live-a-', 'live-b-'], checkpointInterval: 4 } },
  // As the access log's: the type as stored, `Read.v1`.
  { name: 'c', filter: { on: 'event-type', prefixes: ['Read.v'], checkpointInterval: 4 } },
];

describe('one live subscription for the running service’s projections', () => {
  let folder: string;
  let node: EmbeddedEventStoreNode;
  let store: EventStore;
  const dbs: Array<Kysely<CountsDb>> = [];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'live-feed-'));
    node = await EmbeddedEventStoreNode.start({ dataDir: join(folder, 'node'), port: 0 });
    store = EventStore.fromConnectionString(node.connectionString);
  });
  afterAll(async () => {
    for (const db of dbs) await db.destroy();
    await store.close();
    await node.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  function projections(feed: LiveAllFeed, tag: string) {
    return PROJECTIONS.map(({ name, filter }) => {
      const db = openReadModel<CountsDb>({ sqlitePath: join(folder, `${tag}-${name}.sqlite`) });
      dbs.push(db);
      const projection = countingProjection({ prefix: '', name, filter });
      const leased = new LeasedProjection(store, db, projection, {
        source: feed.sourceFor(filter),
        retry: { initialDelayMs: 20, maxDelayMs: 200 },
      });
      return { leased, db };
    });
  }
  const counts = countsOf;

  it('feeds every projection from one subscription, each with its own checkpoint, live and catching up', async () => {
    await store.append('live-a-1', [aCountedEvent(), aCountedEvent()]);
    await store.append('live-b-1', [aCountedEvent()]);
    const subscribe = jest.spyOn(store, 'subscribeToAll');
    const feed = new LiveAllFeed(store);
    const running = projections(feed, 'one');
    try {
      await Promise.all(running.map((p) => p.leased.start()));
      await store.append('live-a-1', [aCountedEvent()]);
      await store.append('log-1', [anEventOfType('Read')]);
      await store.append('live-b-1', [aCountedEvent()]);
      const last = await aFence(store);
      await Promise.all(running.map((p) => p.leased.waitFor(last.position!)));

      expect(subscribe).toHaveBeenCalledTimes(1);
      expect(feed.stats()).toEqual({ storeSubscriptions: 1, shared: 3, direct: 0 });
      const [a, b, c] = await Promise.all(running.map((p) => counts(p.db)));
      expect(a).toEqual({ 'live-a-1': 3 });
      expect(b).toEqual({ 'live-a-1': 3, 'live-b-1': 2 });
      expect(c).toEqual({ 'log-1': 1 });
      for (const p of running) expect(p.leased.status()).toMatchObject({ state: 'running', caughtUp: true });
    } finally {
      subscribe.mockRestore();
      await Promise.all(running.map((p) => p.leased.stop()));
    }
  });

  it('lets a runner that starts behind the read catch up on its own, then share it, applying each event once', async () => {
    const feed = new LiveAllFeed(store);
    const [a, b, c] = projections(feed, 'late');
    try {
      await Promise.all([a.leased.start(), c.leased.start()]);
      await eventually(() => a.leased.status().caughtUp, 'the first runners to catch up');
      await store.append('live-b-2', [aCountedEvent()]);
      // b's read model is empty: it starts from the start of $all, far behind the read.
      await b.leased.start();
      await store.append('live-b-2', [aCountedEvent()]);
      const last = await aFence(store);
      await Promise.all([a, b, c].map((p) => p.leased.waitFor(last.position!)));
      await eventually(() => feed.stats().direct === 0, 'the late runner to join the read');
      const more = await store.append('live-b-2', [aCountedEvent()]);
      await b.leased.waitFor(more.position!);

      expect(feed.stats()).toEqual({ storeSubscriptions: 2, shared: 3, direct: 0 });
      expect(await counts(b.db)).toEqual({ 'live-a-1': 3, 'live-b-1': 2, 'live-b-2': 3 });
    } finally {
      await Promise.all([a, b, c].map((p) => p.leased.stop()));
    }
  });

  it('lets a runner stop without holding back the others, and ends the read when the last lets go', async () => {
    const feed = new LiveAllFeed(store);
    const [a, b, c] = projections(feed, 'stop');
    await Promise.all([a, b, c].map((p) => p.leased.start()));
    await a.leased.stop();
    const last = await store.append('live-b-3', [aCountedEvent()]);
    await b.leased.waitFor(last.position!);
    expect(await counts(b.db)).toMatchObject({ 'live-b-3': 1 });
    await Promise.all([b.leased.stop(), c.leased.stop()]);
    expect(feed.stats()).toMatchObject({ storeSubscriptions: 1, shared: 0, direct: 0 });
  });
});

describe('the live subscription through an outage of the store', () => {
  it('fails every runner on it, which retry; the first back starts it again, the others join it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'live-feed-outage-'));
    const dataDir = join(folder, 'node');
    let node = await EmbeddedEventStoreNode.start({ dataDir, port: 0 });
    const { port } = node;
    const store = EventStore.fromConnectionString(node.connectionString);
    const feed = new LiveAllFeed(store);
    const running = PROJECTIONS.map(({ name, filter }) => {
      const db = openReadModel<CountsDb>({ sqlitePath: join(folder, `${name}.sqlite`) });
      const projection = countingProjection({ prefix: '', name, filter });
      const leased = new LeasedProjection(store, db, projection, {
        source: feed.sourceFor(filter),
        retry: { initialDelayMs: 20, maxDelayMs: 200 },
      });
      return { leased, db };
    });
    try {
      await Promise.all(running.map((p) => p.leased.start()));
      await store.append('live-a-9', [aCountedEvent()]);
      const before = await aFence(store);
      await Promise.all(running.map((p) => p.leased.waitFor(before.position!)));

      await node.stop();
      await eventually(
        () => running.every((p) => p.leased.status().state === 'retrying'),
        'every runner to notice the outage',
      );
      node = await EmbeddedEventStoreNode.start({ dataDir, port });
      await eventually(
        () => running.every((p) => p.leased.status().caughtUp),
        'every runner to catch up again',
      );
      const after = await store.append('live-a-9', [aCountedEvent()]);
      await store.append('log-9', [anEventOfType('Read')]);
      await store.append('live-b-9', [aCountedEvent()]);
      const last = await aFence(store);
      await Promise.all(running.map((p) => p.leased.waitFor(last.position!)));
      await eventually(() => feed.stats().direct === 0, 'every runner to share the read again');

      expect(after.position).toBeDefined();
      const [a, b, c] = await Promise.all(running.map((p) => countsOf(p.db)));
      expect(a).toEqual({ 'live-a-9': 2 });
      expect(b).toEqual({ 'live-a-9': 2, 'live-b-9': 1 });
      expect(c).toEqual({ 'log-9': 1 });
      for (const p of running) expect(p.leased.status()).toMatchObject({ state: 'running', lastError: null });
    } finally {
      await Promise.all(running.map((p) => p.leased.stop()));
      for (const p of running) await p.db.destroy();
      await store.close();
      await node.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
