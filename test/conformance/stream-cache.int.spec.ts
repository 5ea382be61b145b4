import {
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { collect, startTestNode, uniqueStream, type TestNode } from '../support/embedded-node';

const anEvent = (n: number) => jsonEvent({ type: 'SomethingHappened', data: { n } });
const numbers = async (t: TestNode, stream: string) =>
  (await collect(t.client.readStream(stream))).map((e) => (e.event!.data as { n: number }).n);

/**
 * The node keeps at most `streamCacheSize` streams (and parsed metadata) in memory. With a cache of one, every
 * other stream touched in between evicts the one under test, so each answer below comes from SQLite again.
 */
describe('embedded node: answers stay the same when its stream caches evict', () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await startTestNode({ streamCacheSize: 1 });
  });
  afterAll(() => t.stop());
  const evict = async () => {
    for (let i = 0; i < 3; i += 1) await t.client.appendToStream(uniqueStream('other'), anEvent(i));
  };

  it('keeps revisions and expected-revision checks', async () => {
    const stream = uniqueStream('revisions');
    await t.client.appendToStream(stream, [anEvent(0), anEvent(1)], { expectedRevision: 'no_stream' });
    await evict();
    const wrong = await t.client.appendToStream(stream, anEvent(9), { expectedRevision: 0n }).catch((e) => e);
    await evict();
    const next = await t.client.appendToStream(stream, anEvent(2), { expectedRevision: 1n });
    await evict();
    const exists = await t.client.appendToStream(stream, anEvent(3), { expectedRevision: 'stream_exists' });
    expect(wrong).toBeInstanceOf(WrongExpectedVersionError);
    expect(wrong.actualVersion).toBe(1n);
    expect(next.nextExpectedRevision).toBe(2n);
    expect(exists.nextExpectedRevision).toBe(3n);
    expect(await numbers(t, stream)).toEqual([0, 1, 2, 3]);
  });

  it('answers a retried append as the same write, without duplicates', async () => {
    const stream = uniqueStream('idempotent');
    const batch = [anEvent(1), anEvent(2)];
    const first = await t.client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    await evict();
    const retry = await t.client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    await evict();
    const retryAny = await t.client.appendToStream(stream, batch, { expectedRevision: 'any' });
    expect(retry.position).toEqual(first.position);
    expect(retryAny.position).toEqual(first.position);
    expect(await numbers(t, stream)).toEqual([1, 2]);
  });

  it('keeps honouring metadata ($maxCount) written before the eviction', async () => {
    const stream = uniqueStream('metadata');
    await t.client.appendToStream(stream, [anEvent(0), anEvent(1), anEvent(2)]);
    await t.client.setStreamMetadata(stream, { maxCount: 2 });
    await evict();
    expect(await numbers(t, stream)).toEqual([1, 2]);
    await evict();
    expect((await t.client.getStreamMetadata(stream)).metadata).toMatchObject({ maxCount: 2 });
  });

  it('keeps a soft delete (recreated with revisions continuing) and a tombstone', async () => {
    const deleted = uniqueStream('soft');
    await t.client.appendToStream(deleted, [anEvent(0), anEvent(1)]);
    await t.client.deleteStream(deleted);
    await evict();
    const whileDeleted = await collect(t.client.readStream(deleted)).catch((e) => e);
    await evict();
    const recreated = await t.client.appendToStream(deleted, anEvent(2), { expectedRevision: 'no_stream' });

    const tombstoned = uniqueStream('tombstone');
    await t.client.appendToStream(tombstoned, anEvent(0));
    await t.client.tombstoneStream(tombstoned);
    await evict();
    const afterTombstone = await t.client.appendToStream(tombstoned, anEvent(1)).catch((e) => e);

    expect(whileDeleted).toBeInstanceOf(StreamNotFoundError);
    expect(recreated.nextExpectedRevision).toBe(2n);
    expect(await numbers(t, deleted)).toEqual([2]);
    expect(afterTombstone).toBeInstanceOf(StreamDeletedError);
  });

  it('holds no more streams in memory than its bound, however many it has served', async () => {
    for (let i = 0; i < 20; i += 1) {
      const stream = uniqueStream('many');
      await t.client.appendToStream(stream, anEvent(i));
      await collect(t.client.readStream(stream));
      await collect(t.client.readStream(uniqueStream('absent'))).catch(() => undefined);
    }
    expect(t.node.cacheSizes.streams).toBeLessThanOrEqual(1);
    expect(t.node.cacheSizes.metadata).toBeLessThanOrEqual(1);
  });
});
