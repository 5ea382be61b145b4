import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { invalidInput, type FieldProblem } from './api-error';
import { keepValidationMetadata } from './validation-metadata';

/** How every body is validated (app.ts's global pipe, and each line of an import). */
export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
} as const;

/**
 * class-validator's failures as the API's one error shape: the sentences Nest has always answered in
 * `message` (computed by Nest, so they stay word for word), and beside them each failure's property path
 * and the check it failed (`isLocalDate`, `whitelistValidation`, …).
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor(options: Omit<ValidationPipeOptions, 'exceptionFactory'>) {
    super(options);
    keepValidationMetadata();
    const sentences = this.createExceptionFactory();
    this.exceptionFactory = (errors: ValidationError[]) => {
      const answered = sentences(errors) as { getResponse(): { message?: unknown } };
      const message = answered.getResponse().message;
      return invalidInput(fieldProblems(errors), Array.isArray(message) ? message.map(String) : undefined);
    };
  }
}

/**
 * Each failure with the path of its property, in the order (and with the prefixes) Nest's flattening gives
 * their sentences: a nested failure's sentence is prefixed with the path of the objects above it.
 */
export function fieldProblems(errors: readonly ValidationError[], parentPath?: string): FieldProblem[] {
  return errors.flatMap((error) => {
    if (!error.children?.length) return leafProblems(error, parentPath);
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    return error.children.flatMap((child) => [
      ...(child.children?.length ? fieldProblems([child], path) : []),
      ...leafProblems(child, path),
    ]);
  });
}

function leafProblems(error: ValidationError, parentPath?: string): FieldProblem[] {
  const field = parentPath ? `${parentPath}.${error.property}` : error.property;
  return Object.entries(error.constraints ?? {}).map(([code, message]) => ({
    field,
    code,
    message: parentPath ? `${parentPath}.${message}` : message,
  }));
}
