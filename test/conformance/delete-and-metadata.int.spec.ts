import {
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { collect, startTestNode, uniqueStream, type TestNode } from '../support/embedded-node';

const numbered = (n: number) => jsonEvent({ type: 'Numbered', data: { n } });
const numbersOf = (events: Array<{ event?: { data: unknown } }>) =>
  events.map((e) => (e.event!.data as { n: number }).n);

describe('embedded node: delete, tombstone and stream metadata', () => {
  let t: TestNode;
  let now = new Date('2026-01-01T12:00:00Z');
  beforeAll(async () => {
    t = await startTestNode({ clock: { now: () => now } });
  });
  afterAll(() => t.stop());

  describe('soft delete', () => {
    it('makes the stream read as not found while its events stay in $all', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, [numbered(0), numbered(1)]);
      await t.client.deleteStream(stream, { expectedRevision: 1n });
      await expect(collect(t.client.readStream(stream))).rejects.toBeInstanceOf(StreamNotFoundError);
      const inAll = (await collect(t.client.readAll())).filter((e) => e.event!.streamId === stream);
      expect(numbersOf(inAll)).toEqual([0, 1]);
    });

    it('writes $tb into the stream metadata', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, numbered(0));
      await t.client.deleteStream(stream);
      const meta = await t.client.getStreamMetadata(stream);
      expect(BigInt(meta.metadata!.truncateBefore!)).toBeGreaterThan(2n ** 62n);
    });

    it('checks the expected revision', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, [numbered(0), numbered(1)]);
      const error = await t.client.deleteStream(stream, { expectedRevision: 0n }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error.expectedVersion).toBe(0n);
      expect(error.actualVersion).toBe(1n);
      expect(numbersOf(await collect(t.client.readStream(stream)))).toEqual([0, 1]);
    });

    it.each([['any' as const], ['no_stream' as const], [1n]])(
      'is undone by the next write (expected %s): revisions continue and $tb moves to the first new one',
      async (expectedRevision) => {
        const stream = uniqueStream();
        await t.client.appendToStream(stream, [numbered(0), numbered(1)]);
        await t.client.setStreamMetadata(stream, { maxCount: 100, custom: 'kept' } as never);
        await t.client.deleteStream(stream);
        const result = await t.client.appendToStream(stream, [numbered(2), numbered(3), numbered(4)], {
          expectedRevision,
        });
        expect(result.nextExpectedRevision).toBe(4n);
        const events = await collect(t.client.readStream(stream));
        expect(events.map((e) => e.event!.revision)).toEqual([2n, 3n, 4n]);
        const meta = await t.client.getStreamMetadata(stream);
        expect(meta.metadata).toMatchObject({ truncateBefore: 2, maxCount: 100, custom: 'kept' });
        const again = await t.client
          .appendToStream(stream, numbered(5), { expectedRevision: 'no_stream' })
          .catch((e) => e);
        expect(again).toBeInstanceOf(WrongExpectedVersionError);
      },
    );
  });

  describe('tombstone', () => {
    it('is permanent: reads, appends and a second delete fail with StreamDeletedError', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, numbered(0));
      await t.client.tombstoneStream(stream);
      const read = await collect(t.client.readStream(stream)).catch((e) => e);
      expect(read).toBeInstanceOf(StreamDeletedError);
      expect(read.streamName).toBe(stream);
      await expect(t.client.appendToStream(stream, numbered(1))).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(
        t.client.appendToStream(stream, numbered(1), {
          credentials: { username: 'admin', password: 'changeit' },
        }),
      ).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(t.client.deleteStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(t.client.tombstoneStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
    });

    it('also closes the metadata stream', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, numbered(0));
      await t.client.tombstoneStream(stream);
      await expect(t.client.setStreamMetadata(stream, { maxCount: 1 })).rejects.toBeInstanceOf(
        StreamDeletedError,
      );
    });

    it('can end a soft-deleted stream too', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, numbered(0));
      await t.client.deleteStream(stream);
      await t.client.tombstoneStream(stream);
      await expect(collect(t.client.readStream(stream))).rejects.toBeInstanceOf(StreamDeletedError);
    });

    it('ends a live stream subscription with StreamDeletedError', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, numbered(0));
      const sub = t.client.subscribeToStream(stream);
      const failure = new Promise((resolve) => sub.on('error', resolve));
      await new Promise((resolve) => sub.once('caughtUp', resolve));
      await t.client.tombstoneStream(stream);
      expect(await failure).toBeInstanceOf(StreamDeletedError);
    });
  });

  describe('stream metadata', () => {
    it('is read back as written, in the $$ stream', async () => {
      const stream = uniqueStream();
      await t.client.setStreamMetadata(stream, { maxAge: 3600, custom: { a: 1 } } as never);
      const meta = await t.client.getStreamMetadata(stream);
      expect(meta.metadata).toEqual({ maxAge: 3600, custom: { a: 1 } });
      const raw = await collect(t.client.readStream(`$$${stream}`));
      expect(raw[0].event!.type).toBe('$metadata');
    });

    it('honours $maxCount on reads', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, [0, 1, 2, 3, 4].map(numbered));
      await t.client.setStreamMetadata(stream, { maxCount: 2 });
      expect(numbersOf(await collect(t.client.readStream(stream)))).toEqual([3, 4]);
      expect(
        numbersOf(
          await collect(t.client.readStream(stream, { direction: 'backwards', fromRevision: 'end' })),
        ),
      ).toEqual([4, 3]);
    });

    it('honours $tb (truncate before) on reads', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, [0, 1, 2, 3, 4].map(numbered));
      await t.client.setStreamMetadata(stream, { truncateBefore: 3 });
      expect(numbersOf(await collect(t.client.readStream(stream)))).toEqual([3, 4]);
    });

    it('honours $maxAge on reads, by the store clock', async () => {
      const stream = uniqueStream();
      now = new Date('2026-01-01T12:00:00Z');
      await t.client.appendToStream(stream, numbered(0));
      now = new Date('2026-01-01T12:10:00Z');
      await t.client.appendToStream(stream, numbered(1));
      await t.client.setStreamMetadata(stream, { maxAge: 300 });
      now = new Date('2026-01-01T12:12:00Z');
      expect(numbersOf(await collect(t.client.readStream(stream)))).toEqual([1]);
      now = new Date('2026-01-01T12:20:00Z');
      expect(numbersOf(await collect(t.client.readStream(stream)))).toEqual([]);
    });

    it('checks the expected revision of the metadata stream', async () => {
      const stream = uniqueStream();
      await t.client.setStreamMetadata(stream, { maxCount: 5 });
      await expect(
        t.client.setStreamMetadata(stream, { maxCount: 6 }, { expectedRevision: 'no_stream' }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    });
  });
});
