import {
  assessMonths,
  C24_SUPERVISION_AKASSE,
  monthsFromTo,
  R26_SUPERVISION_AKASSE,
  ruleSetForMonth,
  type OrganisationSupervision,
  type SupervisionOverview,
} from '@app/supervision';
import { renderAkassePage } from './dashboard.drilldown.page';
import { renderDashboard } from './dashboard.page';
import { langOf } from './dashboard.texts';

const MONTHS = monthsFromTo('2026-05', '2026-08');

/** One a-kasse with 1,234 persons handed over in each month, 12.5 % of them below the requirement. */
function anOverview(): SupervisionOverview {
  const months = assessMonths(
    MONTHS.map((month) => ({
      organisationId: 'akasse-a',
      month,
      ruleSetId: ruleSetForMonth('akasse', month)!.id,
      population: 1234,
      numerator: Math.round(1234 * 0.125),
    })),
  ).map(({ organisationId: _, ...m }) => m);
  const population = 1234 * MONTHS.length;
  const numerator = months.reduce((s, m) => s + m.numerator, 0);
  const akasse: OrganisationSupervision = {
    organisationId: 'akasse-a',
    months,
    currentStreak: 0,
    flagged: false,
    latestMonth: '2026-08',
    deficientMonths: 0,
    population,
    numerator,
    share: 0.125,
  };
  return {
    measure: 'akasse',
    from: MONTHS[0],
    to: MONTHS[MONTHS.length - 1],
    calendar: MONTHS.map((month) => ({ month, ruleSetId: ruleSetForMonth('akasse', month)!.id })),
    ruleSets: [C24_SUPERVISION_AKASSE, R26_SUPERVISION_AKASSE],
    organisations: [akasse],
  };
}

const render = (lang: 'da' | 'en') =>
  renderDashboard(anOverview(), { generatedAt: '2026-09-01T10:00:00Z', checkpoint: '42', lang });

/** The CSV behind a download link, decoded from its data: URL. */
function csvOf(html: string, id: string): string {
  const href = new RegExp(
    `id="${id}" download="[^"]+" href="data:text/csv;charset=utf-8;base64,([^"]+)"`,
  ).exec(html)?.[1];
  if (!href) throw new Error(`no download link ${id}`);
  return Buffer.from(href, 'base64').toString('utf8');
}

describe('the STAR dashboard page', () => {
  describe('in Danish (the default)', () => {
    const html = render('da');

    it('says so, and labels the page in Danish', () => {
      expect(html).toContain('<html lang="da">');
      expect(html).toContain('<h2 id="overview-title">Landsoversigt</h2>');
      expect(html).toContain('STAR-tilsyn: a-kassernes jobsamtaler i de første 3 måneder');
    });

    it('writes numbers, shares and months as Danish does: 1.234, 12,5 %, juli 2026', () => {
      expect(html).toMatch(/data-field="population">4\.936</);
      expect(html).toMatch(/data-field="share">12,5 %</);
      expect(html).toMatch(/data-field="latestMonth">august 2026</);
      expect(html).toContain('Måneder fra maj 2026 til august 2026');
      expect(html).toContain('1. september 2026 kl. 12.00'); // the generation time, in Copenhagen
    });

    it('offers each table as a semicolon CSV in UTF-8 with a byte-order mark, decimals with a comma', () => {
      const overview = csvOf(html, 'download-overview');
      expect(overview.startsWith('\ufeffa-kasse;Population;Under kravet;Andel (%);')).toBe(true);
      expect(overview.split('\r\n')[1]).toBe('akasse-a;4936;616;12,5;2026-08;12,5;0;0;nej');
      const months = csvOf(html, 'download-months').split('\r\n');
      expect(months[0]).toBe(
        '\ufeffa-kasse;Måned;Population;Under kravet;Andel (%);Krævede samtaler;Utilstrækkelig;Stribe;Dialog;Regelsæt',
      );
      expect(months.slice(1, -1)).toEqual(
        MONTHS.map(
          (m) =>
            `akasse-a;${m};1234;154;12,5;${m >= '2026-07' ? 2 : 3};nej;0;nej;${m >= '2026-07' ? 'R26' : 'C24'}-SUP-AKASSE`,
        ),
      );
      expect(csvOf(html, 'download-rule-sets')).toContain(
        '\r\nR26-SUP-AKASSE;juli 2026 – august 2026;≥ 2 (R26-AK2);25 %;',
      );
    });
  });

  describe('in English', () => {
    const html = render('en');

    it('labels and formats in English: 4,936, 12.5 %, August 2026', () => {
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('National overview');
      expect(html).toMatch(/data-field="population">4,936</);
      expect(html).toMatch(/data-field="share">12\.5 %</);
      expect(html).toMatch(/data-field="latestMonth">August 2026</);
      expect(csvOf(html, 'download-overview').split('\r\n')[1]).toBe(
        'akasse-a;4936;616;12.5;2026-08;12.5;0;0;no',
      );
    });
  });

  it('names each rule set’s own requirement: the R26 row shows R26-AK2, the C24 row C24-AK3', () => {
    const row = (id: string) =>
      new RegExp(`<tr data-rule-set="${id}"[^]*?data-field="required">([^<]*)<`).exec(render('en'))?.[1];
    expect(row('C24-SUP-AKASSE')).toBe('≥ 3 (C24-AK3)');
    expect(row('R26-SUP-AKASSE')).toBe('≥ 2 (R26-AK2)');
  });

  describe('the language asked for', () => {
    it('is ?lang= first, then the preferred of da / en in Accept-Language, else Danish', () => {
      expect(langOf('en', 'da')).toBe('en');
      expect(langOf('da', 'en-US')).toBe('da');
      expect(langOf(undefined, 'en-US,en;q=0.9')).toBe('en');
      expect(langOf(undefined, 'da-DK,da;q=0.9,en;q=0.8')).toBe('da');
      expect(langOf(undefined, 'en;q=0.5,da;q=0.8')).toBe('da');
      expect(langOf(undefined, 'fr-FR,en;q=0.3')).toBe('en');
      expect(langOf(undefined, 'fr-FR')).toBe('da');
      expect(langOf(undefined, undefined)).toBe('da');
    });
  });
});

describe('an a-kasse’s months across 2026-07-01 (#18 item 3)', () => {
  const [month] = assessMonths([
    {
      organisationId: 'akasse-a',
      month: '2026-09',
      ruleSetId: 'R26-SUP-AKASSE',
      population: 3,
      numerator: 2,
      byRuleSet: [
        { ruleSetId: 'C24-SUP-AKASSE', population: 1, numerator: 1 },
        { ruleSetId: 'R26-SUP-AKASSE', population: 2, numerator: 1 },
      ],
    },
  ]).map(({ organisationId: _, ...m }) => m);
  const akasse: OrganisationSupervision = {
    organisationId: 'akasse-a',
    months: [month],
    currentStreak: 1,
    flagged: false,
    latestMonth: '2026-09',
    deficientMonths: 1,
    population: 3,
    numerator: 2,
    share: 2 / 3,
  };

  it('names each rule set’s part of a month that holds C24 periods running on beside R26 ones', () => {
    const html = renderAkassePage(akasse, { lang: 'en', query: {} }, false);
    expect(html).toContain(
      '<span class="meta" data-field="by-rule-set">(C24-SUP-AKASSE 1/1 · R26-SUP-AKASSE 1/2)</span>',
    );
  });

  it('adds nothing to a month judged under its own rule set alone', () => {
    const [own] = assessMonths([
      {
        organisationId: 'akasse-a',
        month: '2026-10',
        ruleSetId: 'R26-SUP-AKASSE',
        population: 4,
        numerator: 1,
      },
    ]).map(({ organisationId: _, ...m }) => m);
    const html = renderAkassePage({ ...akasse, months: [own] }, { lang: 'en', query: {} }, false);
    expect(html).not.toContain('by-rule-set');
  });
});
