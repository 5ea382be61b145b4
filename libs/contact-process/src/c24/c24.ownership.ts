/**
 * Who holds a C24 (and R26, and transition) contact process on a day, since when and why (#18 item 4): read from
 * the same derivation as `c24OwnerOn` — the handover, the visitation and the transition as `derive` finds them
 * — so the answer can never disagree with the owner the obligations and preconditions use.
 */
import { addDays, AKASSE_PERIOD_HOURS, type LocalDate } from '@app/legal-time';
import type { ContactProcessOwnership } from '../engine/rule';
import { C24 } from './c24.rules';
import { c24Handover, derive, type C24Facts } from './c24.obligations';

const ref = (ruleId: string) => `${ruleId}, ${C24.rules[ruleId].legalReference}`;

export function c24Ownership(facts: C24Facts, date: LocalDate): ContactProcessOwnership {
  const { period, transition } = facts;
  const d = derive(facts);
  const owner = d.ownerOn(date);
  if (transition && (transition.c24From === null || date < transition.c24From))
    return {
      owner,
      since: period.placedOn,
      basis: 'transition',
      reason:
        `placed on ${period.placedOn} under the earlier rules: the ${owner} holds the contact process ` +
        (transition.c24From === null
          ? 'until C24 applies (002 §15)'
          : `until C24 applies from ${transition.c24From} (002 §15)`),
    };
  const c24Start = transition?.c24From ?? period.placedOn;
  const startBasis = transition ? 'transition' : 'placement';
  if (d.educationInjunctionGroup) return educationInjunctionOwnership(d, c24Start, owner);
  const handover = c24Handover(facts);
  if (handover && owner === 'jobcenter')
    return {
      owner,
      since: addDays(handover.handoverOn, 1),
      basis: 'handover',
      reason: `the a-kasse registered ${handover.hours} h by ${handover.reachedOn}; its period ended with that month, on ${handover.handoverOn} (${ref('C24-HANDOVER')})`,
    };
  const threshold = AKASSE_PERIOD_HOURS.value[period.insurance];
  return {
    owner,
    since: c24Start,
    basis: startBasis,
    reason:
      (transition ? `under C24 from ${c24Start} (002 §15)` : `placed on ${period.placedOn}`) +
      `: the a-kasse holds the contact process until the end of the month it registers ${threshold} h (${ref('C24-HANDOVER')})`,
  };
}

function educationInjunctionOwnership(
  d: ReturnType<typeof derive>,
  c24Start: LocalDate,
  owner: 'akasse' | 'jobcenter',
): ContactProcessOwnership {
  const group = `in the education-injunction group at the registration on ${d.firstRegistration}`;
  return owner === 'jobcenter' && d.visitatedOn !== undefined
    ? {
        owner,
        since: d.visitatedOn,
        basis: 'education-injunction-group',
        reason: `${group}: the jobcentre holds the contact process from the visitation on ${d.visitatedOn} (${ref('C24-VISIT')})`,
      }
    : {
        owner,
        since: c24Start,
        basis: 'education-injunction-group',
        reason: `${group}: the a-kasse holds the contact process until the jobcentre's visitation, with no handover at hours (${ref('C24-VISIT')})`,
      };
}
