import type { ContactProcessEvent } from './contact-process.events';
import { evaluateObligations } from './obligations';
import { aPerson, aYoungPerson, d, fullMonths, given, placed, registered } from './testing/scenario';

/**
 * #18's "Done when": no obligation can stay overdue past the event that ends it. Across every regime, a benefit
 * period left with its duties unmet — no interview, guidance, plan or notice — is overdue somewhere before the
 * next placement, and nowhere after it: each duty then is missed or no longer owed (C24-PERIOD-ENDS,
 * G03-PERIOD-ENDS, HP-PERIOD-ENDS).
 */
const untended = (placedOn: string, months: number, ...more: ContactProcessEvent[]) => [
  placed({ placedOn: d(placedOn) }),
  registered(placedOn),
  ...fullMonths(placedOn.slice(0, 7), months),
  ...more,
];
const control: ContactProcessEvent = {
  type: 'ControlActionDoubtReceived',
  data: { receivedOn: d('2024-04-10'), abroad: true },
};
const nuph: ContactProcessEvent = {
  type: 'NuphSent',
  data: { nuphId: 'n-1', sentOn: d('2024-04-10'), personNotifiedOn: null },
};
const afNotice: ContactProcessEvent = {
  type: 'AfNoticeReceived',
  data: { noticeId: 'af-1', receivedOn: d('1994-04-05'), reason: 'called-for-plan', agreedPeriodWeeks: null },
};

const CASES: Array<[string, ContactProcessEvent[], string]> = [
  ['C24', [aPerson(), ...untended('2024-03-01', 18, control, nuph)], '2026-03-01'],
  ['C24, education-injunction group', [aYoungPerson(), ...untended('2024-03-01', 18, control)], '2026-03-01'],
  ['R26', [aPerson(), ...untended('2026-08-03', 18)], '2028-08-01'],
  // T15: placed in 2023, not unemployed on 2024-01-01, registered in February: C24 from then (002 §15.3)
  [
    'T15',
    [
      aPerson(),
      placed({ placedOn: d('2023-10-02') }),
      registered('2024-02-05'),
      ...fullMonths('2024-02', 12),
    ],
    '2025-10-01',
  ],
  ['G03', [aPerson({ birthDate: d('1950-06-02') }), ...untended('2009-03-02', 18)], '2011-03-01'],
  ['HP', [aPerson({ birthDate: d('1960-05-05') }), ...untended('1994-01-03', 18, afNotice)], '1996-01-01'],
];

describe('a benefit period replaced by the next placement, in every regime (#18 item 1)', () => {
  it.each(CASES)('%s: overdue duties before the next placement, none after it', (_regime, events, nextOn) => {
    const earlier = (state: ReturnType<typeof given>, asOf: string) =>
      evaluateObligations(state, d(asOf)).filter((o) => o.benefitPeriodId === 'bp-1');
    const dayBefore = new Date(Date.parse(`${nextOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    // Given the period's duties left unmet up to the day before the next placement
    const unmet = given(...events);
    expect(earlier(unmet, dayBefore).filter((o) => o.status === 'overdue').length).toBeGreaterThan(0);
    // When the person is placed in a new benefit period
    const replaced = given(...events, placed({ benefitPeriodId: 'bp-2', placedOn: d(nextOn) }));
    // Then nothing of the earlier period is overdue: what was due is missed, what was not is no longer owed
    const after = earlier(replaced, nextOn);
    expect(after.filter((o) => o.status === 'overdue').map((o) => o.key)).toEqual([]);
    expect(after.some((o) => o.status === 'missed')).toBe(true);
  });
});
