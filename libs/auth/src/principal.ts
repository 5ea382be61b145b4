/**
 * Who is calling, as the verified token says: the claims of issue #7 ("Who may see what") read into one typed
 * value. Pure: no Nest, no I/O. A claim that is missing or malformed is named, so the 401 can say which.
 */
import type { Actor } from '@app/event-store';

export const ROLES = [
  'akasse-caseworker',
  'jobcenter-caseworker',
  'integration',
  'auditor',
  'star-analyst',
] as const;
export type Role = (typeof ROLES)[number];
export type OrganisationKind = 'akasse' | 'jobcenter';

/** Organisation ids as the facts carry them (`akasse-3f`, `jc-101`). */
export const ORGANISATION_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const USER_ID = /^\P{Cc}{1,128}$/u;

interface Common {
  /** `sub`: the person or system acting. */
  user: string;
  /** `org`: the organisation the caller acts for. */
  organisation: string;
}
export type Principal =
  | (Common & { role: 'akasse-caseworker' })
  | (Common & { role: 'jobcenter-caseworker' })
  /** A caseworker system recording facts for its organisation, an a-kasse or a jobcentre (`org_kind`). */
  | (Common & { role: 'integration'; organisationKind: OrganisationKind })
  /** Read-only; `scope` is every organisation, or the ones listed. A `purpose` claim binds every read to it. */
  | (Common & { role: 'auditor'; scope: 'all' | string[]; purpose: string | null })
  | (Common & { role: 'star-analyst' });

/** The actor stored in event metadata: always the token's, never what a request body says. */
export const actorOf = (p: Principal): Actor => ({
  organisation: p.organisation,
  role: p.role,
  user: p.user,
});

/** The kind of organisation a caseworker or integration acts for; undefined for auditors and STAR. */
export function organisationKindOf(p: Principal): OrganisationKind | undefined {
  switch (p.role) {
    case 'akasse-caseworker':
      return 'akasse';
    case 'jobcenter-caseworker':
      return 'jobcenter';
    case 'integration':
      return p.organisationKind;
    case 'auditor':
    case 'star-analyst':
      return undefined;
    default: {
      const never: never = p;
      return never;
    }
  }
}

/** Reads verified claims; the reason names the claim when one is missing or malformed. */
export function principalFromClaims(
  claims: Record<string, unknown>,
): { principal: Principal } | { reason: string } {
  const { sub, role, org } = claims;
  if (typeof sub !== 'string' || !USER_ID.test(sub)) return { reason: 'the token has no valid "sub" claim' };
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
    return { reason: `the token's "role" claim must be one of: ${ROLES.join(', ')}` };
  if (typeof org !== 'string' || !ORGANISATION_ID.test(org))
    return { reason: 'the token has no valid "org" claim (1–64 letters, digits, ".", ":", "-" or "_")' };
  const common = { user: sub, organisation: org };
  switch (role as Role) {
    case 'akasse-caseworker':
    case 'jobcenter-caseworker':
    case 'star-analyst':
      return { principal: { ...common, role } as Principal };
    case 'integration': {
      const kind = claims.org_kind;
      if (kind !== 'akasse' && kind !== 'jobcenter')
        return { reason: 'an integration token needs the "org_kind" claim: "akasse" or "jobcenter"' };
      return { principal: { ...common, role: 'integration', organisationKind: kind } };
    }
    case 'auditor': {
      const scope = parseScope(claims.scope);
      if (!scope)
        return {
          reason:
            'an auditor token needs the "scope" claim: "all", or the organisation ids it may read, separated by spaces',
        };
      const purpose = claims.purpose;
      if (purpose !== undefined && (typeof purpose !== 'string' || !isPurpose(purpose)))
        return { reason: 'the token\'s "purpose" claim must be 3–200 printable characters' };
      return { principal: { ...common, role: 'auditor', scope, purpose: purpose ?? null } };
    }
  }
}

function parseScope(value: unknown): 'all' | string[] | undefined {
  if (value === 'all') return 'all';
  if (typeof value !== 'string') return undefined;
  const ids = value.split(' ').filter((s) => s !== '');
  return ids.length > 0 && ids.length <= 100 && ids.every((id) => ORGANISATION_ID.test(id)) ? ids : undefined;
}

/** A stated purpose: 3–200 printable characters (it is stored in the person's access log). */
export function isPurpose(value: string): boolean {
  return /^\P{Cc}{3,200}$/u.test(value) && value.trim().length >= 3;
}
