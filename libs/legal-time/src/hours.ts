/**
 * Cumulative unemployment counted in hours (LAB § 9; BAB § 7; 002 §2.2). There are two counters and they
 * differ: the a-kasse's counts benefit-right consumption by the date the a-kasse *registered* it and decides
 * the handover; the jobcentre's counts hours with benefit or wage-subsidy employment over the period they
 * cover, from placement, and drives the 6- and 16-month limits.
 */
import { addDays, daysInMonth, endOfMonth, localDate, type LocalDate } from './local-date';

export type Insurance = 'full-time' | 'part-time';

export interface HourParameter<T> {
  id: string;
  version: number;
  value: T;
  /** The provision the value is read from. */
  legalReference: string;
  source: string;
  verified: boolean;
  /** How the value reads the source: what is counted and what is ours (listed in docs/law-readings.md). */
  reading: string;
}

/** Hours of one month of cumulative unemployment (old BAB § 7(3), bek. 2636/2021). */
export const HOURS_PER_MONTH: HourParameter<Record<Insurance, number>> = {
  id: 'HOURS-PER-MONTH',
  version: 1,
  value: { 'full-time': 160.33, 'part-time': 130 },
  legalReference: 'old BAB §7(3) (bek. 2636/2021)',
  source: 'old BAB §7(3) (bek. 2636/2021), public text',
  verified: true,
  reading:
    'one month of cumulative unemployment is this many hours of benefit, for full-time and part-time insured members (6 months full-time: 961.98 h)',
};

/** Hours of one week of cumulative unemployment (old BAB § 7(3); RULES.md "Parameters the seeds do not give"). */
export const HOURS_PER_WEEK: HourParameter<Record<Insurance, number>> = {
  id: 'HOURS-PER-WEEK',
  version: 1,
  value: { 'full-time': 37, 'part-time': 30 },
  legalReference: 'old BAB §7(3) (bek. 2636/2021)',
  source: 'old BAB §7(3) (bek. 2636/2021), public text',
  verified: true,
  reading:
    'one week of cumulative unemployment is this many hours, for full-time and part-time insured members (39 weeks full-time: 1,443 h)',
};

/** The a-kasse's period: registered consumption of 410 h (full-time) / 333 h (part-time) (BAB § 7(2); 002 §2.2). */
export const AKASSE_PERIOD_HOURS: HourParameter<Record<Insurance, number>> = {
  id: 'AKASSE-PERIOD-HOURS',
  version: 1,
  value: { 'full-time': 410, 'part-time': 333 },
  legalReference: 'BAB §7(2); 002 §2.2',
  source: '002 §2.2; BAB §7(2)',
  verified: true,
  reading:
    'the a-kasse keeps the contact process until the end of the calendar month in which it has registered this much benefit-right consumption, counted by the day it registered it',
};

/** Whether reaching the a-kasse threshold means "at least" or "more than" is unverified; default: at least. */
export const AKASSE_THRESHOLD_COMPARISON: HourParameter<'at-least' | 'more-than'> = {
  id: 'AKASSE-THRESHOLD-COMPARISON',
  version: 1,
  value: 'at-least',
  legalReference: 'BAB §7(2); 002 §2.2',
  source: 'STAR Q&A on the 2020–23 trial',
  verified: false,
  reading:
    "the a-kasse's period ends once its registered consumption reaches the hours (at least 410 / 333); the other reading, more than the hours, would move the handover a month later where a registration lands exactly on the threshold",
};

/** Periods whose hours do not count (the COVID freeze, old BAB § 7(2)). */
export const NOT_COUNTED_PERIODS: HourParameter<Array<{ from: string; to: string }>> = {
  id: 'HOURS-NOT-COUNTED',
  version: 1,
  value: [
    { from: '2020-03', to: '2020-08' },
    { from: '2021-01', to: '2021-06' },
  ],
  legalReference: 'old BAB §7(2)',
  source: 'old BAB §7(2)',
  verified: true,
  reading:
    "hours of benefit in these months (the COVID freeze) do not count on the jobcentre's counter of cumulative unemployment",
};

/** "N months of cumulative unemployment" in hours: 6 months full-time = 961.98 h, 16 months = 2,565.28 h. */
export function monthsOfUnemploymentInHours(months: number, insurance: Insurance): number {
  return Math.round(months * HOURS_PER_MONTH.value[insurance] * 100) / 100;
}

/** "N weeks of cumulative unemployment" in hours: 39 weeks full-time = 1,443 h, part-time 1,170 h. */
export function weeksOfUnemploymentInHours(weeks: number, insurance: Insurance): number {
  return Math.round(weeks * HOURS_PER_WEEK.value[insurance] * 100) / 100;
}

export function reachesAkasseThreshold(hours: number, insurance: Insurance): boolean {
  const threshold = AKASSE_PERIOD_HOURS.value[insurance];
  return AKASSE_THRESHOLD_COMPARISON.value === 'at-least' ? hours >= threshold : hours > threshold;
}

/** A registration of benefit-right consumption by the a-kasse. */
export interface ConsumptionRegistration {
  /** The month the hours cover ("YYYY-MM"). */
  month: string;
  benefitHours: number;
  /** Hours of wage-subsidy employment (LAB ch. 12) in that month: they count for the jobcentre only. */
  wageSubsidyHours: number;
  /** The day the a-kasse registered the consumption. */
  registeredOn: LocalDate;
}

/**
 * C24-HANDOVER: the a-kasse keeps the contact process "until the end of the calendar month in which the
 * a-kasse has registered" 410 / 333 hours. Keyed on the registration date, not on the months covered.
 */
export function akasseHandoverDate(
  registrations: readonly ConsumptionRegistration[],
  insurance: Insurance,
): { handoverOn: LocalDate; reachedOn: LocalDate; hours: number } | undefined {
  const ordered = [...registrations].sort((a, b) =>
    a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : 0,
  );
  let hours = 0;
  for (const registration of ordered) {
    hours += registration.benefitHours;
    if (reachesAkasseThreshold(hours, insurance)) {
      return {
        handoverOn: endOfMonth(registration.registeredOn),
        reachedOn: registration.registeredOn,
        hours,
      };
    }
  }
  return undefined;
}

const isFrozen = (month: string) => NOT_COUNTED_PERIODS.value.some((p) => month >= p.from && month <= p.to);

/** The jobcentre's counter for one month: benefit plus wage-subsidy hours, none in a frozen month. */
export function jobcentreHoursOf(registration: ConsumptionRegistration): number {
  return isFrozen(registration.month) ? 0 : registration.benefitHours + registration.wageSubsidyHours;
}

export const HOURS_ACCRUE_EVENLY: HourParameter<true> = {
  id: 'HOURS-ACCRUE-EVENLY',
  version: 1,
  value: true,
  legalReference: 'BAB §7 (cumulative unemployment counted in hours)',
  source: 'our interpretation: monthly reports do not say on which day an hour fell',
  verified: false,
  reading:
    "the reports give only a month's total: within the month whose hours cross a threshold (6, 16 months, ...), the hours are taken to accrue evenly over its days, which gives the day the threshold is reached",
};

/**
 * The jobcentre's hours per month ("YYYY-MM"), in month order, each month's registrations summed in the order
 * given. Registrations usually come one per month in month order, read as they are; otherwise grouped and sorted.
 */
function hoursByMonth(registrations: readonly ConsumptionRegistration[]): Array<[string, number]> {
  const inOrder = registrations.every((r, i) => i === 0 || registrations[i - 1].month < r.month);
  if (inOrder) return registrations.map((r) => [r.month, 0 + jobcentreHoursOf(r)]);
  const byMonth = new Map<string, number>();
  for (const r of registrations) byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + jobcentreHoursOf(r));
  return [...byMonth.keys()].sort().map((month) => [month, byMonth.get(month)!]);
}

/**
 * The day the jobcentre's counter reaches `threshold` hours, from monthly figures: within the month that
 * crosses it, hours are taken to accrue evenly over the month's days (HOURS-ACCRUE-EVENLY). Undefined until
 * the reported hours reach it. Counted from `from` when given (a count that starts again on a day, e.g. after
 * an offer): earlier months are left out and that day's month counts only its share from that day on.
 */
export function jobcentreCounterReachedOn(
  registrations: readonly ConsumptionRegistration[],
  threshold: number,
  from?: LocalDate,
): LocalDate | undefined {
  const byMonth = hoursByMonth(registrations);
  const fromMonth = from === undefined ? undefined : from.slice(0, 7);
  let hours = 0;
  for (const [month, inMonth] of byMonth) {
    if (fromMonth !== undefined && month < fromMonth) continue;
    if (inMonth <= 0) continue;
    const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
    // The first day of the month that counts: the month's first, or `from` in its own month.
    const first = month === fromMonth ? Number(from!.slice(8, 10)) : 1;
    const counted = (inMonth * (days - first + 1)) / days;
    if (hours + counted >= threshold - 1e-9) {
      const day = first - 1 + Math.max(1, Math.ceil(((threshold - hours) / inMonth) * days - 1e-9));
      return addDays(localDate(`${month}-01`), Math.min(day, days) - 1);
    }
    hours += counted;
  }
  return undefined;
}
