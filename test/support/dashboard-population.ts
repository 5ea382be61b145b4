/**
 * The STAR dashboard's population, shared by its browser spec (apps/api/test/dashboard.e2e.spec.ts) and its
 * benchmark (bench/dashboard.bench.ts): 30 a-kasser × 36 months of persons handed over, seeded
 * deterministically into a node's data folder, and the service started on it as `npm start` does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  contactProcessStream,
  occurredOn,
  SCHEMA_VERSION,
  type ContactProcessEvent,
} from '@app/contact-process';
import { connectEventStore, type NewEvent, type Position } from '@app/event-store';
import { endOfMonth, localDate, startOfDay } from '@app/legal-time';
import { addMonths, monthsFromTo } from '@app/supervision';

const ROOT = join(__dirname, '..', '..');
export const FROM = '2024-01';
export const TO = '2026-12';
export const MONTHS = monthsFromTo(FROM, TO);
export const AKASSER = Array.from({ length: 30 }, (_, i) => `akasse-${String(i + 1).padStart(2, '0')}`);

/** A small deterministic generator (mulberry32), so every run seeds the same population. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Per a-kasse per month: the a-kasse interviews each person handed over that month had by the handover. */
export function seedPlan(): Map<string, number[]> {
  const next = random(4);
  const plan = new Map<string, number[]>();
  AKASSER.forEach((akasseId, a) => {
    const pBelow = 0.02 + (0.3 * a) / (AKASSER.length - 1);
    for (const month of MONTHS) {
      const n = 2 + Math.floor(next() * 4);
      plan.set(
        `${akasseId}|${month}`,
        Array.from({ length: n }, () => (next() < pBelow ? Math.floor(next() * 3) : 3)),
      );
    }
  });
  // akasse-01: six deficient months in a row (flagged), then a month at exactly 20 %, which is not deficient.
  for (const month of monthsFromTo('2025-01', '2025-06')) plan.set(`akasse-01|${month}`, [0, 1, 3, 3]);
  plan.set('akasse-01|2025-07', [3, 3, 3, 3, 2]);
  // akasse-02, handed over in 2026-10, so placed on 2026-07-01 and R26's: 2 interviews suffice, exactly 25 %
  // below is not deficient (those handed over in 2026-07..09 were placed before 2026-07-01: C24's 3, #18 item 3).
  plan.set('akasse-02|2026-10', [2, 2, 1, 3]);
  return plan;
}

/** The events of one person handed over in `month`, as the recorder and the system would have appended them. */
function personEvents(
  akasseId: string,
  month: string,
  interviews: number,
  personId: string,
): ContactProcessEvent[] {
  const start = addMonths(month, -3) < '2024-01' ? '2024-01' : addMonths(month, -3);
  const benefitPeriodId = `bp-${personId}`;
  const d = localDate;
  return [
    {
      type: 'PersonFactsRecorded',
      data: {
        birthDate: d('1985-04-02'),
        hasVocationalEducation: true,
        hasCustodyOfChildrenAtHome: false,
        coveredByRepatriationAct: false,
        residencePermitYears: null,
      },
    },
    {
      type: 'PlacedInBenefitPeriod',
      data: {
        benefitPeriodId,
        akasseId,
        insurance: 'full-time',
        placedOn: d(`${start}-01`),
        continuingPlacement: false,
      },
    },
    { type: 'RegisteredAsJobseeker', data: { registeredOn: d(`${start}-02`), jobcenterId: 'jc-101' } },
    ...['05', '15', '25'].slice(0, interviews).map((day, i): ContactProcessEvent => ({
      type: 'JobInterviewHeld',
      data: {
        interviewId: `i-${i}`,
        heldOn: d(`${start}-${day}`),
        heldBy: 'akasse',
        registeredAs: 'individual',
        akasseAttended: true,
        form: 'in-person',
        minPlanPrepared: i === 0,
        joblogReviewed: true,
        repatriationGuidanceGiven: false,
        intensifiedEffortOffered: false,
        allPartiesAgreed: false,
      },
    })),
    {
      type: 'BenefitHoursReported',
      data: {
        month: addMonths(month, -1),
        benefitHours: 410,
        wageSubsidyHours: 0,
        registeredOn: d(`${month}-05`),
      },
    },
    {
      type: 'ContactProcessHandedOver',
      data: {
        benefitPeriodId,
        handoverOn: endOfMonth(d(`${month}-01`)),
        reachedOn: d(`${month}-05`),
        hoursRegistered: 410,
        ruleId: 'C24-HANDOVER',
      },
    },
  ];
}

/** Appends the whole plan to a node on `dataDir`, a few persons at a time; the position of the last event. */
export async function seed(
  dataDir: string,
  plan: Map<string, number[]>,
): Promise<{ last: Position; events: number }> {
  const connection = await connectEventStore({ dataDir, host: '127.0.0.1', port: 0 });
  const actor = { organisation: 'seed', role: 'integration', user: 'dashboard-e2e' };
  const persons: Array<{ personId: string; events: ContactProcessEvent[] }> = [];
  let n = 0;
  for (const [key, interviews] of plan) {
    const [akasseId, month] = key.split('|');
    for (const count of interviews) {
      const personId = `p-${(n += 1)}`;
      persons.push({ personId, events: personEvents(akasseId, month, count, personId) });
    }
  }
  let last: Position | undefined;
  let events = 0;
  try {
    for (let i = 0; i < persons.length; i += 16) {
      const results = await Promise.all(
        persons.slice(i, i + 16).map(({ personId, events: facts }) => {
          const correlationId = randomUUID();
          const envelopes: NewEvent[] = facts.map((event) => ({
            type: event.type,
            schemaVersion: SCHEMA_VERSION,
            data: event.data,
            metadata: {
              eventId: randomUUID(),
              occurredAt: startOfDay(occurredOn(event, localDate('2024-01-01'))).toISOString(),
              actor,
              correlationId,
              causationId: null,
            },
          }));
          events += envelopes.length;
          return connection.store.append(contactProcessStream(personId), envelopes, 'no_stream');
        }),
      );
      for (const { position } of results)
        if (position && (!last || position.commit > last.commit)) last = position;
    }
  } finally {
    await connection.close();
  }
  return { last: last!, events };
}

/** Starts the service as `npm start` does, on the seeded data; resolves with its base URL. */
export async function startService(
  dataDir: string,
): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        EVENTSTORE_PORT: '0',
        EVENTSTORE_DATA_DIR: dataDir,
        READ_MODEL_SQLITE_PATH: join(dataDir, 'read-models.sqlite'),
        DEADLINE_SWEEP_INTERVAL_MINUTES: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const started = Date.now();
  while (!/health:\s+(\S+)/.test(output)) {
    if (Date.now() - started > 60_000 || child.exitCode !== null)
      throw new Error(`did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const health = /health:\s+(\S+)/.exec(output)![1];
  return { child, base: health.replace(/\/health$/, ''), output: () => output };
}

/** Waits until the service's supervision projection has applied everything up to `last` (at most 4 minutes). */
export async function untilSupervisionReaches(
  service: { base: string; output: () => string },
  authorization: string,
  last: Position,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    const answer = await fetch(`${service.base}/supervision/status`, { headers: { authorization } });
    const status = (await answer.json()) as { checkpoint: string | null };
    if (status.checkpoint !== null && BigInt(status.checkpoint) >= last.commit) return;
    if (Date.now() - started > 240_000)
      throw new Error(`the supervision projection did not catch up:\n${service.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
