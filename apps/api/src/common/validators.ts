import { Query } from '@nestjs/common';
import { ValidateBy, ValidateIf, ValidationOptions, buildMessage } from 'class-validator';
import { CPR_REFUSAL, idHoldsCpr } from '../identity/cpr';
import { invalidField, invalidInput } from './api-error';
import { isLocalDate, isSupportedDate, monthOf, SUPPORTED_DATES } from '@app/legal-time';

/**
 * A Danish calendar date, YYYY-MM-DD, that exists and lies within SUPPORTED_DATES. Every date of a body or a
 * query passes here, so a date the law cannot need (0001-01-01, 1890-01-01) is refused naming its field
 * before any rule computes with it.
 */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value) => isSupportedDate(value),
        defaultMessage: buildMessage(
          (each, args) =>
            isLocalDate(args?.value)
              ? `${each}$property must be a date from ${SUPPORTED_DATES.first} to ${SUPPORTED_DATES.last}`
              : `${each}$property must be a calendar date as YYYY-MM-DD`,
          options,
        ),
      },
    },
    options,
  );
}

const isMonth = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
const FIRST_MONTH = monthOf(SUPPORTED_DATES.first);
const LAST_MONTH = monthOf(SUPPORTED_DATES.last);

/** "YYYY-MM" of a month that exists, within the months of SUPPORTED_DATES. */
export function IsMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMonth',
      validator: {
        validate: (value) => isMonth(value) && value >= FIRST_MONTH && value <= LAST_MONTH,
        defaultMessage: buildMessage(
          (each, args) =>
            isMonth(args?.value)
              ? `${each}$property must be a month from ${FIRST_MONTH} to ${LAST_MONTH}`
              : `${each}$property must be a month as YYYY-MM`,
          options,
        ),
      },
    },
    options,
  );
}

/** A field that must be sent but may be null ("not yet", "none"): the other validators run unless it is null. */
export const Nullable = (): PropertyDecorator => ValidateIf((_, value) => value !== null);

/** A field that may be left out (meaning "unchanged"), but is never null: the validators run unless it is absent. */
export const Omittable = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/** Opaque person ids only: a CPR number never appears in a URL, stream name or log line (id policy, identity/cpr.ts). */
export function assertOpaquePersonId(personId: string): string | undefined {
  if (idHoldsCpr(personId)) return 'personId must be an opaque id, never a CPR number';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(personId)) return 'personId must be 1–64 letters, digits, "-" or "_"';
  return undefined;
}

/** The id fields of each request class, so that their strings are held to the id policy, not the text policy. */
const idFields = new WeakMap<object, Set<string | symbol>>();

const OPAQUE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** With `each`, the message is built for the whole array. */
const holdsCpr = (value: unknown): boolean =>
  Array.isArray(value) ? value.some(holdsCpr) : typeof value === 'string' && idHoldsCpr(value);

/**
 * An id of the caller's scheme (letters, digits, "_", ".", ":", "-"), holding no CPR number by the id policy
 * (identity/cpr.ts): running numbers, dates and UUIDs pass, `cpr-010190-1234` does not.
 */
export function IsOpaqueId(options?: ValidationOptions): PropertyDecorator {
  const validate = ValidateBy(
    {
      name: 'isOpaqueId',
      validator: {
        validate: (value) => typeof value === 'string' && OPAQUE_ID.test(value) && !idHoldsCpr(value),
        defaultMessage: buildMessage(
          (each, args) =>
            holdsCpr(args?.value)
              ? `${each}$property ${CPR_REFUSAL}`
              : `${each}$property must be 1–64 letters, digits, "_", ".", ":" or "-"`,
          options,
        ),
      },
    },
    options,
  );
  return (target, property) => {
    validate(target, property);
    idFields.set(target, new Set([...(idFields.get(target) ?? []), property]));
  };
}

/** Whether `property` of `instance` (or of a class it extends) is declared with IsOpaqueId. */
export function isIdField(instance: object, property: string): boolean {
  for (
    let proto = Object.getPrototypeOf(instance) as object | null;
    proto;
    proto = Object.getPrototypeOf(proto)
  )
    if (idFields.get(proto)?.has(property)) return true;
  return false;
}

/** For endpoints that take no query parameters: any one sent is an unknown field, refused with 400. */
export const NoQuery = (): ParameterDecorator =>
  Query({
    transform: (query: Record<string, unknown>) => {
      const names = Object.keys(query ?? {});
      if (names.length > 0)
        throw invalidInput(
          names.slice(0, 10).map((n) => ({
            field: JSON.stringify(n).slice(1, -1).slice(0, 78),
            code: 'whitelistValidation',
            message: `query parameter ${JSON.stringify(n).slice(0, 80)} should not exist`,
          })),
        );
      return query;
    },
  });

/** A person id from the path, refused with 400 when it is not opaque (a CPR number never travels further). */
export function requireOpaquePersonId(personId: string): void {
  const badId = assertOpaquePersonId(personId);
  if (badId) throw invalidField('personId', 'isOpaquePersonId', badId);
}
