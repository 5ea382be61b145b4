/**
 * What the end of a benefit period does to its obligations (#18 item 1). A period ends the day before the next
 * (not continuing) placement: every later fact belongs to the next period, so nothing can fulfil this one's
 * duties after it — left alone, one unmet stays overdue for ever. Each regime names its reading of that end as a
 * parameter (`C24-PERIOD-ENDS`, …), since the seeds state the new start (002 §3.2) but not the old one's end.
 */
import { addDays, minDate, type LocalDate } from '@app/legal-time';
import type { RuleParameter } from './parameter';
import type { Obligation } from './rule';
import { statusAt } from './status';

/** `next-placement`: a period's duties end the day before the next placement; `never`: they stay as they are. */
export type PeriodEndParameter = RuleParameter<'next-placement' | 'never'> & { unit: 'choice' };

/** The last day of a period placed on `placedOn`: the day before the next placement among `placements`, if any. */
export function lastDayOfPeriod(
  placedOn: LocalDate,
  placements: readonly LocalDate[],
): LocalDate | undefined {
  const next = placements.filter((day) => day > placedOn).sort()[0];
  return next === undefined ? undefined : addDays(next, -1);
}

/**
 * One obligation of a period that ended on `lastDay`, as of `asOf`, under `reading`: fulfilled by that day, as it
 * was; due by then and not fulfilled, its window closes that day (missed after it, not overdue for ever); not yet
 * due then (a later due day, or none yet), no longer owed. A right of the person (a complaint or objection window)
 * is not the period's duty and runs on; an obligation that never applied stays so.
 */
export function endedWithPeriod(
  obligation: Obligation,
  lastDay: LocalDate,
  asOf: LocalDate,
  reading: PeriodEndParameter,
): Obligation {
  const { fulfilledOn, dueOn } = obligation;
  if (reading.value === 'never' || obligation.notApplicable || obligation.owner === 'person')
    return obligation;
  if (fulfilledOn !== null && fulfilledOn <= lastDay) return obligation;
  const why = `the benefit period ended on ${lastDay}, the day before the next placement (${reading.id}, ${reading.verified ? 'verified' : 'unverified'} reading)`;
  const notYetDue = dueOn === null || dueOn > lastDay;
  const fields = {
    ...obligation,
    notApplicable: notYetDue,
    windowClosesOn: notYetDue
      ? obligation.windowClosesOn
      : minDate(obligation.windowClosesOn ?? lastDay, lastDay),
    note: [obligation.note, notYetDue ? `${why}: not due by then, no longer owed` : `${why}: not met by then`]
      .filter((note) => note !== null)
      .join('; '),
  };
  return { ...fields, status: statusAt(fields, asOf) };
}
