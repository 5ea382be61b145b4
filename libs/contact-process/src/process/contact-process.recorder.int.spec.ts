import { randomUUID } from 'node:crypto';
import { connectEventStore, WrongExpectedRevisionError, type EventStoreConnection } from '@app/event-store';
import { aPerson, d } from '@app/contact-process/testing';
import { ContactProcessRecorder, type RecordCommand, type RecordMetadata } from './contact-process.recorder';
import { ContactProcessError } from '../contact-process.errors';
import { contactProcessStream } from '../contact-process.events';

const actor = { organisation: 'akasse-3f', role: 'integration', user: 'sys-1' };
const meta = (overrides: Partial<RecordMetadata> = {}): RecordMetadata => ({
  eventId: randomUUID(),
  actor,
  correlationId: randomUUID(),
  causationId: null,
  ...overrides,
});
const facts = {
  person: { type: 'RecordPersonFacts', recordedBy: 'akasse', data: aPerson().data },
  placed: (personId: string): RecordCommand => ({
    type: 'PlaceInBenefitPeriod',
    recordedBy: 'akasse',
    data: {
      benefitPeriodId: `bp-${personId}`,
      akasseId: 'akasse-3f',
      insurance: 'full-time',
      placedOn: d('2024-03-01'),
      continuingPlacement: false,
    },
  }),
  registered: {
    type: 'RegisterAsJobseeker',
    recordedBy: 'akasse',
    data: { registeredOn: d('2024-03-04'), jobcenterId: 'jc-101' },
  },
  deregistered: {
    type: 'DeregisterAsJobseeker',
    recordedBy: 'jobcenter',
    data: { deregisteredOn: d('2024-03-10') },
  },
} satisfies Record<string, RecordCommand | ((id: string) => RecordCommand)>;
const accepted = () => undefined;

describe('recording facts with the person kept folded between recordings', () => {
  let connection: EventStoreConnection;
  const clock = { now: () => new Date('2024-03-20T10:00:00Z') };
  const recorder = () => new ContactProcessRecorder(connection.store, clock);

  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
  });
  afterAll(() => connection.close());

  const streamOf = async (personId: string) =>
    (await connection.store.readStream(contactProcessStream(personId))).map((e) => e.type);

  it('reads the person’s stream once for a run of facts recorded here', async () => {
    const here = recorder();
    const reads = jest.spyOn(connection.store, 'readStream');
    for (const fact of [facts.person, facts.placed('p-1'), facts.registered])
      await here.recordChecked('p-1', fact as RecordCommand, meta(), accepted);
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    expect(await streamOf('p-1')).toEqual(
      expect.arrayContaining(['PersonFactsRecorded', 'PlacedInBenefitPeriod', 'RegisteredAsJobseeker']),
    );
  });

  describe('when another instance wrote to the person meanwhile', () => {
    it('decides on the stream as it is now: a fact the kept copy would refuse is recorded', async () => {
      const a = recorder();
      const b = recorder();
      for (const fact of [facts.person, facts.placed('p-2')])
        await a.recordChecked('p-2', fact as RecordCommand, meta(), accepted);
      await b.recordChecked('p-2', facts.registered as RecordCommand, meta(), accepted);
      // A's copy has no registration: deregistering is refused there, accepted on the stream.
      const result = await a.recordChecked('p-2', facts.deregistered as RecordCommand, meta(), accepted);
      expect(result.events.map((e) => e.type)).toEqual(['DeregisteredAsJobseeker']);
      expect((await streamOf('p-2')).slice(-2)).toEqual(['RegisteredAsJobseeker', 'DeregisteredAsJobseeker']);
    });

    it('checks access on the stream as it is now: a refusal of the kept copy is not the answer', async () => {
      const a = recorder();
      const b = recorder();
      await a.recordChecked('p-3', facts.person as RecordCommand, meta(), accepted);
      await b.recordChecked('p-3', facts.placed('p-3'), meta(), accepted);
      const placedOnly = ({ state }: { state: { periods: unknown[] } }) => {
        if (state.periods.length === 0) throw new Error('not placed');
      };
      const result = await a.recordChecked('p-3', facts.registered as RecordCommand, meta(), placedOnly);
      expect(result.events.map((e) => e.type)).toEqual(['RegisteredAsJobseeker']);
    });

    it('stores a repeat of a fact the other instance stored once, and goes on from the stream as it is', async () => {
      const a = recorder();
      const b = recorder();
      await a.recordChecked('p-4', facts.person as RecordCommand, meta(), accepted);
      const repeated = meta();
      await b.recordChecked('p-4', facts.placed('p-4'), repeated, accepted);
      // As before the kept copy: each instance that took one of the repeats answers it as recorded.
      await a.recordChecked('p-4', facts.placed('p-4'), repeated, accepted);
      const next = await a.recordChecked('p-4', facts.registered as RecordCommand, meta(), accepted);
      expect(next.nextExpectedRevision).toBe(2n);
      expect(await streamOf('p-4')).toEqual([
        'PersonFactsRecorded',
        'PlacedInBenefitPeriod',
        'RegisteredAsJobseeker',
      ]);
    });
  });

  describe('when the client names a revision the person is no longer at', () => {
    it('is refused as a wrong expected revision, kept copy or not', async () => {
      const a = recorder();
      const b = recorder();
      await a.recordChecked('p-5', facts.person as RecordCommand, meta(), accepted);
      await b.recordChecked('p-5', facts.placed('p-5'), meta(), accepted);
      await expect(
        a.recordChecked('p-5', facts.registered as RecordCommand, meta({ expectedRevision: 0n }), accepted),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    });
  });

  it('still refuses what the stream as it is now refuses', async () => {
    const a = recorder();
    await a.recordChecked('p-6', facts.person as RecordCommand, meta(), accepted);
    await expect(
      a.recordChecked('p-6', facts.deregistered as RecordCommand, meta(), accepted),
    ).rejects.toBeInstanceOf(ContactProcessError);
  });
});
