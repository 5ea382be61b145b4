/**
 * The demo's synthetic population (issue #20): a-kasser that differ, persons in every phase, placements from
 * 2024 across the 2026-07-01 change up to 10 days ago. Deterministic: every number comes from a seeded
 * generator per person index, so the same day gives the same population. Every person is made up; ids are labels (`demo-<n>`).
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

/** What each a-kasse does with the a-kasse's interviews of the first 3 months, by the person's placement month. */
export interface DemoAkasse {
  id: string;
  /** What the dashboard should show of it. */
  story: string;
  /**
   * How many of the interviews owed are held (3 under C24; 2 from R26), by placement month; `recent` is the
   * first placement month of the last 9 months before today.
   */
  held(placedMonth: string, draw: number, owed: number, recent: string): number;
}

/**
 * A person the a-kasse slips on gets 0 or 1 of its interviews: below the requirement under both rule sets (a
 * person placed before 2026-07 and handed over after it is judged by C24's 3 owed to them, R26-RUNNING-CASES).
 */
const slipping =
  (rate: (month: string, recent: string) => number) =>
  (month: string, draw: number, owed: number, recent: string) =>
    draw < rate(month, recent) ? Math.min(owed - 1, Math.floor((draw / rate(month, recent)) * 2)) : owed;

export const DEMO_AKASSER: readonly DemoAkasse[] = [
  { id: 'akasse-3f', story: 'holds every interview', held: (_m, _d, owed) => owed },
  { id: 'akasse-krifa', story: 'holds every interview', held: (_m, _d, owed) => owed },
  {
    id: 'akasse-hk',
    story: 'slips in some months (placements of 2024-05/06 and 2025-09/10)',
    held: slipping((m) => (['2024-05', '2024-06', '2025-09', '2025-10'].includes(m) ? 0.55 : 0.03)),
  },
  { id: 'akasse-fag', story: 'slips now and then (1 in 7)', held: slipping(() => 0.14) },
  {
    id: 'akasse-ida',
    story:
      'slipping for the last 9 months of placements: deficient months in a row up to now, flagged for dialogue',
    held: slipping((m, recent) => (m >= recent ? 0.8 : 0.02)),
  },
  {
    id: 'akasse-dana',
    story:
      'holds 2 interviews from 2026: deficient for its periods placed before 2026-07-01 (C24, also when handed over after June), enough for those placed from then (R26)',
    held: (m, _d, owed) => (m >= '2026-01' ? Math.min(owed, 2) : owed),
  },
];
export const DEMO_JOBCENTRES = Array.from({ length: 12 }, (_, i) => `jc-${101 + i}`);

const FIRST_PLACEMENT = Date.UTC(2024, 0, 2);
const DAY = 86_400_000;
const R26_FROM = '2026-07-01';

/** A deterministic pseudo-random source (an LCG), so every run generates the same population. */
function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const iso = (d: Date) => d.toISOString().slice(0, 10) as LocalDate;
const GOALS = [
  'warehouse worker',
  'bookkeeper',
  'care assistant',
  'electrician',
  'teacher',
  'truck driver',
  'chef',
];

/** One ordinary person: placed on a day from 2024-01 to 10 days before today, followed until they find work. */
export function personCommands(index: number, persons: number, today: LocalDate): RecordCommand[] {
  const r = rng(index + 1);
  const last = Date.parse(`${addDays(today, -10)}T00:00:00Z`);
  const placedOn = iso(
    new Date(
      FIRST_PLACEMENT + Math.floor((((index + r()) / persons) * (last - FIRST_PLACEMENT)) / DAY) * DAY,
    ),
  );
  const recent = addDays(today, -9 * 30).slice(0, 7);
  const registeredOn = addDays(placedOn, Math.floor(r() * 4));
  const young = r() < 0.1;
  const akasse = DEMO_AKASSER[index % DEMO_AKASSER.length];
  const jobcenterId = DEMO_JOBCENTRES[Math.floor(r() * DEMO_JOBCENTRES.length)];
  const months = 2 + Math.floor(r() * 20);
  const owed = placedOn >= R26_FROM ? 2 : 3;
  const held = young ? owed : akasse.held(placedOn.slice(0, 7), r(), owed, recent);
  const commands = start(index, { placedOn, registeredOn, young, akasseId: akasse.id, jobcenterId });
  const dated: Array<{ on: LocalDate; command: RecordCommand }> = [];
  const at = (on: LocalDate, command: RecordCommand) => dated.push({ on, command });
  if (young)
    at(addDays(registeredOn, 5 + Math.floor(r() * 12)), {
      type: 'VisitateToJobcenter',
      recordedBy: 'akasse',
      data: { visitatedOn: addDays(registeredOn, 5) },
    });
  at(addDays(registeredOn, 3 + Math.floor(r() * 10)), {
    type: 'MarkCvComplete',
    recordedBy: 'akasse',
    data: { markedOn: addDays(registeredOn, 3), by: 'akasse' },
  });
  at(addDays(registeredOn, 7), {
    type: 'SetJobSearchRequirements',
    recordedBy: 'akasse',
    data: { setOn: addDays(registeredOn, 7), by: 'akasse', reportedToDfdg: true },
  });
  for (let i = 0; i < held; i += 1) {
    const on = addDays(registeredOn, 6 + i * (owed === 3 ? 28 : 38) + Math.floor(r() * 18));
    at(on, interview(index, on, young ? 'jobcenter' : 'akasse', r() < 0.8 ? 'in-person' : 'video'));
    if (i === 0 && !young)
      at(on, {
        type: 'PrepareMinPlan',
        recordedBy: 'akasse',
        data: {
          preparedOn: on,
          by: 'akasse',
          jobGoals: [GOALS[index % GOALS.length]],
          jobSearchRequirements: ['2 applications a week'],
        },
      });
  }
  for (let m = 0; m < months; m += 1) {
    const covered = new Date(Date.UTC(Number(placedOn.slice(0, 4)), Number(placedOn.slice(5, 7)) - 1 + m, 1));
    const registered = iso(
      new Date(Date.UTC(covered.getUTCFullYear(), covered.getUTCMonth() + 1, 3 + Math.floor(r() * 8))),
    );
    at(registered, {
      type: 'ReportBenefitHours',
      recordedBy: 'akasse',
      data: {
        month: iso(covered).slice(0, 7),
        benefitHours: 140 + Math.round(r() * 20),
        wageSubsidyHours: 0,
        registeredOn: registered,
      },
    });
    if (m >= 4 && m % 2 === 0) {
      const on = addDays(registered, 2);
      at(on, interview(index, on, 'jobcenter', 'in-person'));
    }
  }
  // Same-day facts keep their order (sort is stable): Min Plan follows the interview it was prepared at.
  dated.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return [...commands, ...dated.map((d) => d.command)];
}

function start(
  index: number,
  p: { placedOn: LocalDate; registeredOn: LocalDate; young: boolean; akasseId: string; jobcenterId: string },
): RecordCommand[] {
  return [
    {
      type: 'RecordPersonFacts',
      recordedBy: 'akasse',
      data: {
        birthDate: localDate(p.young ? '2003-06-01' : `19${60 + (index % 35)}-03-15`),
        hasVocationalEducation: !p.young && index % 10 < 7,
        hasCustodyOfChildrenAtHome: !p.young && index % 10 < 3,
        coveredByRepatriationAct: false,
        residencePermitYears: null,
      },
    },
    {
      type: 'PlaceInBenefitPeriod',
      recordedBy: 'akasse',
      data: {
        benefitPeriodId: `bp-${index}`,
        akasseId: p.akasseId,
        insurance: index % 7 === 0 ? 'part-time' : 'full-time',
        placedOn: p.placedOn,
        continuingPlacement: false,
      },
    },
    {
      type: 'RegisterAsJobseeker',
      recordedBy: 'akasse',
      data: { registeredOn: p.registeredOn, jobcenterId: p.jobcenterId },
    },
  ];
}

function interview(
  index: number,
  on: LocalDate,
  heldBy: 'akasse' | 'jobcenter',
  form: 'in-person' | 'video',
): RecordCommand {
  return {
    type: 'RecordJobInterview',
    recordedBy: heldBy,
    data: {
      interviewId: `i-${index}-${on}-${heldBy}`,
      heldOn: on,
      heldBy,
      registeredAs: 'individual',
      akasseAttended: heldBy === 'akasse',
      form,
      minPlanPrepared: heldBy === 'akasse',
      joblogReviewed: heldBy === 'akasse',
      repatriationGuidanceGiven: false,
      intensifiedEffortOffered: false,
      allPartiesAgreed: true,
    },
  };
}

/**
 * The persons placed to show one phase each, relative to `today`: with open deadlines (placed a week ago), with
 * overdue ones (placed 7 weeks ago, no interview held yet), a NUPH the jobcentre sent without the notice to the
 * person. A corrected fact and an erased person are made through the API after seeding (apps/demo/src/main.ts).
 */
export function specialCommands(kind: DemoSpecial, index: number, today: LocalDate): RecordCommand[] {
  const akasseId = kind === 'nuph-awaiting-notice' ? 'akasse-hk' : 'akasse-fag';
  const placedOn = addDays(today, kind === 'open' ? -7 : kind === 'overdue' ? -50 : -150);
  const registeredOn = addDays(placedOn, 1);
  const commands = start(index, { placedOn, registeredOn, young: false, akasseId, jobcenterId: 'jc-101' });
  if (kind !== 'nuph-awaiting-notice') return commands;
  const first = addDays(registeredOn, 10);
  return [
    ...commands,
    interview(index, first, 'akasse', 'in-person'),
    interview(index, addDays(first, 30), 'akasse', 'in-person'),
    {
      type: 'SendNuph',
      recordedBy: 'jobcenter',
      data: {
        nuphId: `nuph-${index}`,
        sentOn: addDays(today, -3),
        personNotifiedOn: null,
        babSection: '§146(1)',
      },
    },
  ];
}

export const DEMO_SPECIALS = ['open', 'overdue', 'nuph-awaiting-notice'] as const;
export type DemoSpecial = (typeof DEMO_SPECIALS)[number];

/** The events commands produce, through the decider (so they are valid), up to `today`. */
export function eventsOf(commands: readonly RecordCommand[], today: LocalDate): ContactProcessEvent[] {
  let state = initialState();
  const events: ContactProcessEvent[] = [];
  for (const command of commands) {
    if (commandDate(command) > today) break;
    for (const event of decide({ ...command, today } as ContactProcessCommand, state)) {
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
