import { BadRequestException, Query } from '@nestjs/common';
import { ValidateBy, ValidateIf, ValidationOptions, buildMessage } from 'class-validator';
import { isLocalDate } from '@app/legal-time';

/** A Danish calendar date, YYYY-MM-DD, that exists. */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value) => isLocalDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a calendar date as YYYY-MM-DD`,
          options,
        ),
      },
    },
    options,
  );
}

/** "YYYY-MM" of a month that exists. */
export function IsMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMonth',
      validator: {
        validate: (value) => typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a month as YYYY-MM`, options),
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
