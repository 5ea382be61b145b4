import { decide } from './decide';
import type { ReminderWindows } from './commands';
import { aPerson, d, given, interview, placed, registered, type EventOf } from '../testing/scenario';
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
