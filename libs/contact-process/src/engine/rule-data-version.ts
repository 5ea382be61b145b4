/**
 * A read model's version, computed from what it is built from: the stored shape, kept by hand, and the rule data
 * its rows are evaluated with (rule sets with their parameters, the hour parameters), hashed. Change a parameter
 * and exactly the read models that read it get a new version, and so are rebuilt; nothing is bumped by hand.
 * What the hash cannot see — a change of the evaluation code itself, or of the stored rows — still raises the
 * hand-kept shape.
 */
import { createHash } from 'node:crypto';
import {
  AKASSE_PERIOD_HOURS,
  AKASSE_THRESHOLD_COMPARISON,
  HOURS_ACCRUE_EVENLY,
  HOURS_PER_MONTH,
  HOURS_PER_WEEK,
  NOT_COUNTED_PERIODS,
} from '@app/legal-time';

/** The hour parameters every count of cumulative unemployment reads (legal-time's, not a regime's). */
export const HOUR_PARAMETERS = {
  AKASSE_PERIOD_HOURS,
  AKASSE_THRESHOLD_COMPARISON,
  HOURS_ACCRUE_EVENLY,
  HOURS_PER_MONTH,
  HOURS_PER_WEEK,
  NOT_COUNTED_PERIODS,
};

/** JSON with object keys sorted and sets as sorted lists, so the same data always gives the same text. */
function canonical(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(canonical).sort();
  if (value instanceof Map) return canonical(Object.fromEntries(value));
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  return value;
}

/** A stable hash of rule data: the same data gives the same hash in every process and on every machine. */
export function ruleDataHash(ruleData: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(ruleData)))
    .digest('hex');
}

/** Versions are stored as a 32-bit integer (projection_schemas.version): the shape times this plus the hash's part. */
const HASH_SPAN = 1_000_000;

/**
 * The version a read model is kept under: `storedShape` (kept by hand) and six digits of the rule data's hash,
 * e.g. 11_483920 — readable as "shape 11", and different whenever the rule data is.
 */
export function readModelVersion(storedShape: number, ruleData: unknown): number {
  if (!Number.isInteger(storedShape) || storedShape < 1 || (storedShape + 1) * HASH_SPAN > 2 ** 31)
    throw new RangeError(`storedShape must be an integer from 1 to 2146, got ${storedShape}`);
  return storedShape * HASH_SPAN + (parseInt(ruleDataHash(ruleData).slice(0, 12), 16) % HASH_SPAN);
}
