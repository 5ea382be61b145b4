import type { LocalDate } from '@app/legal-time';
import type { RuleParameter } from './parameter';

export type ObligationOwner = 'akasse' | 'jobcenter' | 'person';
/**
 * What an obligation can be on a day. `not-applicable`: the rule does not apply to this person or period;
 * `lapsed`: a right of the person (a window to object or complain) that passed unused — not a breach by anyone,
 * and not a rule that never applied. Rule data: the deadlines read model's version hashes it.
 */
export const OBLIGATION_STATUSES = [
  'open',
  'met',
  'overdue',
  'missed',
  'waived',
  'lapsed',
  'not-applicable',
] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** A rule of the law as data: a stable id from RULES.md, its legal reference and its regime's validity. */
export interface RuleDefinition {
  id: string;
  title: string;
  legalReference: string;
  /** Who carries the duty ('owner at the time' rules resolve to akasse/jobcenter per obligation). */
  owner: ObligationOwner | 'owner-at-the-time' | 'none';
  /** A rule that produces no deadlines (an event, a precondition, an access rule). */
  kind: 'deadline' | 'event' | 'precondition' | 'access' | 'right';
}

export interface RuleSet {
  id: string;
  title: string;
  /** The placements (benefit periods) this rule set governs: placed on or after `from`, before `to`. */
  effective: { from: LocalDate; to: LocalDate | null };
  source: string;
  rules: Record<string, RuleDefinition>;
  /** The numbers (and days, and readings) its rules are evaluated with, by name. */
  parameters: Readonly<Record<string, RuleParameter<unknown>>>;
}

/** One obligation of one person, as the deadlines projection keeps it. */
export interface Obligation {
  /** Unique per person: rule id, benefit period and, for repeating duties, the triggering date or id. */
  key: string;
  ruleId: string;
  ruleSetId: string;
  benefitPeriodId: string;
  owner: ObligationOwner;
  /** The day by whose end it is due; null while it hangs on an hour threshold not yet reached. */
  dueOn: LocalDate | null;
  hourThreshold: { hours: number; counter: 'akasse' | 'jobcentre' } | null;
  /** Required count of held interviews, where the rule asks for several. */
  required: number | null;
  fulfilledCount: number | null;
  /** The day the requirement was fulfilled (the n-th interview where several are required), on time or late. */
  fulfilledOn: LocalDate | null;
  /** After this day it can no longer be fulfilled (the responsibility or the window passed); null: stays fulfillable. */
  windowClosesOn: LocalDate | null;
  /** Exempted (e.g. C24-LESS); `waivedBy` names the facts. */
  waived: boolean;
  notApplicable: boolean;
  /** The status on the evaluation day; `statusAt` gives it for any other day from the fields above. */
  status: ObligationStatus;
  /** Ids of the events that met it (or, when late, fulfilled it after its deadline). */
  metBy: string[];
  waivedBy: string[];
  legalReference: string;
  note: string | null;
}

/** Why an organisation holds a person's contact process on a day (#18 item 4). */
export type OwnershipBasis = 'placement' | 'handover' | 'education-injunction-group' | 'transition';

/** Who holds the contact process of one benefit period on a day, since when and why. */
export interface ContactProcessOwnership {
  owner: 'akasse' | 'jobcenter';
  /** The first day of this ownership (the placement, the day after the handover, the visitation, …). */
  since: LocalDate;
  basis: OwnershipBasis;
  /** The facts and days that decided it, with the paragraph. */
  reason: string;
}
