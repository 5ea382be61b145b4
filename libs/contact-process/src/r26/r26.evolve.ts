/** The appliers of the rules in force from 2026-07-01 (R26): the exemption from an interview duty. */
import { updatePeriod, type Applier, type Appliers } from '../process/state';

const interviewDutyExempted: Applier<'InterviewDutyExempted'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    interviewExemptions: [...p.interviewExemptions, { ...data, eventId }],
  }));

export const r26Appliers: Appliers<'InterviewDutyExempted'> = {
  InterviewDutyExempted: interviewDutyExempted,
};
