/**
 * Broken preconditions: a fact the law does not allow to be recorded as stated. Each names the field and the
 * rule, and nothing is appended. (An overdue interview is not an error: it is a fact the deadlines show.)
 */
export class ContactProcessError extends Error {
  constructor(
    readonly code: 'precondition-failed' | 'unknown-reference' | 'person-erased',
    readonly ruleId: string | null,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const precondition = (ruleId: string | null, field: string, message: string) =>
  new ContactProcessError('precondition-failed', ruleId, field, message);
