/**
 * CPR numbers at the edge only: recognised, normalised and turned into the opaque person id by a keyed hash —
 * and refused wherever else one is sent. Two policies, because ids and text are written differently:
 *
 * - **Free text** (a reason, a description, a job goal) is read as a person types it: NFKC, format characters
 *   (zero-width space, soft hyphen) removed, every Unicode decimal digit read as its ASCII digit; then a date
 *   `DDMMYY` written one way (`010190`, `01 01 90`, `01.01.90`), at most one separator (space, hyphen, dash,
 *   dot, slash, underscore, colon) and four digits, not inside a longer number, is a CPR number when DDMMYY is
 *   a date. Wider forms (`01.01 90`, `010190 - 1234`, spaced-out digits) would refuse ordinary notes such as
 *   "ansat 10.05.03 - 2016" or "09:30-11:30 - 1680 Odense", and are left out on purpose.
 * - **Ids** (a person id, an interviewId) are a caller's scheme of digit groups joined by `-`, `_`, `.` or `:`:
 *   an id holds a CPR number when one of its groups of digits, whole, is `DDMMYYSSSS`, `DDMMYY-SSSS` or
 *   `DD-MM-YY-SSSS` with DDMMYY a date. A running number, a date or a UUID in a longer group of digits
 *   (`i-100123-2024-0001`) is not one.
 */
import { createHmac } from 'node:crypto';
import { daysInMonth } from '@app/legal-time';

/** How a refusal ends: the field is named before it, the number itself is never repeated. */
export const CPR_REFUSAL = 'must not contain a CPR number (identify persons with POST /persons/identify)';

const CPR = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

/** "DDMMYY-SSSS" or "DDMMYYSSSS" with a day and month that exist (the check digit is not required since 2007). */
export function normalisedCpr(value: string): string | undefined {
  const match = CPR.exec(value);
  if (!match) return undefined;
  const [, dd, mm] = match;
  const day = Number(dd);
  const month = Number(mm);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${match[1]}${match[2]}${match[3]}${match[4]}`;
}

/** The person id of a CPR number: the same number always gives the same id, and the id reveals nothing of it. */
export function personIdOf(hashKey: Buffer, cpr: string): string {
  return `p-${createHmac('sha256', hashKey).update(cpr).digest('base64url').slice(0, 32)}`;
}

/** The false-positive guard of both policies: a CPR number begins with a day that exists (29 Feb included). */
function isBirthDate(digits: string): boolean {
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2000, month);
}

const DECIMAL_DIGIT = /\p{Nd}/u;
const digitValues = new Map<string, string>();

/**
 * The ASCII digit of any Unicode decimal digit. Unicode encodes decimal digits only in runs of 0–9 in order,
 * so a digit's value is its distance from the start of its run, modulo 10 (runs of several sets, such as
 * the mathematical digits, follow each other).
 */
function asciiDigit(digit: string): string {
  const known = digitValues.get(digit);
  if (known !== undefined) return known;
  const code = digit.codePointAt(0)!;
  let start = code;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  const value = String((code - start) % 10);
  digitValues.set(digit, value);
  return value;
}

/** Text as it reads: compatibility forms folded, invisible format characters gone, every digit ASCII. */
export function readableText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Nd}/gu, (digit) => (digit >= '0' && digit <= '9' ? digit : asciiDigit(digit)));
}

/** A character people put between the parts of a number (NBSP and other spaces are a space after NFKC). */
const SEPARATOR = '[\\s\\-\\u2010-\\u2015\\u2212./_:\\\\]?';
/**
 * Every start of a CPR number in text (a lookahead, so overlapping candidates are all seen): a date written
 * one way (`010190`, `01 01 90`, `01.01.90`: the same separator twice), then at most one separator, then four
 * digits, with no digit right before or after.
 */
const CPR_IN_TEXT = new RegExp(
  `(?<!\\d)(?=(\\d{2})(${SEPARATOR})(\\d{2})\\2(\\d{2})${SEPARATOR}(\\d{4})(?!\\d))`,
  'g',
);

/** Whether free text holds a CPR number, in any of the forms people type it (see the policy above). */
export function textHoldsCpr(text: string): boolean {
  for (const match of readableText(text).matchAll(CPR_IN_TEXT))
    if (isBirthDate(`${match[1]}${match[3]}${match[4]}`)) return true;
  return false;
}

/** A group of digits in an id: digits joined by the separators ids use. */
const DIGIT_GROUP = /\d+(?:[-_.:]\d+)*/g;
/** The whole group is a CPR number: 10 digits, split (if at all) only between the pairs of the date and before the serial. */
const CPR_GROUP = /^\d{2}[-_.:]?\d{2}[-_.:]?\d{2}[-_.:]?\d{4}$/;

/** Whether an id holds a CPR number as one of its groups of digits (see the policy above). */
export function idHoldsCpr(id: string): boolean {
  for (const [group] of id.matchAll(DIGIT_GROUP))
    if (CPR_GROUP.test(group) && isBirthDate(group.replace(/\D/g, ''))) return true;
  return false;
}

/** The fields (as `data.reason`) of a request whose free text holds a CPR number. */
export function fieldsWithCpr(value: unknown, path: string): string[] {
  if (typeof value === 'string') return textHoldsCpr(value) ? [path] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    fieldsWithCpr(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`),
  );
}
