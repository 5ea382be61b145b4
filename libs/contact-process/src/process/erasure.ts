/**
 * Erasure of a person (crypto-shredding): the decision that it may happen and the fact that records it. The
 * key itself is destroyed by the caller once the fact is stored; from then on nothing more is recorded for
 * the person and their personal fields read as null.
 */
import type { LocalDate } from '@app/legal-time';
import { ContactProcessError } from '../contact-process.errors';
import type { ContactProcessEvent, ErasedSupervisedCase, ErasureReason } from '../contact-process.events';
import type { ContactProcessState } from './state';

export interface ErasePersonCommand {
  type: 'ErasePerson';
  today: LocalDate;
  reason: ErasureReason;
  /** What STAR counted for the person, computed by the caller from the same state (the supervision measure). */
  supervisedCases: ErasedSupervisedCase[];
}

/** Nothing is recorded for a person who was erased. */
export function refuseIfErased(state: ContactProcessState): void {
  if (state.erased)
    throw new ContactProcessError(
      'person-erased',
      null,
      'personId',
      `the person was erased on ${state.erased.erasedOn} (${state.erased.reason}): nothing more is recorded for them`,
    );
}

export function decideErasure(
  command: ErasePersonCommand,
  state: ContactProcessState,
): ContactProcessEvent[] {
  refuseIfErased(state);
  if (state.person === null && state.periods.length === 0)
    throw new ContactProcessError(
      'unknown-reference',
      null,
      'personId',
      'no facts are recorded for the person',
    );
  return [
    {
      type: 'PersonErased',
      data: { erasedOn: command.today, reason: command.reason, supervisedCases: command.supervisedCases },
    },
  ];
}
