/**
 * Who may see and record what (issue #7), as plain decisions over the caller and the person's affiliation.
 * No Nest, no I/O: the adapters load the person's state and any job-order agreement, ask here, and map a
 * refusal to 403 once. Another a-kasse's member is decided by `memberDataAccess` (C24-JOBORDER, LAB § 13(4)).
 */
import { memberDataAccess, type ContactProcessState } from '@app/contact-process';
import { organisationKindOf, type OrganisationKind, type Principal } from '@app/auth';

/** Whose a person is: the a-kasse of their current benefit period, the jobcentres they registered with in it. */
export interface Affiliation {
  akasseId: string | null;
  jobcenterIds: string[];
}

export function affiliationOf(state: ContactProcessState): Affiliation {
  const period = state.periods[state.periods.length - 1];
  if (!period) return { akasseId: null, jobcenterIds: [] };
  return {
    akasseId: period.akasseId,
    jobcenterIds: [...new Set(period.registrations.map((r) => r.jobcenterId))],
  };
}

export type Decision =
  | { allowed: true; basis: string; ruleId: 'C24-JOBORDER' | null }
  | { allowed: false; code: RefusalCode; reason: string };

export type RefusalCode =
  | 'not-for-this-role'
  | 'not-own-person'
  | 'out-of-scope'
  | 'C24-JOBORDER'
  | 'recorded-by-mismatch'
  | 'not-own-organisation'
  | 'actor-mismatch';

const refuse = (code: RefusalCode, reason: string): Decision => ({ allowed: false, code, reason });
const allow = (basis: string, ruleId: 'C24-JOBORDER' | null = null): Decision => ({
  allowed: true,
  basis,
  ruleId,
});

/** What is read about a person: `cv` is the one kind another a-kasse may see for a job order. */
export type PersonData = 'deadlines' | 'history' | 'cv' | 'access-log';

export interface PersonRead {
  personId: string;
  data: PersonData;
  /** The concrete recruitment (header X-Job-Order) an a-kasse caseworker names to read another a-kasse's member. */
  jobOrderId: string | null;
  /** Whether the member's a-kasse has recorded a job-order agreement with the caller's a-kasse. */
  agreementWithMembersAkasse: boolean;
  /** Whether the member's a-kasse attached the person to the job order the caller names. */
  attachedToJobOrder: boolean;
}

/** A person unknown to us is refused like another organisation's person: a refusal never tells who exists. */
export function decidePersonRead(
  caller: Principal,
  person: Affiliation | undefined,
  read: PersonRead,
): Decision {
  const { personId } = read;
  switch (caller.role) {
    case 'star-analyst':
      return refuse(
        'not-for-this-role',
        'STAR analysts see supervision aggregates and the dashboard, never a person',
      );
    case 'auditor': {
      if (caller.scope === 'all') return allow('auditor of all organisations');
      const scope = caller.scope;
      const inScope =
        !!person && [person.akasseId, ...person.jobcenterIds].some((o) => o !== null && scope.includes(o));
      return inScope
        ? allow(`auditor of ${scope.join(', ')}`)
        : refuse(
            'out-of-scope',
            `${personId} is not a person of the organisations this auditor may read (${scope.join(', ')})`,
          );
    }
    case 'akasse-caseworker':
    case 'jobcenter-caseworker':
    case 'integration':
      break;
    default: {
      const never: never = caller;
      return never;
    }
  }
  const kind = organisationKindOf(caller)!;
  const org = caller.organisation;
  if (read.data === 'access-log' && caller.role !== 'akasse-caseworker')
    return refuse(
      'not-for-this-role',
      'a person’s access log is shown to caseworkers of the person’s own a-kasse and to auditors',
    );
  if (kind === 'jobcenter') {
    return person?.jobcenterIds.includes(org)
      ? allow(`registered with ${org}`)
      : refuse(
          'not-own-person',
          `${personId} is not registered with ${org}: a jobcentre sees the persons registered with it`,
        );
  }
  if (person?.akasseId === org) return allow(`member of ${org}`);
  const notMember = `${personId} is not a member of ${org}: an a-kasse sees its own members (another a-kasse's member's CV only for a named job order under an agreement, C24-JOBORDER)`;
  if (caller.role !== 'akasse-caseworker' || read.jobOrderId === null)
    return refuse('not-own-person', notMember);
  const noAgreement = `no job-order agreement of the member's a-kasse with ${org} covers ${personId} (C24-JOBORDER)`;
  if (!person?.akasseId) return refuse('C24-JOBORDER', noAgreement);
  const decision = memberDataAccess({
    viewerAkasseId: org,
    memberAkasseId: person.akasseId,
    data: read.data === 'cv' ? 'cv' : 'other',
    jobOrderId: read.jobOrderId,
    agreementBetweenAkasser: read.agreementWithMembersAkasse,
    memberAttachedToJobOrder: read.attachedToJobOrder,
  });
  if (decision.allowed) return allow(decision.reason, 'C24-JOBORDER');
  // The refusal never names the member's a-kasse: the caller has no right to learn it.
  return refuse('C24-JOBORDER', read.agreementWithMembersAkasse ? decision.reason : noAgreement);
}

/** The fact as far as access depends on it: a correction is judged by the fact it corrects. */
export interface FactRecording {
  personId: string;
  recordedBy: OrganisationKind;
  factType: string;
  /** A placement's a-kasse, a registration's jobcentre. */
  akasseId?: string;
  jobcenterId?: string;
}

/**
 * Only caseworker systems (role integration) record facts, as their organisation's kind, about their own
 * organisation's persons. An a-kasse may place a person in its own a-kasse (a member moving to it) and record
 * facts about a person not yet placed anywhere; a jobcentre may register a placed person with itself.
 */
export function decideFactRecording(
  caller: Principal,
  person: Affiliation | undefined,
  fact: FactRecording,
): Decision {
  if (caller.role !== 'integration')
    return refuse(
      'not-for-this-role',
      'facts are recorded by caseworker systems (role integration), not by ' + caller.role,
    );
  const org = caller.organisation;
  if (fact.recordedBy !== caller.organisationKind)
    return refuse(
      'recorded-by-mismatch',
      `recordedBy must be "${caller.organisationKind}": ${org} records as an ${caller.organisationKind}`,
    );
  if (caller.organisationKind === 'akasse') {
    if (fact.factType === 'PlacedInBenefitPeriod')
      return fact.akasseId === org
        ? allow(`placement in ${org}`)
        : refuse(
            'not-own-organisation',
            `data.akasseId must be ${org}: an a-kasse places persons in its own a-kasse only`,
          );
    if (!person?.akasseId) return allow(`${fact.personId} is not placed with any a-kasse yet`);
    return person.akasseId === org
      ? allow(`member of ${org}`)
      : refuse(
          'not-own-person',
          `${fact.personId} is not a member of ${org}: an a-kasse records facts about its own members`,
        );
  }
  if (fact.factType === 'RegisteredAsJobseeker' && person?.akasseId)
    return fact.jobcenterId === org
      ? allow(`registration with ${org}`)
      : refuse(
          'not-own-organisation',
          `data.jobcenterId must be ${org}: a jobcentre registers persons with itself only`,
        );
  return person?.jobcenterIds.includes(org)
    ? allow(`registered with ${org}`)
    : refuse(
        'not-own-person',
        `${fact.personId} is not registered with ${org}: a jobcentre records facts about the persons registered with it`,
      );
}

/**
 * Erasure ("forget this person") is asked for by the caseworker system of the a-kasse the person is a member
 * of: it holds the member relationship, and the erasure reaches every organisation's view of the person.
 */
export function decideErasure(
  caller: Principal,
  person: Affiliation | undefined,
  personId: string,
): Decision {
  if (caller.role !== 'integration' || caller.organisationKind !== 'akasse')
    return refuse(
      'not-for-this-role',
      `a person is erased by their a-kasse's caseworker system (role integration), not by ${caller.role === 'integration' ? 'a jobcentre' : caller.role}`,
    );
  return person?.akasseId === caller.organisation
    ? allow(`member of ${caller.organisation}`)
    : refuse('not-own-person', `${personId} is not a member of ${caller.organisation}`);
}

/** Worklists: only the caller's own organisation's, for its caseworkers and its caseworker system. */
export function decideWorklist(caller: Principal, kind: OrganisationKind, organisationId: string): Decision {
  const callerKind = organisationKindOf(caller);
  if (callerKind === undefined)
    return refuse(
      'not-for-this-role',
      `worklists are for the organisation's own caseworkers, not for the ${caller.role} role`,
    );
  if (callerKind !== kind || caller.organisation !== organisationId)
    return refuse('not-own-organisation', `${caller.organisation} may read its own worklist only`);
  return allow(`own worklist of ${organisationId}`);
}

/**
 * Drilling down into who counts in a supervision month's numerator names persons: for the organisation's own
 * caseworkers and for auditors whose scope covers it — never for STAR's analysts, whose view is aggregate only.
 */
export function decideDrillDown(caller: Principal, kind: OrganisationKind, organisationId: string): Decision {
  if (caller.role === 'auditor') {
    if (caller.scope === 'all') return allow('auditor of all organisations');
    return caller.scope.includes(organisationId)
      ? allow(`auditor of ${caller.scope.join(', ')}`)
      : refuse('out-of-scope', `${organisationId} is not among the organisations this auditor may read`);
  }
  if (caller.role === 'star-analyst')
    return refuse('not-for-this-role', 'STAR’s view is aggregate only: no person is named to it');
  const own =
    (kind === 'akasse' && caller.role === 'akasse-caseworker') ||
    (kind === 'jobcenter' && caller.role === 'jobcenter-caseworker');
  if (!own || caller.organisation !== organisationId)
    return refuse(
      'not-own-organisation',
      `the persons behind ${organisationId}'s figures are for its own caseworkers`,
    );
  return allow(`own caseworkers of ${organisationId}`);
}

/** A job-order agreement is recorded by the a-kasse whose members it discloses: by its caseworkers or system. */
export function decideAgreementRecording(caller: Principal): Decision {
  return organisationKindOf(caller) === 'akasse' && caller.role !== 'auditor'
    ? allow(`${caller.organisation} discloses its own members`)
    : refuse(
        'not-for-this-role',
        'job-order agreements are recorded by the a-kasse whose members they disclose',
      );
}
