import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../../test/support/browser';
import {
  contactProcessStream,
  occurredOn,
  SCHEMA_VERSION,
  type ContactProcessEvent,
} from '@app/contact-process';
import { connectEventStore, type NewEvent, type Position } from '@app/event-store';
import { endOfMonth, localDate, startOfDay } from '@app/legal-time';
import { addMonths, monthsFromTo } from '@app/supervision';
import { readDevKey, signToken } from '../src/access/dev-key';

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const FROM = '2024-01';
const TO = '2026-12';
const MONTHS = monthsFromTo(FROM, TO);
const AKASSER = Array.from({ length: 30 }, (_, i) => `akasse-${String(i + 1).padStart(2, '0')}`);

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
function seedPlan(): Map<string, number[]> {
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
  // akasse-02, under the rules from 2026-07: 2 interviews suffice, exactly 25 % below is not deficient.
  plan.set('akasse-02|2026-07', [2, 2, 1, 3]);
  return plan;
}

/** What STAR counts, worked out independently of the projection: 3 interviews before 2026-07, 2 from then. */
const requiredIn = (month: string) => (month >= '2026-07' ? 2 : 3);

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
async function seed(
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
async function startService(
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

interface ApiMonth {
  month: string;
  ruleSetId: string;
  population: number;
  numerator: number;
  share: number;
  deficient: boolean;
  streak: number;
  flagged: boolean;
}
interface ApiAkasse {
  akasseId: string;
  months: ApiMonth[];
  population: number;
  numerator: number;
  share: number;
  currentStreak: number;
  flagged: boolean;
  deficientMonths: number;
}

describe('the STAR dashboard in a real browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sagsforloeb-dashboard-'));
  const plan = seedPlan();
  let service: Awaited<ReturnType<typeof startService>>;
  let browser: Browser;
  let akasser: ApiAkasse[];
  /** STAR's analyst, with a development token signed by the key the service made in its data folder. */
  let authorization: string;
  const get = (url: string) => fetch(url, { headers: { authorization } });

  beforeAll(async () => {
    const { last } = await seed(dataDir, plan);
    service = await startService(dataDir);
    const key = readDevKey(join(dataDir, 'dev-jwt-key.json'));
    authorization = `Bearer ${await signToken(key, { sub: 'analyst-1', role: 'star-analyst', org: 'star' })}`;
    // The projection catches up on the seeded events after start.
    const started = Date.now();
    for (;;) {
      const status = (await (await get(`${service.base}/supervision/status`)).json()) as {
        checkpoint: string | null;
      };
      if (status.checkpoint !== null && BigInt(status.checkpoint) >= last.commit) break;
      if (Date.now() - started > 240_000)
        throw new Error(`the supervision projection did not catch up:\n${service.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const overview = (await (
      await get(`${service.base}/supervision/akasser?from=${FROM}&to=${TO}`)
    ).json()) as {
      akasser: ApiAkasse[];
    };
    akasser = overview.akasser;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (service && service.child.exitCode === null) {
      const exited = new Promise((resolve) => service.child.once('exit', resolve));
      service.child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the projection holds the seeded population: 30 a-kasser × 36 months, every count as planned', () => {
    expect(akasser).toHaveLength(30);
    for (const akasse of akasser) {
      expect(akasse.months.map((m) => m.month)).toEqual(MONTHS);
      for (const m of akasse.months) {
        const interviews = plan.get(`${akasse.akasseId}|${m.month}`)!;
        expect([m.population, m.numerator]).toEqual([
          interviews.length,
          interviews.filter((n) => n < requiredIn(m.month)).length,
        ]);
        expect(m.ruleSetId).toBe(m.month >= '2026-07' ? 'R26-SUP-AKASSE' : 'C24-SUP-AKASSE');
      }
    }
    const first = akasser.find((a) => a.akasseId === 'akasse-01')!.months;
    expect(first.find((m) => m.month === '2025-06')).toMatchObject({
      deficient: true,
      streak: 6,
      flagged: true,
    });
    expect(first.find((m) => m.month === '2025-07')).toMatchObject({
      share: 0.2,
      deficient: false,
      streak: 0,
    });
    const second = akasser.find((a) => a.akasseId === 'akasse-02')!.months;
    expect(second.find((m) => m.month === '2026-07')).toMatchObject({
      share: 0.25,
      numerator: 1,
      deficient: false,
    });
  });

  it('loads fast and shows per a-kasse what the projection holds', async () => {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
      extraHTTPHeaders: { authorization },
    });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('pageerror', (e) => failed.push(e.message));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));

    const started = Date.now();
    const response = await page.goto(`${service.base}/dashboard?from=${FROM}&to=${TO}&lang=en`, {
      waitUntil: 'load',
    });
    const loadMs = Date.now() - started;
    expect(response!.status()).toBe(200);
    // One request, nothing fetched from anywhere (no CDN, no network), no script error.
    expect(requested).toEqual([`${service.base}/dashboard?from=${FROM}&to=${TO}&lang=en`]);
    expect(failed).toEqual([]);
    expect(loadMs).toBeLessThan(3000);
    process.stdout.write(`dashboard: ${loadMs} ms to load, ${(await response!.body()).length} bytes\n`);

    // The national overview: one row per a-kasse, sorted by share (highest first), each number the projection's.
    const rows = await page.$$eval('#overview tbody tr', (trs) =>
      trs.map((tr) => {
        const field = (name: string) => tr.querySelector(`[data-field="${name}"]`)!;
        return {
          akasseId: tr.getAttribute('data-id')!,
          population: Number(field('population').textContent),
          numerator: Number(field('numerator').textContent),
          share: Number(field('share').getAttribute('data-value')),
          shareText: field('share').textContent!,
          currentStreak: Number(field('currentStreak').textContent),
          deficientMonths: Number(field('deficientMonths').textContent),
          dialogue: tr.querySelector('.flag') !== null,
        };
      }),
    );
    expect(rows).toHaveLength(30);
    const byShare = [...akasser].sort((a, b) => b.share - a.share || (a.akasseId < b.akasseId ? -1 : 1));
    expect(rows.map((r) => r.akasseId)).toEqual(byShare.map((a) => a.akasseId));
    for (const row of rows) {
      const akasse = akasser.find((a) => a.akasseId === row.akasseId)!;
      expect(row).toEqual({
        akasseId: akasse.akasseId,
        population: akasse.population,
        numerator: akasse.numerator,
        share: akasse.share,
        shareText: `${(akasse.share * 100).toFixed(1)} %`,
        currentStreak: akasse.currentStreak,
        deficientMonths: akasse.deficientMonths,
        dialogue: akasse.flagged,
      });
    }
    // The raw count; the text is formatted for the page's language (3,780 in English, 3.780 in Danish).
    const national = await page.$eval('[data-national="population"]', (b) =>
      Number(b.getAttribute('data-value')),
    );
    expect(national).toBe(akasser.reduce((s, a) => s + a.population, 0));

    // Sortable by share: a click sorts ascending.
    await page.click('#sort-share');
    const ascending = await page.$$eval('#overview tbody tr', (trs) =>
      trs.map((tr) => tr.getAttribute('data-id')),
    );
    expect(ascending).toEqual(
      [...akasser]
        .sort((a, b) => a.share - b.share || (a.akasseId < b.akasseId ? -1 : 1))
        .map((a) => a.akasseId),
    );

    // The charts: a bar per month with the month's share, deficient months marked, the flagged streak highlighted.
    const bars = await page.$$eval('figure[data-akasse] rect.bar', (rects) =>
      rects.map((r) => ({
        akasseId: r.closest('figure')!.getAttribute('data-akasse')!,
        month: r.getAttribute('data-month')!,
        share: Number(r.getAttribute('data-share')),
        deficient: r.getAttribute('data-deficient') === 'true',
        streak: Number(r.getAttribute('data-streak')),
        ruleSetId: r.getAttribute('data-rule-set')!,
      })),
    );
    expect(bars).toHaveLength(30 * 36);
    for (const akasse of akasser)
      expect(bars.filter((b) => b.akasseId === akasse.akasseId)).toEqual(
        akasse.months.map((m) => ({
          akasseId: akasse.akasseId,
          month: m.month,
          share: m.share,
          deficient: m.deficient,
          streak: m.streak,
          ruleSetId: m.ruleSetId,
        })),
      );
    const highlighted = await page.$$eval('#chart-akasse-01 [data-streak-month]', (rects) =>
      rects.map((r) => r.getAttribute('data-streak-month')),
    );
    expect(highlighted).toEqual(expect.arrayContaining(monthsFromTo('2025-01', '2025-06')));
    expect(await page.$eval('#chart-akasse-01', (f) => f.classList.contains('flagged'))).toBe(
      akasser.find((a) => a.akasseId === 'akasse-01')!.flagged,
    );

    // The rule set in force per month, and its threshold drawn in each chart.
    const calendar = await page.$$eval('#rule-set-calendar rect', (rects) =>
      rects.map((r) => [r.getAttribute('data-month'), r.getAttribute('data-rule-set')]),
    );
    expect(calendar).toEqual(MONTHS.map((m) => [m, m >= '2026-07' ? 'R26-SUP-AKASSE' : 'C24-SUP-AKASSE']));
    const thresholds = await page.$$eval('#chart-akasse-02 line[data-threshold]', (lines) =>
      lines.map((l) => Number(l.getAttribute('data-threshold'))),
    );
    expect(thresholds).toEqual(MONTHS.map((m) => (m >= '2026-07' ? 25 : 20)));
    expect(await page.textContent('#rule-sets')).toContain('002 §13');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.click('#sort-share'); // back to the highest share first
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    await page.close();
  });
});
