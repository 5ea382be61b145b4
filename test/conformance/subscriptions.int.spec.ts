import {
  END,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamSubscription,
  type Position,
  type StreamSubscription,
} from '@eventstore/db-client';
import { startTestNode, uniqueStream, type TestNode } from '../support/embedded-node';

type Received = { stream: string; type: string; n: number };

/** Collects what a subscription delivers, with 'caught-up' and checkpoints interleaved in order. */
function record(subscription: AllStreamSubscription | StreamSubscription) {
  const log: Array<Received | 'caught-up'> = [];
  subscription.on('data', (e) =>
    log.push({
      stream: e.event!.streamId,
      type: e.event!.type,
      n: (e.event!.data as { n?: number }).n ?? -1,
    }),
  );
  subscription.on('caughtUp', () => log.push('caught-up'));
  return log;
}

async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const event = (type: string, n: number) => jsonEvent({ type, data: { n } });

describe('embedded node: subscriptions', () => {
  let t: TestNode;
  beforeEach(async () => {
    t = await startTestNode();
  });
  afterEach(() => t.stop());

  describe('to a stream', () => {
    it('catches up from the start, says caught up, then delivers live events', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, [event('A', 0), event('A', 1)]);
      const sub = t.client.subscribeToStream(stream, { fromRevision: START });
      const log = record(sub);
      await until(() => log.includes('caught-up'), 'caught-up');
      await t.client.appendToStream(stream, event('A', 2));
      await until(() => log.length === 4, 'live event');
      await sub.unsubscribe();
      expect(log).toEqual([
        { stream, type: 'A', n: 0 },
        { stream, type: 'A', n: 1 },
        'caught-up',
        { stream, type: 'A', n: 2 },
      ]);
    });

    it('starts after the given revision (exclusive)', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, [event('A', 0), event('A', 1), event('A', 2)]);
      const sub = t.client.subscribeToStream(stream, { fromRevision: 0n });
      const log = record(sub);
      await until(() => log.includes('caught-up'), 'caught-up');
      await sub.unsubscribe();
      expect(log.filter((x) => x !== 'caught-up').map((x) => (x as Received).n)).toEqual([1, 2]);
    });

    it('from the end delivers only what is written afterwards', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, [event('A', 0)]);
      const sub = t.client.subscribeToStream(stream, { fromRevision: END });
      const log = record(sub);
      await until(() => log.includes('caught-up'), 'caught-up');
      await t.client.appendToStream(stream, [event('A', 1)]);
      await until(() => log.length === 2, 'live event');
      await sub.unsubscribe();
      expect(log).toEqual(['caught-up', { stream, type: 'A', n: 1 }]);
    });

    it('waits for a stream that does not exist yet', async () => {
      const stream = uniqueStream();
      const sub = t.client.subscribeToStream(stream);
      const log = record(sub);
      await until(() => log.includes('caught-up'), 'caught-up');
      await t.client.appendToStream(stream, event('A', 7));
      await until(() => log.length === 2, 'first event');
      await sub.unsubscribe();
      expect(log[1]).toEqual({ stream, type: 'A', n: 7 });
    });
  });

  describe('to $all', () => {
    it('catches up from the start (system events included), then goes live without a gap', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(stream, [event('A', 0), event('A', 1)]);
      const sub = t.client.subscribeToAll({ fromPosition: START });
      const log = record(sub);
      // Writes racing the catch-up must all arrive exactly once.
      const writes = Array.from({ length: 20 }, (_, i) => t.client.appendToStream(stream, event('A', i + 2)));
      await Promise.all(writes);
      await until(
        () => log.filter((x) => x !== 'caught-up' && x.stream === stream).length === 22,
        'all events',
      );
      await sub.unsubscribe();
      const mine = log.filter((x): x is Received => x !== 'caught-up' && x.stream === stream).map((x) => x.n);
      expect(mine).toEqual(Array.from({ length: 22 }, (_, i) => i));
      expect(log.filter((x) => x === 'caught-up')).toHaveLength(1);
      expect((log[0] as Received).type.startsWith('$')).toBe(true);
    });

    it('from a position delivers the events after it (exclusive)', async () => {
      const stream = uniqueStream();
      const first = await t.client.appendToStream(stream, event('A', 0));
      await t.client.appendToStream(stream, event('A', 1));
      const sub = t.client.subscribeToAll({ fromPosition: first.position as Position });
      const log = record(sub);
      await until(() => log.includes('caught-up'), 'caught-up');
      await sub.unsubscribe();
      expect(log).toEqual([{ stream, type: 'A', n: 1 }, 'caught-up']);
    });

    it('from the end delivers only new events', async () => {
      await t.client.appendToStream(uniqueStream(), event('A', 0));
      const sub = t.client.subscribeToAll({ fromPosition: END });
      const log = record(sub);
      await until(() => log.includes('caught-up'), 'caught-up');
      const stream = uniqueStream();
      await t.client.appendToStream(stream, event('B', 1));
      await until(() => log.length === 2, 'live event');
      await sub.unsubscribe();
      expect(log).toEqual(['caught-up', { stream, type: 'B', n: 1 }]);
    });

    it.each([
      [
        'event-type prefix',
        eventTypeFilter({ prefixes: ['Job'] }),
        (r: Received) => r.type.startsWith('Job'),
      ],
      [
        'event-type regex',
        eventTypeFilter({ regex: '^Job.*Held$' }),
        (r: Received) => /^Job.*Held$/.test(r.type),
      ],
      [
        'stream-name prefix',
        streamNameFilter({ prefixes: ['case-'] }),
        (r: Received) => r.stream.startsWith('case-'),
      ],
      [
        'stream-name regex',
        streamNameFilter({ regex: '^plan-\\d+$' }),
        (r: Received) => /^plan-\d+$/.test(r.stream),
      ],
      ['excludeSystemEvents', excludeSystemEvents(), (r: Received) => !r.type.startsWith('$')],
    ])('filters on the server by %s', async (_name, filter, expected) => {
      const writes: Array<[string, string]> = [
        ['case-1', 'JobInterviewHeld'],
        ['case-1', 'AvailabilityInterviewHeld'],
        ['plan-7', 'JobGoalSet'],
        ['plan-x', 'JobInterviewHeld'],
        ['other', 'Registered'],
      ];
      let n = 0;
      for (const [stream, type] of writes) await t.client.appendToStream(stream, event(type, n++));
      const sub = t.client.subscribeToAll({ fromPosition: START, filter });
      const log = record(sub);
      await until(() => log.includes('caught-up'), 'caught-up');
      await t.client.appendToStream('case-2', event('JobInterviewHeld', n++));
      await t.client.appendToStream('plan-9', event('JobGoalSet', n++));
      await new Promise((r) => setTimeout(r, 100));
      await sub.unsubscribe();
      const all: Received[] = [...writes, ['case-2', 'JobInterviewHeld'], ['plan-9', 'JobGoalSet']].map(
        ([stream, type], i) => ({ stream, type, n: i }),
      );
      const received = log.filter((x): x is Received => x !== 'caught-up' && !x.type.startsWith('$'));
      expect(received).toEqual(all.filter(expected));
      expect(received.length).toBeGreaterThan(0);
    });

    it('reaches a checkpoint every maxSearchWindow × checkpointInterval events examined, and at the end of catch-up', async () => {
      // 3 system events + 20 written = 23 examined; the filter matches only 2 of them.
      const stream = uniqueStream();
      for (let i = 0; i < 20; i += 1)
        await t.client.appendToStream(stream, event(i % 10 === 0 ? 'Wanted' : 'Other', i));
      const all = [];
      for await (const e of t.client.readAll()) all.push(e.event!.position!.commit);
      const checkpoints: bigint[] = [];
      const sub = t.client.subscribeToAll({
        fromPosition: START,
        filter: eventTypeFilter({
          prefixes: ['Wanted'],
          maxSearchWindow: 5,
          checkpointInterval: 2,
          checkpointReached: (_s, position) => {
            checkpoints.push(position.commit);
          },
        }),
      });
      const log = record(sub);
      await until(() => log.includes('caught-up'), 'caught-up');
      await sub.unsubscribe();
      // every 10 examined: after the 10th and the 20th event of $all, then one at the end of catch-up
      expect(checkpoints).toEqual([all[9], all[19], all[22]]);
      expect(log.filter((x) => x !== 'caught-up')).toHaveLength(2);
    });

    it('defaults the window to 32 events when the client names none', async () => {
      const stream = uniqueStream();
      await t.client.appendToStream(
        stream,
        Array.from({ length: 40 }, (_, i) => event('Other', i)),
      );
      const all = [];
      for await (const e of t.client.readAll()) all.push(e.event!.position!.commit);
      const checkpoints: bigint[] = [];
      const sub = t.client.subscribeToAll({
        filter: eventTypeFilter({
          prefixes: ['Nothing'],
          checkpointReached: (_s, p) => void checkpoints.push(p.commit),
        }),
      });
      const log = record(sub);
      await until(() => log.includes('caught-up'), 'caught-up');
      await sub.unsubscribe();
      expect(checkpoints).toEqual([all[31], all[all.length - 1]]);
    });

    it('keeps delivering in order to a slow consumer (backpressure)', async () => {
      const stream = uniqueStream();
      const total = 3000;
      for (let i = 0; i < total; i += 500) {
        await t.client.appendToStream(
          stream,
          Array.from({ length: 500 }, (_, k) => event('Bulk', i + k)),
        );
      }
      const sub = t.client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
      const seen: number[] = [];
      for await (const e of sub) {
        seen.push((e.event!.data as { n: number }).n);
        if (seen.length % 500 === 0) await new Promise((r) => setTimeout(r, 20));
        if (seen.length === total) break;
      }
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
    });
  });

  it('ends open subscriptions with CANCELLED when the node stops', async () => {
    const sub = t.client.subscribeToAll({ fromPosition: START });
    const log = record(sub);
    const ended = new Promise<unknown>((resolve) => {
      sub.on('error', resolve);
      sub.on('end', () => resolve('end'));
    });
    await until(() => log.includes('caught-up'), 'caught-up');
    await t.node.stop();
    const outcome = (await ended) as { type?: string; code?: number };
    expect(outcome).toMatchObject({ code: 1 });
  });
});
