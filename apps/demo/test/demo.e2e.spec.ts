/**
 * `npm run demo` as a newcomer meets it (issue #20): the demo's figures checked through the API, then a real
 * browser signs in on the development page, reads the dashboard in Danish and English, sorts it, downloads a
 * table, signs out and is refused; an a-kasse caseworker follows the drill-down to the persons behind a month.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../../test/support/browser';
import { readDevKey, signToken, type TokenClaims } from '@app/auth';

jest.setTimeout(600_000);

const ROOT = join(__dirname, '..', '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const PERSONS = 1200;
const OPEN = `demo-${PERSONS}`;
const OVERDUE = `demo-${PERSONS + 1}`;
const NUPH = `demo-${PERSONS + 2}`;

interface ApiMonth {
  month: string;
  ruleSetId: string;
  byRuleSet: Array<{ ruleSetId: string; population: number; numerator: number }>;
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
  flagged: boolean;
  deficientMonths: number;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('npm run demo, in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sagsforloeb-demo-'));
  let demo: ChildProcess;
  let output = '';
  let base: string;
  let browser: Browser;
  let akasser: ApiAkasse[];
  const tokenFor = (claims: TokenClaims) =>
    signToken(readDevKey(join(dataDir, 'events', 'dev-jwt-key.json')), claims);
  const get = async (path: string, claims: TokenClaims) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await tokenFor(claims)}` } });
  const STAR: TokenClaims = { sub: 'analyst', role: 'star-analyst', org: 'star' };
  const caseworkerOf = (org: string): TokenClaims => ({ sub: `cw-${org}`, role: 'akasse-caseworker', org });

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    demo = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/demo/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DEMO_PERSONS: String(PERSONS),
          DEMO_DATA_DIR: dataDir,
          PORT: String(port),
          EVENTSTORE_PORT: String(await freePort()),
          // Ready means every projection has applied every event: the figures below are final.
          HEALTH_READY_MAX_LAG_EVENTS: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    demo.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    demo.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const started = Date.now();
    for (;;) {
      if (demo.exitCode !== null) throw new Error(`the demo exited:\n${output}`);
      if (output.includes('=== DEMO DATA')) {
        const ready = await fetch(`${base}/health/ready`).catch(() => undefined);
        if (ready?.ok) break;
      }
      if (Date.now() - started > 540_000)
        throw new Error(`the demo did not get ready:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const overview = (await (await get('/supervision/akasser?from=2024-01&to=2026-12', STAR)).json()) as {
      akasser: ApiAkasse[];
    };
    akasser = overview.akasser;
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo.once('exit', resolve));
      demo.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const akasse = (id: string) => akasser.find((a) => a.akasseId === id)!;

  describe('the figures it produces, through the API', () => {
    it('labels itself synthetic and tells the newcomer where to click', () => {
      expect(output).toContain('=== DEMO DATA (synthetic)');
      expect(output).toContain('None of them is a real person');
      expect(output).toContain(`In a browser: ${base}/dashboard`);
    });

    it('has a-kasser that hold every interview, some that slip, and one flagged after six deficient months', () => {
      expect(akasser.map((a) => a.akasseId).sort()).toEqual(
        ['akasse-3f', 'akasse-dana', 'akasse-fag', 'akasse-hk', 'akasse-ida', 'akasse-krifa'].sort(),
      );
      for (const id of ['akasse-3f', 'akasse-krifa'])
        expect(akasse(id)).toMatchObject({ numerator: 0, deficientMonths: 0 });
      for (const id of ['akasse-hk', 'akasse-fag']) {
        expect(akasse(id).deficientMonths).toBeGreaterThan(0);
        expect(akasse(id).months.some((m) => m.population > 0 && !m.deficient)).toBe(true);
      }
      // akasse-ida slips for its last 9 months of placements: six or more deficient months in a row up to now.
      const ida = akasse('akasse-ida');
      expect(ida.flagged).toBe(true);
      expect(ida.months.at(-1)).toMatchObject({ deficient: true, flagged: true });
      expect(ida.months.at(-1)!.streak).toBeGreaterThanOrEqual(6);
      expect(akasser.filter((a) => a.flagged).map((a) => a.akasseId)).toEqual(['akasse-ida']);
    });

    it('crosses the 2026-07-01 change: 2 interviews are deficient under C24 and enough under R26', () => {
      for (const a of akasser)
        for (const m of a.months)
          expect(m.ruleSetId).toBe(m.month >= '2026-07' ? 'R26-SUP-AKASSE' : 'C24-SUP-AKASSE');
      const dana = akasse('akasse-dana').months;
      const c24Months = dana.filter((m) => m.month >= '2026-04' && m.month <= '2026-06' && m.population > 0);
      expect(c24Months.some((m) => m.deficient)).toBe(true);
      // #18 item 3: from 2026-07 a month holds the periods placed before 2026-07-01, still C24's and below its 3
      // with 2 held, beside R26's, for whom 2 are enough (R26-RUNNING-CASES).
      const parts = (ruleSetId: string) =>
        dana
          .filter((m) => m.month >= '2026-07')
          .flatMap((m) => m.byRuleSet.filter((p) => p.ruleSetId === ruleSetId && p.population > 0));
      expect(parts('R26-SUP-AKASSE').length).toBeGreaterThan(0);
      expect(parts('R26-SUP-AKASSE').every((p) => p.numerator === 0)).toBe(true);
      const runningOn = parts('C24-SUP-AKASSE').filter((p) => p.numerator === p.population);
      expect(runningOn.length).toBeGreaterThan(0);
    });

    it('has persons in every phase: open, overdue, a NUPH awaiting notice, a corrected fact, an erased person', async () => {
      const worklist = async (kind: string) =>
        (await (
          await get(`/worklists/akasser/akasse-fag?kind=${kind}&pageSize=200`, caseworkerOf('akasse-fag'))
        ).json()) as {
          items: Array<{ personId: string }>;
        };
      expect((await worklist('open')).items.map((i) => i.personId)).toContain(OPEN);
      expect((await worklist('overdue')).items.map((i) => i.personId)).toContain(OVERDUE);
      const nuphs = (await (await get(`/persons/${NUPH}/nuphs`, caseworkerOf('akasse-hk'))).json()) as {
        nuphs: Array<{ personNotifiedOn: string | null }>;
      };
      expect(nuphs.nuphs).toEqual([expect.objectContaining({ personNotifiedOn: null })]);
      const history = (await (await get('/persons/demo-0/history', caseworkerOf('akasse-3f'))).json()) as {
        events: Array<{ type: string }>;
      };
      expect(history.events.map((e) => e.type)).toContain('FactCorrected');
      expect((await get('/persons/demo-1/deadlines', caseworkerOf('akasse-krifa'))).status).toBe(410);
    });
  });

  describe('in a browser', () => {
    let page: Page;
    beforeAll(async () => {
      page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'da-DK' });
    });
    afterAll(() => page.close());

    it('signs in on the development page and opens the dashboard in Danish: two clicks', async () => {
      await page.goto(`${base}/dashboard`);
      expect(new URL(page.url()).pathname).toBe('/auth/dev');
      expect(await page.textContent('.dev')).toContain('DEVELOPMENT SIGN-IN');
      await page.screenshot({ path: join(ARTIFACTS, 'demo-sign-in.png'), fullPage: true });
      await page.click('button[data-role="star-analyst"]');
      expect(new URL(page.url()).pathname).toBe('/dashboard');
      expect(await page.getAttribute('html', 'lang')).toBe('da');
      expect(await page.textContent('#overview-title')).toBe('Landsoversigt');
      const population = akasser.reduce((s, a) => s + a.population, 0);
      expect(await page.textContent('[data-national="population"]')).toBe(
        new Intl.NumberFormat('da-DK').format(population),
      );
      const ida = await page.textContent('#overview tr[data-id="akasse-ida"] [data-field="share"]');
      expect(ida).toBe(
        `${new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(akasse('akasse-ida').share * 100)} %`,
      );
      expect(await page.$('#overview tr[data-id="akasse-ida"] .flag')).not.toBeNull();
      expect(await page.textContent('#rule-sets')).toContain('R26-AK2');
      await page.screenshot({ path: join(ARTIFACTS, 'demo-dashboard-da.png'), fullPage: true });
    });

    it('sorts the overview by share', async () => {
      await page.click('#sort-share');
      const ascending = await page.$$eval('#overview tbody tr', (trs) =>
        trs.map((tr) => tr.getAttribute('data-id')),
      );
      expect(ascending).toEqual(
        [...akasser]
          .sort((a, b) => a.share - b.share || (a.akasseId < b.akasseId ? -1 : 1))
          .map((a) => a.akasseId),
      );
    });

    it('downloads the overview as a semicolon CSV with a byte-order mark', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-overview')]);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = text
        .slice(1)
        .trim()
        .split('\r\n')
        .map((r) => r.split(';'));
      expect(rows[0].slice(0, 3)).toEqual(['a-kasse', 'Population', 'Under kravet']);
      expect(
        rows
          .slice(1)
          .map((r) => r[0])
          .sort(),
      ).toEqual(akasser.map((a) => a.akasseId).sort());
      const ida = rows.find((r) => r[0] === 'akasse-ida')!;
      expect(ida.slice(1, 3).map(Number)).toEqual([
        akasse('akasse-ida').population,
        akasse('akasse-ida').numerator,
      ]);
    });

    it('switches to English', async () => {
      await page.click('#language');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('#overview-title')).toBe('National overview');
      await page.screenshot({ path: join(ARTIFACTS, 'demo-dashboard-en.png'), fullPage: true });
    });

    it('signs out, after which the dashboard is refused and asks to sign in', async () => {
      await page.click('#sign-out');
      expect(new URL(page.url()).pathname).toBe('/auth/signed-out');
      const response = await page.goto(`${base}/dashboard`);
      expect(new URL(page.url()).pathname).toBe('/auth/dev');
      expect(response!.request().redirectedFrom()?.redirectedFrom()?.url()).toBe(`${base}/dashboard`);
      expect(await page.$('#overview')).toBeNull();
    });

    it('as an a-kasse caseworker, follows the drill-down to the persons behind a deficient month, each access-logged', async () => {
      await page.click('button[data-role="akasse-caseworker"][data-org="akasse-ida"]');
      expect(new URL(page.url()).pathname).toBe('/dashboard/akasser/akasse-ida');
      const deficient = akasse('akasse-ida').months.find((m) => m.flagged)!;
      await page.click(`#months tr[data-month="${deficient.month}"] a.drill`);
      expect(new URL(page.url()).pathname).toBe(`/dashboard/akasser/akasse-ida/months/${deficient.month}`);
      const persons = await page.$$eval('#persons tbody tr', (trs) =>
        trs.map((tr) => tr.getAttribute('data-person')!),
      );
      expect(persons).toHaveLength(deficient.numerator);
      // Behind a deficient month: the a-kasse's interview count missed, under the person's own rule set.
      const deadlines = (await (
        await get(`/persons/${persons[0]}/deadlines`, caseworkerOf('akasse-ida'))
      ).json()) as {
        deadlines: Array<{ ruleId: string; status: string }>;
      };
      expect(deadlines.deadlines).toContainEqual(
        expect.objectContaining({ ruleId: expect.stringMatching(/^(C24-AK3|R26-AK2)$/), status: 'missed' }),
      );
      await page.screenshot({ path: join(ARTIFACTS, 'demo-drill-down.png'), fullPage: true });
      const log = (await (
        await get(`/persons/${persons[0]}/access-log`, caseworkerOf('akasse-ida'))
      ).json()) as {
        entries: Array<{ data?: { endpoint?: string }; endpoint?: string; actor?: { user: string } }>;
      };
      expect(JSON.stringify(log.entries)).toContain('GET /dashboard/akasser/:akasseId/months/:month');
      expect(JSON.stringify(log.entries)).toContain('dev-akasse-caseworker-of-akasse-ida');
      // Another a-kasse's page is refused to this caseworker.
      const other = await page.goto(`${base}/dashboard/akasser/akasse-3f`);
      expect(other!.status()).toBe(403);
      await page.click('#sign-out');
      expect(new URL(page.url()).pathname).toBe('/auth/signed-out');
    });

    it('as an auditor, reads a person’s timeline in Danish and English: the correction linked to the fact it changed, deadlines as of a day', async () => {
      await page.goto(`${base}/audit/persons/demo-0`);
      expect(new URL(page.url()).pathname).toBe('/auth/dev');
      await page.click('button[data-role="auditor"]');
      expect(new URL(page.url()).pathname).toBe('/audit/persons/demo-0');
      const correction = await page.$eval('#timeline line.changes', (l) => [
        l.getAttribute('data-from'),
        l.getAttribute('data-to'),
      ]);
      // The correction points at the interview it corrected, which names it in turn.
      expect(await page.getAttribute(`#events tr[id="ev-${correction[1]}"]`, 'data-type')).toBe(
        'JobInterviewHeld',
      );
      expect(await page.getAttribute('html', 'lang')).toBe('da');
      expect(await page.textContent(`#events tr[id="ev-${correction[1]}"]`)).toContain('rettet af');
      expect(await page.$$('#timeline line.derived-from')).not.toHaveLength(0); // the handover, from the hours behind it
      const history = (await (await get('/persons/demo-0/history', caseworkerOf('akasse-3f'))).json()) as {
        events: unknown[];
      };
      expect(await page.$$('#timeline circle.event')).toHaveLength(history.events.length);
      // The CV deadline: met now; open on the day before the CV was marked complete, as it stood then.
      const status = () =>
        page.$eval('#deadlines tr[data-rule="C24-CV"] [data-field="status"]', (td) => td.textContent);
      expect(await status()).toBe('opfyldt');
      // The Danish page writes `15. marts 2024` and keeps the ISO day in <time datetime>.
      const markedOn = await page.$eval(
        '#events tr[data-type="CvMarkedComplete"] td:nth-child(3) time',
        (time) => time.getAttribute('datetime')!,
      );
      const dayBefore = new Date(Date.parse(`${markedOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      await page.fill('input[name="asOf"]', dayBefore);
      await page.click('#when button');
      expect(new URL(page.url()).searchParams.get('asOf')).toBe(dayBefore);
      expect(await status()).toBe('åben');
      await page.screenshot({ path: join(ARTIFACTS, 'demo-audit-timeline.png'), fullPage: true });
      await page.click('#language');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(new URL(page.url()).searchParams.get('asOf')).toBe(dayBefore);
      expect(await status()).toBe('open');
      expect(await page.textContent(`#events tr[id="ev-${correction[1]}"]`)).toContain('corrected by');
      await page.screenshot({ path: join(ARTIFACTS, 'demo-audit-timeline-en.png'), fullPage: true });
      const log = (await (await get('/persons/demo-0/access-log', caseworkerOf('akasse-3f'))).json()) as {
        entries: unknown[];
      };
      expect(JSON.stringify(log.entries)).toContain('GET /audit/persons/:personId');
      expect(JSON.stringify(log.entries)).toContain('development: review of case handling');
      await page.click('#sign-out');
    });
  });
});
