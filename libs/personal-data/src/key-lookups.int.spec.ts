import { randomBytes, randomUUID } from 'node:crypto';
import { CONTACT_PROCESS_CATALOGUE, contactProcessStream } from '@app/contact-process';
import { EventStore, type NewEvent } from '@app/event-store';
import { startTestNode, type TestNode } from '../../../test/support/embedded-node';
import { withIdentity } from './catalogue';
import { MasterKeyEncryption } from './key-encryption';
import type { StoredKey, WrappedKeyStore } from './key-management';
import { PersonKeyring, SqliteKeyStore } from './keyring';
import { PersonalDataCodec } from './personal-data.codec';

/** The catalogue the API gives the store: the contact process's personal fields and the identity streams'. */
const CATALOGUE = withIdentity(CONTACT_PROCESS_CATALOGUE);

/** The key store as a remote one is: every call a round trip, counted. */
class CountingStore implements WrappedKeyStore {
  loads = 0;
  personsLoaded = 0;
  constructor(private readonly inner: WrappedKeyStore) {}
  async load(personIds: readonly string[]): Promise<Map<string, StoredKey>> {
    this.loads += 1;
    this.personsLoaded += personIds.length;
    return this.inner.load(personIds);
  }
  insertIfAbsent(personId: string, wrapped: Buffer, createdAt: string) {
    return this.inner.insertIfAbsent(personId, wrapped, createdAt);
  }
  markDestroyed(personId: string, at: string) {
    return this.inner.markDestroyed(personId, at);
  }
  async close(): Promise<void> {}
}

const PERSONS = 100;
const EVENTS_PER_PERSON = 3;

const factsOf = (i: number): NewEvent[] =>
  Array.from({ length: EVENTS_PER_PERSON }, (_, n) => ({
    type: 'OfferRefused',
    schemaVersion: 1,
    data: { requestId: `r-${n}`, refusedOn: '2024-05-01', by: 'jobcenter', reason: `grund ${i}-${n}` },
    metadata: {
      eventId: randomUUID(),
      occurredAt: '2024-05-01T10:00:00Z',
      actor: { organisation: 'akasse-3f', role: 'integration', user: 'u' },
      correlationId: randomUUID(),
      causationId: null,
    },
  }));

/** A rebuild reads every person's events: with a remote key store, one lookup per page, not one per event. */
describe('key lookups while reading many persons', () => {
  let node: TestNode;
  let keys: CountingStore;
  const kek = new MasterKeyEncryption(randomBytes(32));
  /** A process that has just started: nothing cached. */
  const coldStore = () =>
    new EventStore(node.client, new PersonalDataCodec(new PersonKeyring(keys, kek), CATALOGUE));

  beforeAll(async () => {
    node = await startTestNode();
    keys = new CountingStore(new SqliteKeyStore(':memory:'));
    const writer = coldStore();
    for (let i = 0; i < PERSONS; i++) await writer.append(contactProcessStream(`p-${i}`), factsOf(i));
  });
  afterAll(() => node.stop());
  beforeEach(() => {
    keys.loads = 0;
    keys.personsLoaded = 0;
  });

  it('reads $all looking each person up once, a page of events at a time', async () => {
    let read = 0;
    for await (const event of coldStore().readAll()) {
      if (event.streamName.startsWith('contact-process-')) {
        expect((event.data as { reason: string }).reason).toMatch(/^grund /);
        read += 1;
      }
    }
    expect(read).toBe(PERSONS * EVENTS_PER_PERSON);
    expect(keys.personsLoaded).toBe(PERSONS);
    expect(keys.loads).toBeLessThan(PERSONS / 10);
  });

  it('catches a subscription up with lookups per batch of waiting events', async () => {
    const subscription = coldStore().subscribeToAll({
      filter: { on: 'stream-name', prefixes: ['contact-process-'] },
    });
    let read = 0;
    for await (const message of subscription) {
      if (message.kind === 'event') read += 1;
      if (message.kind === 'caught-up') break;
    }
    await subscription.unsubscribe();
    expect(read).toBe(PERSONS * EVENTS_PER_PERSON);
    expect(keys.personsLoaded).toBe(PERSONS);
    // How many events wait per batch depends on how fast the node sends them (a busy machine sends fewer at a
    // time); a lookup per person would be PERSONS loads, batching stays well under half of that.
    expect(keys.loads).toBeLessThan(PERSONS / 2);
  });
});
