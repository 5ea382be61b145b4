/**
 * Calendar dates as the law counts them: a `LocalDate` is a day in Denmark ("YYYY-MM-DD"), and day
 * boundaries are Europe/Copenhagen midnights, summer time included.
 */

export type LocalDate = string & { readonly __localDate: unique symbol };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const LEGAL_TIME_ZONE = 'Europe/Copenhagen';

/**
 * The days a request may name. The oldest rule in force dates from 1993 and benefit history, birth dates and
 * seniority reach a few decades further back; Danish standard time (CET) began in 1894, so every day from 1900
 * has exactly one Copenhagen midnight at a whole-hour offset. The upper end leaves two centuries for deadlines
 * while refusing typed years such as 9999 or 3024. Outside it, a date is refused at the edge (400), never computed.
 */
export const SUPPORTED_DATES = {
  first: '1900-01-01' as LocalDate,
  last: '2199-12-31' as LocalDate,
} as const;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** A calendar date within SUPPORTED_DATES: what a request may send. */
export function isSupportedDate(value: unknown): value is LocalDate {
  return isLocalDate(value) && value >= SUPPORTED_DATES.first && value <= SUPPORTED_DATES.last;
}

export function localDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`"${value}" is not a calendar date (YYYY-MM-DD)`);
  return value;
}

function parts(date: LocalDate): [number, number, number] {
  // The rules engine reads dates in its innermost loops: a well-formed "YYYY-MM-DD" is read without splitting.
  if (date.length === 10 && date[4] === '-' && date[7] === '-')
    return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function format(y: number, m: number, d: number): LocalDate {
  // Past year 9999 the string would no longer sort as a date (and before year 0 not be one at all).
  if (!Number.isInteger(y) || y < 0 || y > 9999)
    throw new RangeError(`year ${y} cannot be written as YYYY-MM-DD (dates run from 0000 to 9999)`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as LocalDate;
}

/**
 * Midnight UTC of a proleptic Gregorian day (month and day may overflow, as with Date.UTC). Date.UTC itself
 * reads the years 0–99 as 1900–1999, which would make 0099-12-31 a day of 1999.
 */
function utcDay(year: number, month: number, day: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return t;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  // Proleptic Gregorian leap years, as Date counts them; anything unusual (an overflowing month) goes to Date.
  if (Number.isInteger(year) && year >= 0 && Number.isInteger(month) && month >= 1 && month <= 12) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  }
  return utcDay(year, month + 1, 0).getUTCDate();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = parts(date);
  // Within the month (most deadlines a few days on or back): no calendar arithmetic needed.
  const day = d + days;
  if (Number.isInteger(day) && day >= 1 && day <= 28 && m >= 1 && m <= 12) return format(y, m, day);
  const t = utcDay(y, m, day);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** "N months" of a calendar rule: the same day of month N months later, clamped to that month's last day. */
export function addMonthsClamped(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/** The last day of the calendar month `date` falls in ("udgangen af kalendermåneden"). */
export function endOfMonth(date: LocalDate): LocalDate {
  const [y, m] = parts(date);
  return format(y, m, daysInMonth(y, m));
}

/** "YYYY-MM" of a date. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((utcDay(yb, mb, db).getTime() - utcDay(ya, ma, da).getTime()) / 86_400_000);
}

/** Age in whole years on `on` (a birthday counts from the birthday itself; 29 Feb birthdays on 1 Mar in common years). */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: LEGAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function copenhagenParts(instant: Date): { date: LocalDate; hour: number; minute: number } {
  const p = Object.fromEntries(formatter.formatToParts(instant).map((x) => [x.type, x.value]));
  return {
    date: format(Number(p.year), Number(p.month), Number(p.day)),
    hour: Number(p.hour),
    minute: Number(p.minute),
  };
}

/**
 * From 1900 on (SUPPORTED_DATES) Copenhagen's offset from UTC is a whole number of hours (+1, +2, +3 in 1945
 * and 1947), so each UTC hour lies within one Danish day: the day of the hour asked about last is kept. Nearly
 * every call asks about the hour the previous one did (now, for a request's day and its access-log stream; or
 * the events of a batch), and formatToParts costs ~20 µs a call.
 */
const WHOLE_HOUR_OFFSETS_FROM = Date.UTC(1900, 0, 1);
const HOUR_MS = 3_600_000;
let lastHour: { hour: number; date: LocalDate } | undefined;

/** The Danish calendar day an instant falls on. */
export function copenhagenDateOf(instant: Date): LocalDate {
  const time = instant.getTime();
  if (!(time >= WHOLE_HOUR_OFFSETS_FROM)) return copenhagenParts(instant).date; // an invalid Date throws there
  const hour = Math.floor(time / HOUR_MS);
  if (lastHour?.hour === hour) return lastHour.date;
  const date = copenhagenParts(instant).date;
  lastHour = { hour, date };
  return date;
}

/**
 * Days whose start was computed, as epoch milliseconds: each takes two or three passes through Intl (some 15 µs),
 * and every recorded fact's time is its day's start, so an import of many facts about the same few hundred days
 * asked for the same days again and again. Forgotten whole when full; a Date is made afresh for each caller.
 */
const dayStarts = new Map<LocalDate, number>();
const DAY_STARTS_KEPT = 4096;

/** The instant a Danish calendar day begins (00:00 Europe/Copenhagen; +01:00 in winter, +02:00 in summer). */
export function startOfDay(date: LocalDate): Date {
  let start = dayStarts.get(date);
  if (start === undefined) {
    start = firstMidnightOf(date).getTime();
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
    dayStarts.set(date, start);
  }
  return new Date(start);
}

function firstMidnightOf(date: LocalDate): Date {
  const [y, m, d] = parts(date);
  // Midnight at +01:00 in winter, +02:00 in summer, +03:00 on the days of 1945 and 1947 where the time-zone data
  // (Copenhagen as Berlin since tzdata 2022b) has double summer time. Tried from the largest offset, so that on
  // 1916-10-01, when summer time ended at 01:00 and midnight came twice, the day begins at the first.
  for (const offsetHours of [3, 2, 1]) {
    const candidate = new Date(utcDay(y, m, d).getTime() - offsetHours * 3_600_000);
    const local = copenhagenParts(candidate);
    if (local.date === date && local.hour === 0 && local.minute === 0) return candidate;
  }
  // Before 1894 Copenhagen kept local mean time (+00:50:20): no midnight at a whole-hour offset to return.
  throw new RangeError(
    `${date} has no Copenhagen midnight at a whole-hour offset (supported dates: ${SUPPORTED_DATES.first} to ${SUPPORTED_DATES.last})`,
  );
}

/** The end of a Danish calendar day: the (exclusive) instant the next day begins. */
export function endOfDay(date: LocalDate): Date {
  return startOfDay(addDays(date, 1));
}
