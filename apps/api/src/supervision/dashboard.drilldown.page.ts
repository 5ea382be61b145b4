/**
 * The dashboard's drill-down pages: one a-kasse's months (STAR, auditors, its own caseworkers), and the persons
 * behind one month's numerator (its own caseworkers and auditors only, each person access-logged by the
 * controller). Server-rendered like the dashboard: no script, nothing fetched.
 */
import type { NumeratorCase, OrganisationSupervision } from '@app/supervision';
import { csvDataUrl } from './dashboard.csv';
import { downloadLink, esc, topBar, type Ctx, type DashboardMeta } from './dashboard.page';
import { Formats, TEXTS } from './dashboard.texts';

type PageMeta = Pick<DashboardMeta, 'lang' | 'query' | 'session'>;

const STYLE = `body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 24px 48px;color:#1d2430}
h1{font-size:20px;margin:20px 0 8px}.meta{color:#5b6575}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{padding:4px 10px;border-bottom:1px solid #e3e7ee;text-align:right}th:first-child,td:first-child{text-align:left}
thead th{background:#f4f6fa}tr.deficient td{color:#b3261e;font-weight:600}
.flag{background:#b3261e;color:#fff;border-radius:3px;padding:0 6px;font-size:12px}
.bar-top{display:flex;justify-content:flex-end;align-items:center;gap:14px;margin:8px 0 0;color:#5b6575}
.bar-top form{margin:0}.download{font-size:13px;margin:4px 0 8px}`;

function page(ctx: Ctx, meta: PageMeta, title: string, body: string): string {
  return `<!doctype html>
<html lang="${meta.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
${topBar(ctx, meta)}
<h1>${esc(title)}</h1>
${body}
</body>
</html>
`;
}

/**
 * A month judged under more than its own rule set (C24 periods running on after 2026-06 beside R26 ones,
 * R26-RUNNING-CASES): each rule set's numerator of its population, e.g. "C24-SUP-AKASSE 1/1 · R26-SUP-AKASSE 1/2".
 */
function partsOf(m: OrganisationSupervision['months'][number], f: Formats): string {
  if (m.byRuleSet.every((part) => part.ruleSetId === m.ruleSetId)) return '';
  const parts = m.byRuleSet.map(
    (part) => `${esc(part.ruleSetId)} ${f.count(part.numerator)}/${f.count(part.population)}`,
  );
  return ` <span class="meta" data-field="by-rule-set">(${parts.join(' · ')})</span>`;
}

/** One a-kasse's months; `drillDown` when the caller may see the persons behind a month. */
export function renderAkassePage(o: OrganisationSupervision, meta: PageMeta, drillDown: boolean): string {
  const ctx: Ctx = { t: TEXTS[meta.lang], f: new Formats(meta.lang) };
  const { t, f } = ctx;
  const id = o.organisationId;
  const href = (month: string) =>
    `/dashboard/akasser/${encodeURIComponent(id)}/months/${month}?lang=${meta.lang}`;
  const rows = o.months.map(
    (m) => `<tr data-month="${esc(m.month)}" class="${m.deficient ? 'deficient' : ''}">
<td>${drillDown && m.numerator > 0 ? `<a class="drill" href="${href(m.month)}">${esc(f.month(m.month))}</a>` : esc(f.month(m.month))}</td>
<td data-field="population">${f.count(m.population)}</td>
<td data-field="numerator">${f.count(m.numerator)}</td>
<td data-field="share">${f.percent(m.share)}</td>
<td>${m.required}</td>
<td>${m.deficient ? t.yes : t.no}</td>
<td data-field="streak">${f.count(m.streak)}${m.flagged ? ` <span class="flag">${esc(t.dialogue)}</span>` : ''}</td>
<td>${esc(m.ruleSetId)}${partsOf(m, f)}</td>
</tr>`,
  );
  const csv = csvDataUrl([
    t.csvMonthsColumns,
    ...o.months.map((m) => [
      m.month,
      m.population,
      m.numerator,
      f.csvPercent(m.share),
      m.required,
      m.deficient ? t.yes : t.no,
      m.streak,
      m.flagged ? t.yes : t.no,
      m.ruleSetId,
    ]),
  ]);
  const back =
    meta.session?.role === 'akasse-caseworker'
      ? ''
      : `<p><a href="/dashboard?lang=${meta.lang}">${esc(t.toOverview)}</a></p>`;
  return page(
    ctx,
    meta,
    t.akasseTitle(id),
    `${back}
<p class="meta">${esc(t.share)} ${f.percent(o.share)} ${esc(t.overPeriod)} · ${esc(t.deficientMonths)} ${f.count(o.deficientMonths)} · ${esc(t.currentStreak)} ${f.count(o.currentStreak)}${o.flagged ? ` <span class="flag">${esc(t.dialogue)}</span>` : ''}</p>
${downloadLink(ctx, 'download-months', `${id}-months.csv`, csv)}
<table id="months"><thead><tr>${[t.month, t.population, t.below, t.share, t.required, t.deficient, t.currentStreak, t.ruleSet].map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`,
  );
}

/** The persons of one month's numerator. */
export function renderNumeratorPage(
  akasseId: string,
  month: string,
  cases: readonly NumeratorCase[],
  meta: PageMeta,
): string {
  const ctx: Ctx = { t: TEXTS[meta.lang], f: new Formats(meta.lang) };
  const { t, f } = ctx;
  const columns = [t.person, t.benefitPeriod, t.group, t.interviewsHeld, t.required, t.ruleSet];
  const cells = (c: NumeratorCase) => [
    c.personId,
    c.benefitPeriodId,
    c.group,
    c.interviewsHeld,
    c.required,
    c.ruleSetId,
  ];
  const table =
    cases.length === 0
      ? `<p>${esc(t.noPersons)}</p>`
      : `${downloadLink(ctx, 'download-persons', `${akasseId}-${month}-persons.csv`, csvDataUrl([columns, ...cases.map(cells)]))}
<table id="persons"><thead><tr>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>
<tbody>
${cases
  .map(
    (c) =>
      `<tr data-person="${esc(c.personId)}">${cells(c)
        .map((v) => `<td>${esc(v)}</td>`)
        .join('')}</tr>`,
  )
  .join('\n')}
</tbody></table>`;
  return page(
    ctx,
    meta,
    t.personsTitle(akasseId, f.month(month)),
    `<p><a href="/dashboard/akasser/${encodeURIComponent(akasseId)}?lang=${meta.lang}">${esc(t.toAkasse(akasseId))}</a></p>
<p class="meta">${esc(t.personsNote)}</p>
${table}`,
  );
}
