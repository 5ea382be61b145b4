import type { LocalDate } from '@app/legal-time';
import type { ObligationOwner, ObligationStatus } from './rule';

/** An obligation's status on a day, from its time-independent fields. */
export function statusAt(
  o: {
    dueOn: LocalDate | null;
    fulfilledOn: LocalDate | null;
    windowClosesOn: LocalDate | null;
    waived: boolean;
    notApplicable: boolean;
    owner: ObligationOwner;
  },
  day: LocalDate,
): ObligationStatus {
  if (o.notApplicable) return 'not-applicable';
  const onTime =
    o.fulfilledOn !== null && o.fulfilledOn <= day && (o.dueOn === null || o.fulfilledOn <= o.dueOn);
  if (onTime) return 'met';
  if (o.waived) return 'waived';
  // Due "by the end of" the due day: on that day it is still open.
  if (o.dueOn === null || day <= o.dueOn) return 'open';
  // A right of the person (HP-OBJECT's 4 weeks, C24-COMPLAINT's) lapses unused: not a breach by anyone.
  if (o.owner === 'person') return 'lapsed';
  const fulfilledLate = o.fulfilledOn !== null && o.fulfilledOn <= day;
  const closed = o.windowClosesOn !== null && day > o.windowClosesOn;
  return fulfilledLate || closed ? 'missed' : 'overdue';
}
