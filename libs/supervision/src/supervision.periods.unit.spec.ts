/**
 * Issue #21, case 3, on STAR's figures: a member re-placed in a new benefit period on 2 June 2025, whose first
 * period's first interview (held 11 March 2024) is recorded on 10 June 2025 and whose first period's May 2025
 * hours are registered on 3 June 2025. Each fact counts in the period it happened in (002 §3.2), so the measure
 * agrees with the deadlines: the first period's late interview is among its interviews, and the new period is
 * handed over on 31 August — when its own 410 hours are registered (002 §2.2) — with its three interviews held,
 * not on 31 July with two of them.
 */
import { decide, evolve, type ContactProcessCommand, type ContactProcessState } from '@app/contact-process';
import {
  aPerson,
  d,
  deregistered,
  given,
  hours,
  interview,
  obligationOf,
  placed,
  registered,
  type ContactProcessEvent,
} from '@app/contact-process/testing';
import { supervisedCases } from './supervision.measure';

/** Period 1 from 1 March 2024, handed over on 30 June 2024; re-placed in period 2 on 2 June 2025. */
const rePlaced = given(
  aPerson(),
  placed(),
  registered('2024-03-04'),
  hours('2024-03', 160.33, '2024-04-05'),
  hours('2024-04', 160.33, '2024-05-05'),
  hours('2024-05', 160.33, '2024-06-05'),
  {
    type: 'ContactProcessHandedOver',
    data: {
      benefitPeriodId: 'bp-1',
      handoverOn: d('2024-06-30'),
      reachedOn: d('2024-06-05'),
      hoursRegistered: 480.99,
      ruleId: 'C24-HANDOVER',
    },
  },
  deregistered('2025-05-30'),
  placed({ benefitPeriodId: 'bp-2', placedOn: d('2025-06-02') }),
  registered('2025-06-02'),
);

const interviewOn = (heldOn: string, interviewId: string, today = heldOn): ContactProcessCommand => ({
  type: 'RecordJobInterview',
  recordedBy: 'akasse',
  today: d(today),
  data: {
    ...(interview(heldOn) as Extract<ContactProcessEvent, { type: 'JobInterviewHeld' }>).data,
    interviewId,
  },
});

const hoursOf = (month: string, benefitHours: number, registeredOn: string): ContactProcessCommand => ({
  type: 'ReportBenefitHours',
  recordedBy: 'akasse',
  today: d(registeredOn),
  data: (
    hours(month, benefitHours, registeredOn) as Extract<ContactProcessEvent, { type: 'BenefitHoursReported' }>
  ).data,
});

/** Each command decided on the state so far and folded, as the recorder does (the handover derived live). */
const recorded = (commands: ContactProcessCommand[]): ContactProcessState =>
  commands.reduce(
    (state, command, i) =>
      decide(command, state).reduce((s, e, j) => evolve(s, { ...e, eventId: `r${i + 1}.${j + 1}` }), state),
    rePlaced,
  );

/** Counted in period 2, May's 160.33 h would reach 410 with July's registration on 31 July. */
const state = recorded([
  hoursOf('2025-05', 160.33, '2025-06-03'),
  interviewOn('2024-03-11', 'i-1-1', '2025-06-10'),
  interviewOn('2025-06-10', 'i-2-1'),
  hoursOf('2025-06', 150, '2025-06-30'),
  interviewOn('2025-07-15', 'i-2-2'),
  hoursOf('2025-07', 160, '2025-07-31'),
  interviewOn('2025-08-20', 'i-2-3'),
  hoursOf('2025-08', 160, '2025-08-29'),
]);
const akasseCase = (benefitPeriodId: string) =>
  supervisedCases(state).filter((c) => c.measure === 'akasse' && c.benefitPeriodId === benefitPeriodId);

describe("STAR's a-kasse measure for a member re-placed in a new benefit period (#21 case 3)", () => {
  it("counts the first period's late first interview in that period, as its met C24-FIRST does", () => {
    expect(obligationOf(state, '2025-09-15', 'C24-FIRST', 'bp-1')).toMatchObject({ status: 'met' });
    expect(akasseCase('bp-1')).toEqual([
      expect.objectContaining({ month: '2024-06', interviewsHeld: 1, belowRequired: true }),
    ]);
  });

  it('measures the new period in August, the month of its handover and its C24-AK3, not July', () => {
    const ak3 = obligationOf(state, '2025-09-15', 'C24-AK3', 'bp-2');
    expect(ak3).toMatchObject({ dueOn: '2025-08-31', status: 'met' });
    expect(akasseCase('bp-2')).toEqual([
      expect.objectContaining({
        organisationId: 'akasse-3f',
        month: ak3.dueOn?.slice(0, 7),
        interviewsHeld: 3,
        required: 3,
        belowRequired: false,
      }),
    ]);
  });
});
