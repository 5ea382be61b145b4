import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The name of the error shape among the document's schemas. */
export const API_ERROR_SCHEMA = 'ApiError';

/** ApiErrorBody (api-error.ts) as OpenAPI describes it. */
const apiErrorSchema: SchemaObject = {
  type: 'object',
  description:
    'Every error the API answers on purpose (each 4xx, and the 503s that ask to retry). Read `code`, `field` and `ruleId`; `message` is for people.',
  required: ['statusCode', 'error', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 422 },
    error: { type: 'string', description: "The status's reason phrase", example: 'Unprocessable Entity' },
    code: {
      type: 'string',
      description:
        'What went wrong, stable and machine-readable: invalid-input (400), unauthenticated (401), the refusal (403: not-own-person, actor-mismatch, …), not-found or what is unknown (404), wrong-expected-revision / concurrent-write (409), person-erased (410), precondition-failed / unknown-reference (422), event-store-unavailable (503)',
      example: 'precondition-failed',
    },
    message: {
      description: 'For people. A 400 lists one sentence per bad field, each beginning with its path.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      example: 'the first job interview cannot be held before the registration',
    },
    field: {
      type: 'string',
      description: 'The request field at fault, as a property path (the first of a 400’s)',
      example: 'heldOn',
    },
    ruleId: {
      type: 'string',
      nullable: true,
      description: 'The legal rule whose precondition refused the fact (422); null for one of no rule',
      example: 'C24-FIRST',
    },
    errors: {
      type: 'array',
      description: 'A 400’s problems: each field with the check it failed',
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: {
          field: { type: 'string', example: 'data.heldOn' },
          code: { type: 'string', example: 'isLocalDate' },
          message: { type: 'string', example: 'data.heldOn must be a calendar date as YYYY-MM-DD' },
        },
      },
    },
  },
  additionalProperties: true,
};

const PUBLIC_PATHS = /^\/(health|docs)(\/|$)/;

/**
 * Gives every route's error responses the one error schema: each declared 4xx/5xx that names no body of its
 * own (the health report's 503 does), and a 401 on every route behind a token, which the guard answers for all.
 */
export function documentErrorShape(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [API_ERROR_SCHEMA]: apiErrorSchema },
  };
  const content = { 'application/json': { schema: { $ref: `#/components/schemas/${API_ERROR_SCHEMA}` } } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const responses = operation.responses as Record<string, { description: string; content?: unknown }>;
      if (!PUBLIC_PATHS.test(path) && !responses['401'])
        responses['401'] = { description: 'No valid bearer token' };
      for (const [status, response] of Object.entries(responses))
        if (Number(status) >= 400 && !response.content) response.content = content;
    }
  }
  return document;
}
