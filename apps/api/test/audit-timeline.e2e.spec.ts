/**
 * The auditor's timeline in a real browser, in both languages (#19 item 6, "browser-tested with screenshots in
 * both languages"): Danish by default, English by the link, by `?lang=en` or by a browser that prefers it; one
 * request each, nothing fetched; screenshots in test-artifacts/audit-timeline-{da,en}.png.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser } from '../../../test/support/browser';
import { as, createTestApp, fact, integrationOf, tokenFor } from './test-app';

jest.setTimeout(120_000);

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');
const PERSON = 'p-timeline-1';

describe('the auditor’s timeline in a real browser', () => {
  let app: INestApplication;
  let base: string;
  let browser: Browser;
  let auditor: Record<string, string>;
  let now = new Date('2024-03-05T09:00:00Z');

  /** A page as the auditor's browser, with its language preference; every request and failure noted. */
  async function open(url: string, options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
    const page = await context.newPage();
    await page.setExtraHTTPHeaders(auditor);
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('pageerror', (e) => failed.push(e.message));
    const response = await page.goto(`${base}${url}`, { waitUntil: 'load' });
    expect(response!.status()).toBe(200);
    return { page, requested, failed, close: () => context.close() };
  }
  const text = (page: Page, selector: string) => page.textContent(selector).then((t) => t?.trim());
  const statusOf = (page: Page, ruleId: string) =>
    page.$eval(`#deadlines tr[data-rule="${ruleId}"] [data-field="status"]`, (td) => [
      td.getAttribute('data-status'),
      td.textContent,
    ]);

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => now } });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const system = await as(app, integrationOf('akasse-3f'));
    const post = (body: object) => system.post(`/persons/${PERSON}/facts`).send(body).expect(201);
    await post(fact('PersonFactsRecorded'));
    await post(fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01', benefitPeriodId: 'bp-t1' }));
    await post(fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }));
    const interview = fact('JobInterviewHeld', { interviewId: 'i-t1', heldOn: '2024-03-05' });
    await post(interview);
    now = new Date('2024-03-12T09:00:00Z');
    await post(
      fact('FactCorrected', {
        correctedEventId: interview.eventId,
        factType: 'JobInterviewHeld',
        correctedOn: '2024-03-12',
        data: { ...interview.data, heldOn: '2024-03-06' },
      }),
    );
    const token = await tokenFor({ role: 'auditor', org: 'audit' });
    auditor = { authorization: `Bearer ${token}`, 'x-purpose': 'review of case handling in 2024' };
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('is Danish for a Danish browser: Danish headings, days, statuses and links, in one request', async () => {
    const url = `/audit/persons/${PERSON}?asOf=2024-03-20`;
    const { page, requested, failed, close } = await open(url, { locale: 'da-DK' });
    expect(requested).toEqual([`${base}${url}`]);
    expect(failed).toEqual([]);
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await text(page, 'h1')).toBe(`Tidslinje for ${PERSON}`);
    expect(await text(page, '.meta')).toContain('Frister, som de stod den 20. marts 2024, som kendt nu.');
    // The interview as corrected meets the first interview; its day in Danish, its ISO day in the markup.
    expect(await statusOf(page, 'C24-FIRST')).toEqual(['met', 'opfyldt']);
    const happened = '#events tr[data-type="JobInterviewHeld"] td:nth-child(3) time';
    expect(await page.getAttribute(happened, 'datetime')).toBe('2024-03-05');
    expect(await text(page, happened)).toBe('5. marts 2024');
    expect(await text(page, '#events tr[data-type="JobInterviewHeld"]')).toContain('rettet af');
    expect(await page.$$('#timeline line.changes')).toHaveLength(1);
    expect(await text(page, '#owners tr [data-field="owner"]')).toBe('a-kassen');
    await page.screenshot({ path: join(ARTIFACTS, 'audit-timeline-da.png'), fullPage: true });

    // The link to English keeps the chosen day.
    await page.click('#language');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-03-20');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await text(page, 'h1')).toBe(`Timeline of ${PERSON}`);
    expect(await statusOf(page, 'C24-FIRST')).toEqual(['met', 'met']);
    expect(await text(page, '#events tr[data-type="JobInterviewHeld"] td:nth-child(3)')).toBe('2024-03-05');
    expect(await text(page, '#events tr[data-type="JobInterviewHeld"]')).toContain('corrected by');
    await page.screenshot({ path: join(ARTIFACTS, 'audit-timeline-en.png'), fullPage: true });
    await close();
  });

  it('is English for a browser that prefers English, and Danish again on ?lang=da', async () => {
    const english = await open(`/audit/persons/${PERSON}`, { locale: 'en-GB' });
    expect(await english.page.getAttribute('html', 'lang')).toBe('en');
    await english.close();
    const danish = await open(`/audit/persons/${PERSON}?lang=da`, { locale: 'en-GB' });
    expect(await danish.page.getAttribute('html', 'lang')).toBe('da');
    await danish.close();
  });

  it('keeps its language when the auditor chooses another day', async () => {
    const { page, close } = await open(`/audit/persons/${PERSON}`, { locale: 'da-DK' });
    // The day before the first interview was due and held: open then.
    await page.fill('input[name="asOf"]', '2024-03-04');
    await page.click('#when button');
    const chosen = new URL(page.url()).searchParams;
    expect([chosen.get('asOf'), chosen.get('lang')]).toEqual(['2024-03-04', 'da']);
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await statusOf(page, 'C24-FIRST')).toEqual(['open', 'åben']);
    await close();
  });
});
