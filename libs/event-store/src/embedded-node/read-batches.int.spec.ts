import { BACKWARDS, END, START, binaryEvent, eventTypeFilter, jsonEvent } from '@eventstore/db-client';
import { collect, startTestNode, uniqueStream, type TestNode } from '../../../../test/support/embedded-node';

/**
 * Reads are written to the call in batches of framed responses taken from the event cache (streams-service.ts,
 * cached-event.ts). These read more than several batches from a node whose cache holds only part of the log, so
 * cached and uncached events, batch edges and checkpoints between events all occur in one read.
 */
const EVENTS = 600;
const padding = 'x'.repeat(300);
const numbered = (type: string, n: number) => jsonEvent({ type, data: { n, padding } });
const numbersOf = (events: Array<{ event?: { data: unknown } }>) =>
  events.map((e) => (e.event!.data as { n: number }).n);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('embedded node: reads written in batches from the event cache', () => {
  let t: TestNode;
  const stream = uniqueStream('batches');
  beforeAll(async () => {
    t = await startTestNode({ eventCacheSize: 250 });
    for (let n = 0; n < EVENTS; n += 100) {
      await t.client.appendToStream(
        stream,
        range(n, n + 100).map((i) => numbered(i % 3 === 0 ? 'Third' : 'Other', i)),
      );
    }
  });
  afterAll(() => t.stop());

  it('delivers every event of a stream once and in order, forwards and backwards', async () => {
    expect(numbersOf(await collect(t.client.readStream(stream)))).toEqual(range(0, EVENTS));
    expect(
      numbersOf(await collect(t.client.readStream(stream, { direction: BACKWARDS, fromRevision: END }))),
    ).toEqual(range(0, EVENTS).reverse());
  });

  it('delivers $all once and in order, forwards and backwards, with the positions of the events', async () => {
    const forwards = (await collect(t.client.readAll())).filter((e) => e.event!.streamId === stream);
    expect(numbersOf(forwards)).toEqual(range(0, EVENTS));
    const positions = forwards.map((e) => e.event!.position!.commit);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(forwards.map((e) => e.commitPosition)).toEqual(positions);
    const backwards = (await collect(t.client.readAll({ direction: BACKWARDS, fromPosition: END }))).filter(
      (e) => e.event!.streamId === stream,
    );
    expect(numbersOf(backwards)).toEqual(range(0, EVENTS).reverse());
  });

  it('keeps a filtered subscription’s checkpoints between the events they follow', async () => {
    const sequence: Array<{ event: bigint } | { checkpoint: bigint }> = [];
    const subscription = t.client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({
        prefixes: ['Third'],
        maxSearchWindow: 7,
        checkpointInterval: 1,
        checkpointReached: (_s, position) => void sequence.push({ checkpoint: position.commit }),
      }),
    });
    await new Promise<void>((resolve, reject) => {
      subscription.on('data', (e) => sequence.push({ event: e.event!.position!.commit }));
      subscription.on('caughtUp', () => resolve());
      subscription.on('error', reject);
    });
    await subscription.unsubscribe();
    const events = sequence.flatMap((s) => ('event' in s ? [s.event] : []));
    expect(events).toHaveLength(EVENTS / 3);
    // A checkpoint at X is sent once the event at X was examined: the events before it are at X or earlier, the
    // events after it later than X.
    let lastEvent = 0n;
    let lastCheckpoint = 0n;
    for (const item of sequence) {
      if ('event' in item) {
        expect(item.event).toBeGreaterThan(lastEvent);
        expect(item.event).toBeGreaterThan(lastCheckpoint);
        lastEvent = item.event;
      } else {
        expect(item.checkpoint).toBeGreaterThanOrEqual(lastEvent);
        expect(item.checkpoint).toBeGreaterThan(lastCheckpoint);
        lastCheckpoint = item.checkpoint;
      }
    }
    expect(sequence.filter((s) => 'checkpoint' in s).length).toBeGreaterThan(10);
  });

  it('answers the same event directly and as a link target, each with its own link and commit position', async () => {
    const links = uniqueStream('links');
    const [target] = await collect(t.client.readStream(stream, { fromRevision: 599n, maxCount: 1 }));
    await t.client.appendToStream(links, binaryEvent({ type: '$>', data: Buffer.from(`599@${stream}`) }));
    const [resolved] = await collect(t.client.readStream(links, { resolveLinkTos: true }));
    const [unresolved] = await collect(t.client.readStream(links));
    const [again] = await collect(t.client.readStream(stream, { fromRevision: 599n, maxCount: 1 }));

    expect(target.link).toBeUndefined();
    expect(resolved.event!.id).toBe(target.event!.id);
    expect(resolved.event!.data).toEqual(target.event!.data);
    expect(resolved.link!.streamId).toBe(links);
    expect(unresolved.link).toBeUndefined();
    expect(unresolved.event!.type).toBe('$>');
    expect(again.link).toBeUndefined();
    expect(again.event!.id).toBe(target.event!.id);
  });
});
