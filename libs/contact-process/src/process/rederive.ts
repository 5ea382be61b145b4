/**
 * Derived facts are a function of the facts they come from (issue #21): after a fact that can change what they
 * derive from — a correction, a retraction, an hours registration — each derived fact that no longer follows
 * is withdrawn (DerivedFactWithdrawn, naming it and the fact behind the change) and the one that now follows is
 * appended. The folded state (period.handover, state.missed) then says what the facts say, and every reader —
 * the deadlines, Min Plan, STAR's measure — reads that one derivation.
 */
import type { LocalDate } from '@app/legal-time';
import type { ContactProcessEvent, DerivedFactWithdrawn } from '../contact-process.events';
import { derivedHandover, evaluateObligations } from '../obligations';
import { evolve } from './evolve';
import type { BenefitPeriodState, ContactProcessState } from './state';

/** The fact behind a re-derivation and the day it happened. */
export interface DerivationCause {
  because: DerivedFactWithdrawn['because'];
  on: LocalDate;
  /** Today: a missed deadline is judged as of the day the change is recorded. */
  today: LocalDate;
}

/** The withdrawals and new derived facts that make `state`'s derived facts follow from its facts again. */
export function rederive(state: ContactProcessState, cause: DerivationCause): ContactProcessEvent[] {
  const handovers = state.periods.flatMap((p) => rederiveHandover(state, p, cause));
  const after = handovers.reduce(evolve, state);
  return [...handovers, ...rederiveMissed(after, cause)];
}

function withdrawal(
  cause: DerivationCause,
  withdrawn: Pick<
    DerivedFactWithdrawn,
    'withdrawnEventId' | 'withdrawnType' | 'benefitPeriodId' | 'obligationKey'
  >,
): ContactProcessEvent {
  return {
    type: 'DerivedFactWithdrawn',
    data: { ...withdrawn, because: cause.because, withdrawnOn: cause.on },
  };
}

/** C24-HANDOVER: the handover the period's hours derive now, against the one the stream holds. */
function rederiveHandover(
  state: ContactProcessState,
  period: BenefitPeriodState,
  cause: DerivationCause,
): ContactProcessEvent[] {
  const derived = derivedHandover(state, period);
  const current = period.handover;
  if (
    current &&
    derived &&
    current.handoverOn === derived.handoverOn &&
    current.reachedOn === derived.reachedOn &&
    current.hoursRegistered === derived.hours
  )
    return [];
  const events: ContactProcessEvent[] = [];
  if (current)
    events.push(
      withdrawal(cause, {
        withdrawnEventId: current.eventId ?? '',
        withdrawnType: 'ContactProcessHandedOver',
        benefitPeriodId: period.benefitPeriodId,
        obligationKey: null,
      }),
    );
  if (derived)
    events.push({
      type: 'ContactProcessHandedOver',
      data: {
        benefitPeriodId: period.benefitPeriodId,
        handoverOn: derived.handoverOn,
        reachedOn: derived.reachedOn,
        hoursRegistered: derived.hours,
        ruleId: 'C24-HANDOVER',
      },
    });
  return events;
}

/**
 * A missed deadline that the facts now meet in time, or whose obligation is gone or due on another day, is
 * withdrawn; one that moved and is still missed and unmet today is recorded anew with its new day. Deadlines missed for the first
 * time are left to the sweep (EvaluateDeadlines), as before.
 */
function rederiveMissed(state: ContactProcessState, cause: DerivationCause): ContactProcessEvent[] {
  if (Object.keys(state.missed).length === 0) return [];
  const obligations = new Map(evaluateObligations(state, cause.today).map((o) => [o.key, o]));
  const events: ContactProcessEvent[] = [];
  for (const [key, missed] of Object.entries(state.missed)) {
    const o = obligations.get(key);
    // Met late is still missed (the late fact tells the story); met in time, gone or moved is not.
    const stillMissed = o !== undefined && (o.status === 'overdue' || o.status === 'missed');
    if (stillMissed && o.dueOn === missed.dueOn) continue;
    events.push(
      withdrawal(cause, {
        withdrawnEventId: missed.eventId ?? '',
        withdrawnType: 'DeadlineMissed',
        benefitPeriodId: o?.benefitPeriodId ?? null,
        obligationKey: key,
      }),
    );
    if (stillMissed && o.dueOn !== null && o.metBy.length === 0)
      // as the sweep would record it
      events.push({
        type: 'DeadlineMissed',
        data: { obligationKey: key, ruleId: o.ruleId, dueOn: o.dueOn, detectedOn: cause.today },
      });
  }
  return events;
}
