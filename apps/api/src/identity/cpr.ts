/** CPR numbers at the edge only: recognised, normalised and turned into the opaque person id by a keyed hash. */
import { createHmac } from 'node:crypto';

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

const CPR_IN_TEXT = /(?<!\d)(\d{6}-?\d{4})(?!\d)/g;

/** The fields (as `data.reason`) of a request whose text holds something that reads as a CPR number. */
export function fieldsWithCpr(value: unknown, path: string): string[] {
  if (typeof value === 'string')
    return [...value.matchAll(CPR_IN_TEXT)].some((m) => normalisedCpr(m[1]) !== undefined) ? [path] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    fieldsWithCpr(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`),
  );
}
