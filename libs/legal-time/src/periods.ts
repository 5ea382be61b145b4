/**
 * The counting conventions of RULES.md for calendar periods. Each is our interpretation where the sources are
 * silent, kept as a named, versioned parameter so an auditor can see which one produced a date.
 */
import { addDays, addMonthsClamped, endOfMonth, type LocalDate } from './local-date';

export interface Interpretation {
  id: string;
  version: number;
  text: string;
}

export const DAY_LIMIT_INTERPRETATION: Interpretation = {
  id: 'DAY-LIMIT',
  version: 1,
  text:
    '"senest 2 uger efter X" / "inden for en uge fra X" / "4 uger": due at the end of day X + 14 / X + 7 / X + 28 ' +
    'calendar days, Europe/Copenhagen; no roll-forward over weekends or holidays.',
};

export const MONTH_LIMIT_INTERPRETATION: Interpretation = {
  id: 'MONTH-LIMIT',
  version: 1,
  text: '"N months" for calendar rules: the same day of month N months later, clamped to the last day of that month.',
};

export const END_OF_MONTH_INTERPRETATION: Interpretation = {
  id: 'END-OF-MONTH',
  version: 1,
  text: '"udgangen af kalendermåneden": the last day of that month, end of day, Danish time.',
};

/** "senest 2 uger efter X": due by the end of day X + 14. */
export const twoWeeksAfter = (date: LocalDate): LocalDate => addDays(date, 14);
/** "inden for en uge fra X": due by the end of day X + 7. */
export const oneWeekAfter = (date: LocalDate): LocalDate => addDays(date, 7);
/** "inden for de næste 6 uger": by the end of day X + 42. */
export const sixWeeksAfter = (date: LocalDate): LocalDate => addDays(date, 42);
/** "4 uger": due by the end of day X + 28. */
export const fourWeeksAfter = (date: LocalDate): LocalDate => addDays(date, 28);
/** "hver 14. dag": the next interview is due 14 days after the previous one was held. */
export const fourteenDaysAfter = (date: LocalDate): LocalDate => addDays(date, 14);
/** Calendar months, clamped to month end (HP-PLAN's 3 months, C24-CV's "less than 3 months since"). */
export const monthsAfter = (date: LocalDate, months: number): LocalDate => addMonthsClamped(date, months);
/** End of the calendar month in which `date` falls. */
export const endOfCalendarMonth = (date: LocalDate): LocalDate => endOfMonth(date);
