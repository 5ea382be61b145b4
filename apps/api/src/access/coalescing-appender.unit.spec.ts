import type { AppendResult, NewEvent } from '@app/event-store';
import { CoalescingAppender } from './coalescing-appender';

const event = (n: number): NewEvent => ({
  type: 'PersonDataRead',
  schemaVersion: 2,
  data: { n },
  metadata: {
    eventId: `e-${n}`,
    occurredAt: '2024-03-20T10:00:00.000Z',
    actor: { organisation: 'akasse-3f', role: 'akasse-caseworker', user: 'cw-1' },
    correlationId: `c-${n}`,
    causationId: null,
  },
});

/** A store whose appends wait until released, recording what each was given. */
function heldStore() {
  const appends: Array<{ stream: string; events: NewEvent[]; release(error?: Error): void }> = [];
  let position = 0n;
  const store = {
    append: (stream: string, events: NewEvent[]) =>
      new Promise<AppendResult>((resolve, reject) =>
        appends.push({
          stream,
          events,
          release: (error) => {
            if (error) return reject(error);
            position += BigInt(events.length);
            resolve({
              nextExpectedRevision: position - 1n,
              position: { commit: position, prepare: position },
            });
          },
        }),
      ),
  };
  return { store, appends };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescingAppender', () => {
  it('appends a lone event at once, and what arrives meanwhile as one append per stream', async () => {
    const { store, appends } = heldStore();
    const appender = new CoalescingAppender(store);
    const first = appender.append('access-log:2024-03-20', event(1));
    await tick();
    expect(appends.map((a) => a.events.length)).toEqual([1]);

    const later = [2, 3, 4].map((n) => appender.append('access-log:2024-03-20', event(n)));
    const otherDay = appender.append('access-log:2024-03-21', event(5));
    appends[0].release();
    expect(await first).toEqual({ commit: 1n, prepare: 1n });
    await tick();
    expect(appends.slice(1).map((a) => [a.stream, a.events.map((e) => e.metadata.eventId)])).toEqual([
      ['access-log:2024-03-20', ['e-2', 'e-3', 'e-4']],
      ['access-log:2024-03-21', ['e-5']],
    ]);
    appends[1].release();
    appends[2].release();
    // Every caller of one append gets its position, which covers each of its events.
    expect(await Promise.all(later)).toEqual([4n, 4n, 4n].map((commit) => ({ commit, prepare: commit })));
    expect(await otherDay).toEqual({ commit: 5n, prepare: 5n });
  });

  it('fails every caller of a failed append, and only them', async () => {
    const { store, appends } = heldStore();
    const appender = new CoalescingAppender(store);
    const first = appender.append('s', event(1));
    await tick();
    const failing = [appender.append('s', event(2)), appender.append('s', event(3))];
    appends[0].release();
    await first;
    await tick();
    appends[1].release(new Error('event store unavailable'));
    for (const f of failing) await expect(f).rejects.toThrow('event store unavailable');
    const after = appender.append('s', event(4));
    await tick();
    appends[2].release();
    expect(await after).toBeDefined();
  });

  it('splits what waits into appends of at most maxBatch events', async () => {
    const { store, appends } = heldStore();
    const appender = new CoalescingAppender(store, 2);
    const first = appender.append('s', event(0));
    await tick();
    const rest = [1, 2, 3, 4, 5].map((n) => appender.append('s', event(n)));
    appends[0].release();
    await first;
    for (let i = 1; i <= 3; i += 1) {
      await tick();
      appends[i].release();
    }
    await Promise.all(rest);
    expect(appends.map((a) => a.events.length)).toEqual([1, 2, 2, 1]);
  });
});
