/**
 * A number (or day, or reading) the law sets, as data: where it comes from and how we read it, so that no legal
 * number is a literal in a regime's logic and an unsettled one is visible as `verified: false`. Every regime
 * keeps its parameters in its rule set's `parameters`, which is also what the read models' versions hash.
 */
import { addDays, addMonthsClamped, type LocalDate } from '@app/legal-time';

export type ParameterUnit = 'interviews' | 'days' | 'weeks' | 'months' | 'years' | 'day' | 'choice';

export interface RuleParameter<T = number> {
  /** A stable id, named after the rule it belongs to (`C24-AK3-COUNT`). */
  id: string;
  value: T;
  unit: ParameterUnit;
  /** The provision that sets it (or that it is read from). */
  legalReference: string;
  /** Whether a public source confirms the value; false: our default, easy to change. */
  verified: boolean;
  /** Where the value comes from. */
  source: string;
  /** How the value reads the source: what is counted, from when, and what is ours. */
  reading: string;
}

/** A period a rule gives in days, weeks or months. */
export type PeriodParameter = RuleParameter<number> & { unit: 'days' | 'weeks' | 'months' };

/** The day `period` after `day` (a negative value counts back); months as calendar months, clamped. */
export function after(day: LocalDate, period: PeriodParameter): LocalDate {
  switch (period.unit) {
    case 'days':
      return addDays(day, period.value);
    case 'weeks':
      return addDays(day, period.value * 7);
    case 'months':
      return addMonthsClamped(day, period.value);
  }
}

/** The day `period` before `day`. */
export const before = (day: LocalDate, period: PeriodParameter): LocalDate =>
  after(day, { ...period, value: -period.value });

/**
 * The due day of a duty whose source states no time limit. That day is always a reading of ours, never a fact,
 * so it is one of these, unverified, with the reading saying why: `value` days after the day the duty arises
 * (0: that same day — "at once", "i forbindelse med"), or null: owed from that day but due on none (it stays
 * open until met or ended). Every regime reads such a day through `dueWithoutStatedLimit`, so the treatment is
 * the same everywhere and only the reading differs.
 */
export type NoStatedLimitParameter = RuleParameter<number | null> & { unit: 'days'; verified: false };

/** The due day `limit` reads for a duty without a stated time limit that arises on `arises`. */
export const dueWithoutStatedLimit = (arises: LocalDate, limit: NoStatedLimitParameter): LocalDate | null =>
  limit.value === null ? null : addDays(arises, limit.value);
