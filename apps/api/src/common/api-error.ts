import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';

/** One thing wrong with a request: the property path, the check it failed, and the sentence a person reads. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * The body of every error the API answers on purpose (each 4xx, and the 503s that ask to retry): the same
 * fields wherever it is raised, so a client reads `code` (and `field`, `ruleId`) instead of parsing sentences.
 * A 400 keeps `message` as the list of its sentences, one per bad field (the shape Nest's validation has always
 * answered, which clients and the specs read); `errors` holds the same problems with their field and code.
 */
export interface ApiErrorBody {
  statusCode: number;
  /** The status's reason phrase ("Bad Request"). */
  error: string;
  /** Stable and machine-readable: what went wrong (`invalid-input`, `not-own-person`, `precondition-failed`). */
  code: string;
  message: string | string[];
  /** The request field at fault, as a property path (`data.placedOn`), when one is. */
  field?: string;
  /** The legal rule whose precondition refused the request (`C24-FIRST`); null for a precondition of no rule. */
  ruleId?: string | null;
  /** A 400's problems, one per field and check. */
  errors?: FieldProblem[];
  /** What a refusal may add about itself (a 410's `erasedOn`). */
  [detail: string]: unknown;
}

/** The reason phrase of a status, as HTTP names it. */
export const reasonPhrase = (status: number): string => STATUS_CODES[status] ?? 'Error';

/** The code a status has when whoever raised it named none: 400 is bad input, the rest their phrase, kebab-cased. */
export const defaultCode = (status: number): string =>
  status === 400
    ? 'invalid-input'
    : reasonPhrase(status)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-');

/** The one way a body of the shape is built: from the status, code and message, plus what applies. */
export function apiErrorBody(
  statusCode: number,
  code: string,
  message: string | string[],
  details: Partial<Omit<ApiErrorBody, 'statusCode' | 'error' | 'code' | 'message'>> = {},
): ApiErrorBody {
  return { statusCode, error: reasonPhrase(statusCode), code, message, ...details };
}

/** An error answered with its shape as it is; raise it through the factories below. */
export class ApiError extends HttpException {
  constructor(readonly body: ApiErrorBody) {
    super(body, body.statusCode);
  }
}

/** 400 for one or more bad fields: each named with its path and check, `field` the first of them. */
export function invalidInput(problems: readonly FieldProblem[], messages?: string[]): ApiError {
  return new ApiError(
    apiErrorBody(400, 'invalid-input', messages ?? problems.map((p) => p.message), {
      ...(problems[0] ? { field: problems[0].field } : {}),
      errors: [...problems],
    }),
  );
}

/** 400 for one bad field. */
export const invalidField = (field: string, check: string, message: string): ApiError =>
  invalidInput([{ field, code: check, message }]);

export const unauthenticated = (message: string): ApiError =>
  new ApiError(apiErrorBody(401, 'unauthenticated', message));

export const refused = (code: string, message: string): ApiError =>
  new ApiError(apiErrorBody(403, code, message));

export const notFound = (code: string, message: string, field?: string): ApiError =>
  new ApiError(apiErrorBody(404, code, message, field ? { field } : {}));

export const gone = (code: string, message: string, details: Record<string, unknown> = {}): ApiError =>
  new ApiError(apiErrorBody(410, code, message, details));

/** 503: the API cannot answer now, and says so on purpose (the caller may retry). */
export const unavailable = (code: string, message: string): ApiError =>
  new ApiError(apiErrorBody(503, code, message));

/**
 * The field a 400 sentence names first, for the errors raised without their field (a plain BadRequestException):
 * every such sentence of this API and of class-validator begins with the property path, then says what it
 * must be ("data.placedOn must be …", "property month should not exist", "from (2025-01) must not be …").
 */
const NAMED_FIELD =
  /^(?:each value in )?(?:(?:nested )?property )?([A-Za-z_$][\w$-]*(?:\.[\w$-]+|\[\d+\])*)(?: \([^)]*\))? (?:must|should|has|is not|does not|holds)\b/;

export function fieldNamedBy(message: string): string | undefined {
  return NAMED_FIELD.exec(message)?.[1];
}

/** The problems of a 400 raised as a list of sentences only: each with the field it names, if it names one. */
export function problemsOf(messages: readonly string[]): FieldProblem[] {
  return messages.flatMap((message) => {
    const field = fieldNamedBy(message);
    return field ? [{ field, code: 'invalid', message }] : [];
  });
}
