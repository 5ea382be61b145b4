/**
 * Joint recommendations (C24-REC) and negative reportable events (C24-NUPH) as small processes, each with its
 * steps, what is still missing, and the obligations it carries — a missing notice is itself a visible breach.
 * Read from the folded state and the same obligations the deadlines show.
 */
import type { LocalDate } from '@app/legal-time';
import type { ContactProcessState } from '../process/state';
import { evaluateObligations } from '../obligations';
import type { Obligation } from '../engine/rule';

type Step = {
  obligationKey: string;
  status: Obligation['status'];
  dueOn: LocalDate | null;
  note: string | null;
};

export interface RecommendationView {
  benefitPeriodId: string;
  recommendationId: string;
  sentOn: LocalDate;
  subject: 'offer' | 'supporting-effort';
  chapter: number;
  description: string;
  decision: 'awaiting' | 'granted' | 'refused';
  answeredOn: LocalDate | null;
  offerId: string | null;
  reason: string | null;
  personNotifiedOn: LocalDate | null;
  akasseToldOn: LocalDate | null;
  /** The C24-REC obligations of this recommendation: the decision, the refusal's notices, the offer in Min Plan. */
  obligations: Step[];
}

export interface NuphView {
  benefitPeriodId: string;
  nuphId: string;
  sentOn: LocalDate;
  personNotifiedOn: LocalDate | null;
  answeredOn: LocalDate | null;
  memberNotifiedOn: LocalDate | null;
  obligations: Step[];
}

const steps = (obligations: Obligation[], prefix: string): Step[] =>
  obligations
    .filter((o) => o.key === prefix || o.key.startsWith(`${prefix}/`))
    .map((o) => ({ obligationKey: o.key, status: o.status, dueOn: o.dueOn, note: o.note }));

export function recommendationViews(state: ContactProcessState, asOf: LocalDate): RecommendationView[] {
  const obligations = evaluateObligations(state, asOf);
  return state.periods.flatMap((period) =>
    period.recommendations
      .filter((r) => r.sentOn <= asOf)
      .map((r) => {
        const answer = r.answer && r.answer.answeredOn <= asOf ? r.answer : null;
        return {
          benefitPeriodId: period.benefitPeriodId,
          recommendationId: r.recommendationId,
          sentOn: r.sentOn,
          subject: r.subject,
          chapter: r.chapter,
          description: r.description,
          decision: answer ? answer.decision : ('awaiting' as const),
          answeredOn: answer?.answeredOn ?? null,
          offerId: answer?.offerId ?? null,
          reason: answer?.reason ?? null,
          personNotifiedOn: answer?.personNotifiedOn ?? null,
          akasseToldOn: answer?.akasseToldOn ?? null,
          obligations: steps(obligations, `C24-REC:${period.benefitPeriodId}:${r.recommendationId}`),
        };
      }),
  );
}

export function nuphViews(state: ContactProcessState, asOf: LocalDate): NuphView[] {
  const obligations = evaluateObligations(state, asOf);
  return state.periods.flatMap((period) =>
    period.nuphs
      .filter((n) => n.sentOn <= asOf)
      .map((n) => {
        const answer = n.answer && n.answer.answeredOn <= asOf ? n.answer : null;
        return {
          benefitPeriodId: period.benefitPeriodId,
          nuphId: n.nuphId,
          sentOn: n.sentOn,
          personNotifiedOn: n.personNotifiedOn,
          answeredOn: answer?.answeredOn ?? null,
          memberNotifiedOn: answer?.memberNotifiedOn ?? null,
          obligations: steps(obligations, `C24-NUPH:${period.benefitPeriodId}:${n.nuphId}`),
        };
      }),
  );
}
