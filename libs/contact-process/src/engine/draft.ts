/**
 * The neutral rules engine every regime evaluates with: a regime turns one benefit period's facts into drafts
 * (one per duty), and `toObligation` turns each draft into the obligation the deadlines show, under the
 * regime's rule set, with its status on the evaluation day. Nothing here knows a regime's law.
 */
import type { LocalDate } from '@app/legal-time';
import type { BenefitPeriodState, PersonState } from '../process/state';
import type { Obligation, ObligationOwner, RuleSet } from './rule';
import { statusAt } from './status';

/** One benefit period of one person, evaluated on valid time as of `asOf`: later facts are not yet true. */
export interface PeriodFacts {
  /** The person's facts as a dated history: a rule reads those in force on the day it judges (personFactsOn). */
  person: PersonState;
  period: BenefitPeriodState;
  asOf: LocalDate;
}

/** A day a duty was fulfilled on, and the event that did it. */
export interface Fulfilment {
  on: LocalDate;
  eventId: string | undefined;
}

export interface Draft {
  ruleId: string;
  /** A duty that an exempting ground of the regime waives while it holds (C24-LESS: LAB § 106). */
  exemptedByGround?: boolean;
  suffix?: string;
  owner: ObligationOwner;
  dueOn: LocalDate | null;
  hourThreshold?: Obligation['hourThreshold'];
  required?: number;
  fulfilled?: Fulfilment[];
  /** After this day the obligation can no longer be fulfilled. */
  windowClosesOn?: LocalDate | null;
  /** Facts that waive it besides an exempting ground (an exemption after a concrete assessment). */
  waivedByFacts?: string[];
  notApplicable?: string;
  note?: string;
}

/**
 * The ground exempting a person on a day from the duties drafts mark `exemptedByGround`, if one holds.
 * A regime without such grounds passes none.
 */
export type ExemptingGround = (day: LocalDate) => { eventId?: string } | undefined;

/** An obligation's key: its rule, its benefit period and, for one of several under the rule, what it is about. */
export function obligationKey(ruleId: string, benefitPeriodId: string, suffix?: string): string {
  return `${ruleId}:${benefitPeriodId}${suffix ? `:${suffix}` : ''}`;
}

/** The rule's own obligation in its period, not one of the duties attached to it under the same id. */
export const isRuleObligation = (o: Pick<Obligation, 'key' | 'ruleId' | 'benefitPeriodId'>): boolean =>
  o.key === obligationKey(o.ruleId, o.benefitPeriodId);

/**
 * A draft as the obligation the deadlines show, under its rule set, with its status on `asOf`. `defaults` stand
 * where the draft leaves `exemptedByGround` or `notApplicable` out (a regime's own defaults, without copying
 * every draft to add them: this runs for every duty of every evaluation).
 */
export function toObligation(
  ruleSet: RuleSet,
  draft: Draft,
  { period, asOf }: Pick<PeriodFacts, 'period' | 'asOf'>,
  exemptingGround?: ExemptingGround,
  defaults?: Pick<Draft, 'exemptedByGround' | 'notApplicable'>,
): Obligation {
  const rule = ruleSet.rules[draft.ruleId];
  const fulfilled = (draft.fulfilled ?? []).filter((f) => f.on <= asOf);
  const required = draft.required ?? 1;
  const fulfilledOn = fulfilled.length >= required ? fulfilled[required - 1].on : null;
  const exemptedByGround = draft.exemptedByGround ?? defaults?.exemptedByGround;
  const notApplicable = draft.notApplicable ?? defaults?.notApplicable;
  const ground =
    exemptedByGround && exemptingGround
      ? exemptingGround(draft.dueOn !== null && draft.dueOn < asOf ? draft.dueOn : asOf)
      : undefined;
  const waivedByFacts = draft.waivedByFacts ?? [];
  const metBy: string[] = [];
  for (let i = 0; i < fulfilled.length && i < required; i += 1) {
    const eventId = fulfilled[i].eventId;
    if (eventId) metBy.push(eventId);
  }
  const obligation: Obligation = {
    key: obligationKey(draft.ruleId, period.benefitPeriodId, draft.suffix),
    ruleId: draft.ruleId,
    ruleSetId: ruleSet.id,
    benefitPeriodId: period.benefitPeriodId,
    dueOn: draft.dueOn,
    fulfilledOn,
    windowClosesOn: draft.windowClosesOn ?? null,
    waived: ground !== undefined || waivedByFacts.length > 0,
    notApplicable: notApplicable !== undefined,
    owner: draft.owner,
    hourThreshold: draft.hourThreshold ?? null,
    required: draft.required ?? null,
    fulfilledCount: draft.required ? fulfilled.length : null,
    // Set below from the fields above (statusAt reads nothing else); in this place, so the keys keep their order.
    status: 'open',
    metBy,
    waivedBy: ground?.eventId ? [ground.eventId, ...waivedByFacts] : [...waivedByFacts],
    legalReference: rule.legalReference,
    note: notApplicable ?? draft.note ?? null,
  };
  obligation.status = statusAt(obligation, asOf);
  return obligation;
}
