import { BadRequestException, Query } from '@nestjs/common';
import { ValidateBy, ValidateIf, ValidationOptions, buildMessage } from 'class-validator';
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

const CPR_LIKE = /^\d{6}-?\d{4}$/;

/** Opaque person ids only: a CPR number never appears in a URL, stream name or log line. */
export function assertOpaquePersonId(personId: string): string | undefined {
  if (CPR_LIKE.test(personId)) return 'personId must be an opaque id, never a CPR number';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(personId)) return 'personId must be 1–64 letters, digits, "-" or "_"';
  return undefined;
}

/** For endpoints that take no query parameters: any one sent is an unknown field, refused with 400. */
export const NoQuery = (): ParameterDecorator =>
  Query({
    transform: (query: Record<string, unknown>) => {
      const names = Object.keys(query ?? {});
      if (names.length > 0)
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: names
            .slice(0, 10)
            .map((n) => `query parameter ${JSON.stringify(n).slice(0, 80)} should not exist`),
        });
      return query;
    },
  });

/** A person id from the path, refused with 400 when it is not opaque (a CPR number never travels further). */
export function requireOpaquePersonId(personId: string): void {
  const badId = assertOpaquePersonId(personId);
  if (badId) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [badId] });
}
