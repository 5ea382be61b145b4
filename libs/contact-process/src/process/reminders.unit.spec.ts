import { decide } from './decide';
import type { ReminderWindows } from './commands';
import {
  aPerson,
  d,
  fullMonths,
  given,
  interview,
  placed,
  registered,
  type EventOf,
} from '../testing/scenario';
import type { ContactProcessEvent } from '../contact-process.events';

/** Placed 1 March, registered 4 March: the first interview (C24-FIRST) is due by 18 March. */
const base = (...more: ContactProcessEvent[]) =>
  given(aPerson(), placed(), registered('2024-03-04'), ...more);
const windows: ReminderWindows = { defaultDays: 7, days: { 'akasse:akasse-3f': 5 } };

const dueSoon = (events: ContactProcessEvent[], ruleId = 'C24-FIRST') =>
  events.filter(
    (e): e is EventOf<'DeadlineDueSoon'> => e.type === 'DeadlineDueSoon' && e.data.ruleId === ruleId,
  );
/** The day's sweep; `null`: one without reminder windows. */
const sweep = (state: ReturnType<typeof base>, asOf: string, reminders: ReminderWindows | null = windows) =>
  decide({ type: 'EvaluateDeadlines', asOf: d(asOf), reminders: reminders ?? undefined }, state);

describe('a duty coming due within its organisation’s reminder window', () => {
  it('is noted from the day its due day is the a-kasse’s own window away, with that window', () => {
    expect(dueSoon(sweep(base(), '2024-03-12'))).toEqual([]);
    expect(dueSoon(sweep(base(), '2024-03-13'))).toEqual([
      {
        type: 'DeadlineDueSoon',
        data: {
          obligationKey: 'C24-FIRST:bp-1',
          ruleId: 'C24-FIRST',
          dueOn: '2024-03-18',
          detectedOn: '2024-03-13',
          windowDays: 5,
        },
      },
    ]);
  });

  it('takes the default window for an organisation without one of its own', () => {
    const noted = dueSoon(sweep(base(), '2024-03-11', { defaultDays: 7, days: {} }));
    expect(noted.map((e) => e.data.windowDays)).toEqual([7]);
  });

  it('takes the jobcentre’s own window for a duty of the jobcentre (the registration’s jobcentre)', () => {
    // Six full months of hours hand the process over: the jobcentre's first interview (C24-JC3) is due 31 August.
    const handedOver = base(...fullMonths('2024-03', 6));
    const jobcentre: ReminderWindows = {
      defaultDays: 7,
      days: { 'jobcenter:jc-101': 3, 'akasse:akasse-3f': 5 },
    };
    expect(dueSoon(sweep(handedOver, '2024-08-27', jobcentre), 'C24-JC3')).toEqual([]);
    const noted = dueSoon(sweep(handedOver, '2024-08-28', jobcentre), 'C24-JC3');
    expect(noted.map((e) => [e.data.dueOn, e.data.windowDays])).toEqual([['2024-08-31', 3]]);
    const elsewhere: ReminderWindows = { defaultDays: 7, days: { 'jobcenter:jc-other': 3 } };
    expect(
      dueSoon(sweep(handedOver, '2024-08-24', elsewhere), 'C24-JC3').map((e) => e.data.windowDays),
    ).toEqual([7]);
  });

  it('is noted once per due day, and anew when the due day moved', () => {
    const [noted] = dueSoon(sweep(base(), '2024-03-13'));
    expect(dueSoon(sweep(base(noted), '2024-03-14'))).toEqual([]);
    const earlierDueDay = { ...noted, data: { ...noted.data, dueOn: d('2024-03-11') } };
    expect(dueSoon(sweep(base(earlierDueDay), '2024-03-14')).map((e) => e.data.dueOn)).toEqual([
      '2024-03-18',
    ]);
  });

  it('is not noted for a duty met first, on the due day passed, with a window of 0 or without reminders', () => {
    expect(dueSoon(sweep(base(interview('2024-03-06')), '2024-03-13'))).toEqual([]);
    expect(dueSoon(sweep(base(), '2024-03-19'))).toEqual([]);
    expect(dueSoon(sweep(base(), '2024-03-13', { defaultDays: 0, days: {} }))).toEqual([]);
    expect(dueSoon(sweep(base(), '2024-03-13', null))).toEqual([]);
  });

  it('is noted on the due day itself, the last day it can be met on time', () => {
    expect(dueSoon(sweep(base(), '2024-03-18')).map((e) => e.data.detectedOn)).toEqual(['2024-03-18']);
  });
});
