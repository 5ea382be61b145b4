import { BACKWARDS, END, START, StreamNotFoundError, binaryEvent, jsonEvent } from '@eventstore/db-client';
import { collect, startTestNode, uniqueStream, type TestNode } from '../support/embedded-node';

const numbered = (n: number) => jsonEvent({ type: 'Numbered', data: { n } });
const numbersOf = (events: Array<{ event?: { data: unknown } }>) =>
  events.map((e) => (e.event!.data as { n: number }).n);

describe('embedded node: reads', () => {
  let t: TestNode;
  const stream = uniqueStream('read');
  beforeAll(async () => {
    t = await startTestNode();
    await t.client.appendToStream(stream, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(numbered));
  });
  afterAll(() => t.stop());

  describe('a stream', () => {
    it('reads forwards from the start', async () => {
      expect(numbersOf(await collect(t.client.readStream(stream)))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('reads forwards from a revision with a max count', async () => {
      const events = await collect(t.client.readStream(stream, { fromRevision: 3n, maxCount: 4 }));
      expect(numbersOf(events)).toEqual([3, 4, 5, 6]);
      expect(events.map((e) => e.event!.revision)).toEqual([3n, 4n, 5n, 6n]);
    });

    it('reads backwards from the end', async () => {
      const events = await collect(
        t.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 3 }),
      );
      expect(numbersOf(events)).toEqual([9, 8, 7]);
    });

    it('reads backwards from a revision', async () => {
      const events = await collect(t.client.readStream(stream, { direction: BACKWARDS, fromRevision: 2n }));
      expect(numbersOf(events)).toEqual([2, 1, 0]);
    });

    it('reads nothing forwards from the end', async () => {
      expect(await collect(t.client.readStream(stream, { fromRevision: END }))).toEqual([]);
    });

    it('reads more events than one server batch in order', async () => {
      const long = uniqueStream('long');
      await t.client.appendToStream(
        long,
        Array.from({ length: 1300 }, (_, i) => numbered(i)),
      );
      const events = await collect(t.client.readStream(long));
      expect(numbersOf(events)).toEqual(Array.from({ length: 1300 }, (_, i) => i));
      const backwards = await collect(t.client.readStream(long, { direction: BACKWARDS, fromRevision: END }));
      expect(numbersOf(backwards)).toEqual(Array.from({ length: 1300 }, (_, i) => 1299 - i));
    });

    it('fails with StreamNotFoundError for a stream never written', async () => {
      const error = await collect(t.client.readStream(uniqueStream('missing'))).catch((e) => e);
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error.streamName).toMatch(/^missing-/);
    });

    it('gives each event a commit position equal to its prepare position, growing with the revision', async () => {
      const events = await collect(t.client.readStream(stream));
      const positions = events.map((e) => e.event!.position!);
      positions.forEach((p) => expect(p.prepare).toBe(p.commit));
      for (let i = 1; i < positions.length; i += 1)
        expect(positions[i].commit).toBeGreaterThan(positions[i - 1].commit);
      expect(events[0].commitPosition).toBe(positions[0].commit);
    });

    it('reports created as the time the store wrote the event', async () => {
      const before = Date.now();
      const s = uniqueStream();
      await t.client.appendToStream(s, numbered(0));
      const [e] = await collect(t.client.readStream(s));
      expect(e.event!.created.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(e.event!.created.getTime()).toBeLessThanOrEqual(Date.now());
    });
  });

  describe('$all', () => {
    it('starts with the system events a new database holds', async () => {
      const fresh = await startTestNode();
      const events = await collect(fresh.client.readAll());
      await fresh.stop();
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.event!.type.startsWith('$') && e.event!.streamId.startsWith('$'))).toBe(
        true,
      );
    });

    it('reads forwards from the start in commit order', async () => {
      const events = await collect(t.client.readAll());
      const commits = events.map((e) => e.event!.position!.commit);
      expect([...commits].sort((a, b) => (a < b ? -1 : 1))).toEqual(commits);
      expect(numbersOf(events.filter((e) => e.event!.streamId === stream))).toEqual([
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
      ]);
    });

    it('reads forwards from a position, that position included, with a max count', async () => {
      const inStream = await collect(t.client.readStream(stream));
      const from = inStream[4].event!.position!;
      const events = await collect(t.client.readAll({ fromPosition: from, maxCount: 3 }));
      expect(events.map((e) => e.event!.position!.commit)).toEqual([
        from.commit,
        inStream[5].event!.position!.commit,
        inStream[6].event!.position!.commit,
      ]);
    });

    it('reads backwards from the end and from a position, that position excluded', async () => {
      const all = await collect(t.client.readAll());
      const last = await collect(t.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }));
      expect(last.map((e) => e.event!.position!.commit)).toEqual([
        all[all.length - 1].event!.position!.commit,
        all[all.length - 2].event!.position!.commit,
      ]);
      const before = await collect(
        t.client.readAll({ direction: BACKWARDS, fromPosition: all[3].event!.position!, maxCount: 10 }),
      );
      expect(before.map((e) => e.event!.position!.commit)).toEqual(
        [all[2], all[1], all[0]].map((e) => e.event!.position!.commit),
      );
    });

    it('reads nothing backwards from the start', async () => {
      expect(await collect(t.client.readAll({ direction: BACKWARDS, fromPosition: START }))).toEqual([]);
    });
  });

  describe('link events', () => {
    it('are resolved to the event they point to when resolveLinkTos is asked', async () => {
      const target = uniqueStream('target');
      const links = uniqueStream('links');
      await t.client.appendToStream(target, [numbered(41), numbered(42)]);
      // A link's data is the raw text "<revision>@<stream>".
      await t.client.appendToStream(links, binaryEvent({ type: '$>', data: Buffer.from(`1@${target}`) }));
      const [unresolved] = await collect(t.client.readStream(links));
      expect(unresolved.event!.type).toBe('$>');
      const [resolved] = await collect(t.client.readStream(links, { resolveLinkTos: true }));
      expect(resolved.event!.streamId).toBe(target);
      expect(resolved.event!.data).toEqual({ n: 42 });
      expect(resolved.link!.streamId).toBe(links);
    });
  });
});
