import { localDate as d } from '@app/legal-time';
import { decide } from './decide';
import { evolve } from './evolve';
import { initialState, type ContactProcessState, type RecordedContactProcessEvent } from './state';
import { sealState, stateAfter, STATE_SHAPE, storedStateOf, type PersonBatch } from './person-batches';

/** Issue #17 item 4: the folded state is stored with its shape, and a state of another shape is never read as it. */
describe('a stored folded state', () => {
  const placed: RecordedContactProcessEvent = {
    ...decide(
      {
        type: 'PlaceInBenefitPeriod',
        today: d('2024-03-04'),
        recordedBy: 'akasse',
        data: {
          benefitPeriodId: 'bp-1',
          akasseId: 'akasse-3f',
          insurance: 'full-time',
          placedOn: d('2024-03-01'),
          continuingPlacement: false,
        },
      } as never,
      initialState(),
    )[0],
    eventId: 'e-1',
  };
  const current = evolve(initialState(), placed);
  const sealing = { sealPersonal: async (_stream: string, _table: string, json: string) => json };
  const batch = (facts: RecordedContactProcessEvent[]): PersonBatch =>
    ({ facts, lastRevision: 0n, corrected: false, erased: false }) as PersonBatch;

  it('is stored with the shape it has and read back as it was', async () => {
    const stored = (await sealState(sealing, 'states', 'p-1', current))!;
    expect(JSON.parse(stored)).toMatchObject({ shape: STATE_SHAPE });
    expect(storedStateOf(stored)).toEqual(current);
  });

  it('is not read when it has another shape, nor when it was stored bare before shapes were', () => {
    expect(storedStateOf(JSON.stringify({ shape: STATE_SHAPE + 1, state: current }))).toBeNull();
    expect(storedStateOf(JSON.stringify(current))).toBeNull();
  });

  it('of another shape is folded again from the person’s stream instead of evolved', async () => {
    // An older state lacking a part the code now reads (G03-EXCH's exchanges, say): never evolved as it is.
    const older = { ...current, periods: current.periods.map((p) => ({ ...p, guidance: {} })) };
    const reads: Array<{ stream: string; maxCount?: number }> = [];
    const streams = {
      readStream: async (stream: string, options?: { maxCount?: number }) => {
        reads.push({ stream, maxCount: options?.maxCount });
        return [];
      },
    };
    const after: ContactProcessState = await stateAfter(
      'p-1',
      batch([]),
      JSON.stringify(older),
      streams as never,
    );
    expect(reads).toEqual([{ stream: expect.stringContaining('p-1'), maxCount: 1 }]);
    expect(after).toEqual(initialState());
    // The state of this shape is evolved as it is, without a read.
    reads.length = 0;
    await stateAfter(
      'p-1',
      batch([]),
      (await sealState(sealing, 'states', 'p-1', current))!,
      streams as never,
    );
    expect(reads).toEqual([]);
  });
});
