import { connectEventStore, type EventStoreConnection, type SubscriptionMessage } from '@app/event-store';
import { aCountedEvent } from '../../../test/support/counting-projection';
import { SharedAllFeed } from './shared-feed';

describe('one read of $all for several consumers', () => {
  let connection: EventStoreConnection;

  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
    await connection.store.append('a-1', [aCountedEvent(), aCountedEvent()]);
    await connection.store.append('b-1', [aCountedEvent()]);
  });
  afterAll(async () => connection.close());

  /** What a consumer takes until `caught-up`, then it lets go (as a runner past its `until` does). */
  async function takeUntilCaughtUp(subscription: ReturnType<ReturnType<SharedAllFeed['sourceFor']>>) {
    const seen: SubscriptionMessage[] = [];
    for await (const message of subscription) {
      seen.push(message);
      if (message.kind === 'caught-up') break;
    }
    await subscription.unsubscribe();
    return seen;
  }

  it('gives each consumer the events its filter takes and checkpoints for the others, and ends when the last lets go while live', async () => {
    const feed = new SharedAllFeed(connection.store);
    const a = feed.sourceFor()({ fromPosition: 'start', filter: { on: 'stream-name', prefixes: ['a-'] } });
    const b = feed.sourceFor()({ fromPosition: 'start', filter: { on: 'stream-name', prefixes: ['b-'] } });
    const reading = feed.start();

    const [seenByA, seenByB] = await Promise.all([takeUntilCaughtUp(a), takeUntilCaughtUp(b)]);
    // Both let go after caught-up, while the read waits for live events: it ends anyway.
    await reading;

    const events = (seen: SubscriptionMessage[]) =>
      seen.flatMap((m) => (m.kind === 'event' ? [m.event.streamName] : []));
    expect(events(seenByA)).toEqual(['a-1', 'a-1']);
    expect(events(seenByB)).toEqual(['b-1']);
    // B examined A's events too: checkpoints say so, the last before its own event at A's last.
    const lastOfA = seenByA.filter((m) => m.kind === 'event').pop()!;
    const beforeB = seenByB.slice(
      0,
      seenByB.findIndex((m) => m.kind === 'event'),
    );
    expect(beforeB.every((m) => m.kind === 'checkpoint')).toBe(true);
    expect(beforeB.pop()).toEqual({
      kind: 'checkpoint',
      position: lastOfA.kind === 'event' ? lastOfA.event.position : null,
    });
  });

  it('serves a consumer that subscribes again from the store itself', async () => {
    const feed = new SharedAllFeed(connection.store);
    const source = feed.sourceFor();
    const first = source({ fromPosition: 'start' });
    await first.unsubscribe();
    await feed.start();
    const again = source({ fromPosition: 'start' });
    const seen = await takeUntilCaughtUp(again);
    expect(seen.filter((m) => m.kind === 'event').length).toBeGreaterThanOrEqual(3);
  });
});
