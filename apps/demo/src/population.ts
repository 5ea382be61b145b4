/**
 * A synthetic population of contact processes, deterministic per person index: the benchmark's and the demo's.
 * Every person is made up; ids and organisations are labels, not real ones.
 */
import {
  decide,
  evolve,
  initialState,
  type ContactProcessCommand,
  type ContactProcessEvent,
  type RecordCommand,
} from '@app/contact-process';
import { addDays, localDate, type LocalDate } from '@app/legal-time';

const GOALS = [
  'warehouse worker',
  'bookkeeper',
  'care assistant',
  'electrician',
  'teacher',
  'truck driver',
  'chef',
];

export const AKASSER = ['akasse-3f', 'akasse-krifa', 'akasse-hk', 'akasse-fag', 'akasse-ida', 'akasse-dana'];
export const JOBCENTRES = Array.from({ length: 20 }, (_, i) => `jc-${101 + i}`);

/** A deterministic pseudo-random source, so every run generates the same population. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const iso = (d: Date) => d.toISOString().slice(0, 10) as LocalDate;

export interface PopulationOptions {
  /** Also prepare Min Plan at the first a-kasse interview and revise it now and then (the demo shows it). */
  minPlan?: boolean;
}

/** One person's life over up to ~2 years, as the commands a caseworker system would send. */
export function personCommands(index: number, options: PopulationOptions = {}): RecordCommand[] {
  const r = rng(index + 1);
  const placedOn = iso(new Date(Date.UTC(2024, 0, 1 + Math.floor(r() * 300))));
  const registeredOn = addDays(placedOn, Math.floor(r() * 4));
  const young = r() < 0.12;
  const akasseId = AKASSER[index % AKASSER.length];
  const jobcenterId = JOBCENTRES[Math.floor(r() * JOBCENTRES.length)];
  const months = 2 + Math.floor(r() * 22);
  const commands: RecordCommand[] = [
    {
      type: 'RecordPersonFacts',
      recordedBy: 'akasse',
      data: {
        birthDate: localDate(young ? '2002-06-01' : `19${60 + Math.floor(r() * 35)}-03-15`),
        hasVocationalEducation: !young && r() < 0.7,
        hasCustodyOfChildrenAtHome: !young && r() < 0.3,
        coveredByRepatriationAct: r() < 0.05,
        residencePermitYears: r() < 0.05 ? 3 : null,
      },
    },
    {
      type: 'PlaceInBenefitPeriod',
      recordedBy: 'akasse',
      data: {
        benefitPeriodId: `bp-${index}`,
        akasseId,
        insurance: r() < 0.85 ? 'full-time' : 'part-time',
        placedOn,
        continuingPlacement: false,
      },
    },
    { type: 'RegisterAsJobseeker', recordedBy: 'akasse', data: { registeredOn, jobcenterId } },
  ];
  const dated: Array<{ on: LocalDate; command: RecordCommand }> = [];
  const interview = (on: LocalDate, heldBy: 'akasse' | 'jobcenter', joint = false): RecordCommand => ({
    type: 'RecordJobInterview',
    recordedBy: heldBy,
    data: {
      interviewId: `i-${index}-${on}-${heldBy}`,
      heldOn: on,
      heldBy,
      registeredAs: joint ? 'joint' : 'individual',
      akasseAttended: heldBy === 'akasse' || joint,
      form: r() < 0.8 ? 'in-person' : 'video',
      minPlanPrepared: heldBy === 'akasse',
      joblogReviewed: heldBy === 'akasse',
      repatriationGuidanceGiven: false,
      intensifiedEffortOffered: joint,
      allPartiesAgreed: true,
    },
  });
  if (young)
    dated.push({
      on: addDays(registeredOn, 5 + Math.floor(r() * 12)),
      command: {
        type: 'VisitateToJobcenter',
        recordedBy: 'akasse',
        data: { visitatedOn: addDays(registeredOn, 5) },
      },
    });
  dated.push({
    on: addDays(registeredOn, 3 + Math.floor(r() * 14)),
    command: {
      type: 'MarkCvComplete',
      recordedBy: 'akasse',
      data: { markedOn: addDays(registeredOn, 3), by: 'akasse' },
    },
  });
  dated.push({
    on: addDays(registeredOn, 7),
    command: {
      type: 'SetJobSearchRequirements',
      recordedBy: 'akasse',
      data: { setOn: addDays(registeredOn, 7), by: 'akasse', reportedToDfdg: true },
    },
  });
  for (let i = 0; i < 3; i += 1) {
    const on = addDays(registeredOn, 6 + i * 30 + Math.floor(r() * 20));
    dated.push({ on, command: interview(on, young ? 'jobcenter' : 'akasse') });
  }
  for (let m = 0; m < months; m += 1) {
    const covered = new Date(Date.UTC(Number(placedOn.slice(0, 4)), Number(placedOn.slice(5, 7)) - 1 + m, 1));
    const registered = iso(
      new Date(Date.UTC(covered.getUTCFullYear(), covered.getUTCMonth() + 1, 3 + Math.floor(r() * 10))),
    );
    const month = iso(covered).slice(0, 7);
    dated.push({
      on: registered,
      command: {
        type: 'ReportBenefitHours',
        recordedBy: 'akasse',
        data: {
          month,
          benefitHours: 140 + Math.round(r() * 20),
          wageSubsidyHours: 0,
          registeredOn: registered,
        },
      },
    });
    if (m >= 4 && m % 2 === 0) {
      const on = addDays(registered, 2);
      dated.push({ on, command: interview(on, 'jobcenter', m === 14) });
    }
  }
  if (options.minPlan && !young) {
    const first = dated.find((d) => d.command.type === 'RecordJobInterview')!.on;
    dated.push({
      on: first,
      command: {
        type: 'PrepareMinPlan',
        recordedBy: 'akasse',
        data: {
          preparedOn: first,
          by: 'akasse',
          jobGoals: [GOALS[index % GOALS.length]],
          jobSearchRequirements: ['2 applications a week'],
        },
      },
    });
    if (r() < 0.5) {
      const on = addDays(first, 20);
      dated.push({
        on,
        command: {
          type: 'ReviseMinPlan',
          recordedBy: 'akasse',
          data: {
            revisedOn: on,
            by: 'akasse',
            reason: 'a second job goal agreed at the follow-up interview',
            jobGoals: [GOALS[index % GOALS.length], GOALS[(index + 3) % GOALS.length]],
          },
        },
      });
    }
  }
  // Same-day facts keep their order (sort is stable): Min Plan follows the interview it was prepared at.
  dated.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return [...commands, ...dated.map((d) => d.command)];
}

/** The events those commands produce (through the decider, so they are valid). */
export function personEvents(
  index: number,
  options: PopulationOptions = {},
  today: LocalDate = localDate('2026-11-01'),
): ContactProcessEvent[] {
  let state = initialState();
  const events: ContactProcessEvent[] = [];
  for (const command of personCommands(index, options)) {
    if (commandDate(command) > today) break;
    const decided = decide({ ...command, today } as ContactProcessCommand, state);
    for (const event of decided) {
      state = evolve(state, event);
      events.push(event);
    }
  }
  return events;
}

/** The day a command's fact happened on (commands are recorded once they have happened). */
function commandDate(command: RecordCommand): LocalDate {
  const data = command.data as Record<string, unknown>;
  const day = Object.entries(data).find(([key, value]) => key.endsWith('On') && typeof value === 'string');
  return (day?.[1] as LocalDate | undefined) ?? localDate('1900-01-01');
}
