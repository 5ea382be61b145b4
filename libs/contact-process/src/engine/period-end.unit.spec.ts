import { localDate } from '@app/legal-time';
import { endedWithPeriod, lastDayOfPeriod, type PeriodEndParameter } from './period-end';
import type { Obligation } from './rule';

const d = localDate;
const reading = (value: PeriodEndParameter['value']): PeriodEndParameter => ({
  id: 'TEST-PERIOD-ENDS',
  value,
  unit: 'choice',
  legalReference: 'test',
  verified: false,
  source: 'test',
  reading: 'test',
});
const overdue: Obligation = {
  key: 'X:bp-1',
  ruleId: 'X',
  ruleSetId: 'TEST',
  benefitPeriodId: 'bp-1',
  owner: 'akasse',
  dueOn: d('2024-03-18'),
  hourThreshold: null,
  required: null,
  fulfilledCount: null,
  fulfilledOn: null,
  windowClosesOn: null,
  waived: false,
  notApplicable: false,
  status: 'overdue',
  metBy: [],
  waivedBy: [],
  legalReference: 'test',
  note: null,
};

describe('the end of a benefit period (#18 item 1)', () => {
  it('is the day before the next placement after it, and none while it is the last', () => {
    const placements = [d('2024-09-01'), d('2024-03-01'), d('2025-06-01')];
    expect(lastDayOfPeriod(d('2024-03-01'), placements)).toBe('2024-08-31');
    expect(lastDayOfPeriod(d('2025-06-01'), placements)).toBeUndefined();
  });

  it('closes the window of a duty due by then and unmet, so it is missed after it', () => {
    expect(
      endedWithPeriod(overdue, d('2024-08-31'), d('2024-09-10'), reading('next-placement')),
    ).toMatchObject({
      status: 'missed',
      windowClosesOn: '2024-08-31',
    });
  });

  it('leaves an earlier window, a right of the person, and the reading "never" as they are', () => {
    const closedEarlier = { ...overdue, windowClosesOn: d('2024-06-30'), status: 'missed' as const };
    expect(
      endedWithPeriod(closedEarlier, d('2024-08-31'), d('2024-09-10'), reading('next-placement'))
        .windowClosesOn,
    ).toBe('2024-06-30');
    const right = { ...overdue, owner: 'person' as const, status: 'lapsed' as const };
    expect(endedWithPeriod(right, d('2024-08-31'), d('2024-09-10'), reading('next-placement'))).toBe(right);
    expect(endedWithPeriod(overdue, d('2024-08-31'), d('2024-09-10'), reading('never'))).toBe(overdue);
  });

  it('no longer owes a duty not yet due then (a later due day, or none yet)', () => {
    for (const dueOn of [d('2024-09-14'), null])
      expect(
        endedWithPeriod(
          { ...overdue, dueOn, status: 'open' },
          d('2024-08-31'),
          d('2024-09-10'),
          reading('next-placement'),
        ),
      ).toMatchObject({ status: 'not-applicable', notApplicable: true });
  });
});
