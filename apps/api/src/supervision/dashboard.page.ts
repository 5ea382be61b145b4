/**
 * The STAR dashboard as one server-rendered HTML page: inline CSS, inline SVG charts and a few lines of inline
 * script to sort the overview table. Nothing is fetched: the page works offline and under a CSP that allows
 * no network at all. It shows only what the supervision read model holds, never a person.
 */
import type {
  OrganisationSupervision,
  SupervisedMonth,
  SupervisionOverview,
  SupervisionRuleSet,
} from '@app/supervision';

import { csvDataUrl } from './dashboard.csv';
import { Formats, TEXTS, type DashboardTexts, type Lang } from './dashboard.texts';

export interface DashboardMeta {
  generatedAt: string;
  /** Commit position the read model includes, null before its first event. */
  checkpoint: string | null;
  lang: Lang;
  /** The query of this page, for the link to the other language. */
  query?: Record<string, string | undefined>;
  /** Who signed in through the browser (shown with a sign-out button); absent for a bearer token. */
  session?: { role: string; organisation: string };
}

/** What the parts of the page share: the words and formats of its language. */
export interface Ctx {
  t: DashboardTexts;
  f: Formats;
}

export const esc = (value: string | number) =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A fixed colour per rule set, so the calendar, the legend and the charts agree. */
const RULE_SET_COLOURS = ['#dbe7f5', '#f6e3c6', '#d9efd9', '#eadcf2'];

export function renderDashboard(overview: SupervisionOverview, meta: DashboardMeta): string {
  const ctx: Ctx = { t: TEXTS[meta.lang], f: new Formats(meta.lang) };
  const { t, f } = ctx;
  const who = t.who[overview.measure];
  const colourOf = new Map(
    overview.ruleSets.map((r, i) => [r.id, RULE_SET_COLOURS[i % RULE_SET_COLOURS.length]]),
  );
  const organisations = [...overview.organisations].sort(
    (a, b) => b.share - a.share || cmp(a.organisationId, b.organisationId),
  );
  const population = organisations.reduce((s, o) => s + o.population, 0);
  const numerator = organisations.reduce((s, o) => s + o.numerator, 0);
  const flagged = organisations.filter((o) => o.flagged).length;
  const title = t.title[overview.measure];
  return `<!doctype html>
<html lang="${meta.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 24px 48px;color:#1d2430}
h1{font-size:20px;margin:20px 0 4px}h2{font-size:16px;margin:28px 0 8px}
.meta{color:#5b6575;margin:0 0 12px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{padding:4px 10px;border-bottom:1px solid #e3e7ee;text-align:right}
th:first-child,td:first-child{text-align:left}
thead th{background:#f4f6fa;position:sticky;top:0}
th[data-sort]{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
tr.deficient td.latest{color:#b3261e;font-weight:600}
.flag{background:#b3261e;color:#fff;border-radius:3px;padding:0 6px;font-size:12px}
.summary{display:flex;gap:28px;margin:8px 0 12px}.summary div b{display:block;font-size:20px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:14px}
figure{margin:0;border:1px solid #e3e7ee;border-radius:6px;padding:8px}
figure.flagged{border-color:#b3261e;box-shadow:0 0 0 1px #b3261e inset}
figcaption{display:flex;justify-content:space-between;font-weight:600;margin-bottom:4px}
.legend span{display:inline-block;margin-right:16px}
.swatch{display:inline-block;width:12px;height:12px;vertical-align:-2px;margin-right:4px;border:1px solid #9aa4b2}
svg text{font-size:10px;fill:#5b6575}
.bar-top{display:flex;justify-content:flex-end;align-items:center;gap:14px;margin:8px 0 0;color:#5b6575}
.bar-top form{margin:0}.download{font-size:13px;margin:4px 0 8px}
</style>
</head>
<body>
${topBar(ctx, meta)}
<h1>${esc(title)}</h1>
<p class="meta">${esc(t.meta(f.month(overview.from), f.month(overview.to), f.timestamp(meta.generatedAt), meta.checkpoint ?? '—'))}</p>
${renderRuleSets(overview, colourOf, ctx)}
<h2 id="overview-title">${esc(t.overviewTitle)}</h2>
<div class="summary" id="national">
<div>${esc(t.population)}<b data-national="population" data-value="${population}">${f.count(population)}</b></div>
<div>${esc(t.below)}<b data-national="numerator" data-value="${numerator}">${f.count(numerator)}</b></div>
<div>${esc(t.share)}<b data-national="share">${f.percent(population === 0 ? 0 : numerator / population)}</b></div>
<div>${esc(t.flaggedSummary(t.whoPlural[overview.measure]))}<b data-national="flagged" data-value="${flagged}">${f.count(flagged)}</b></div>
</div>
${downloadLink(ctx, 'download-overview', `${overview.measure}-overview-${overview.from}-${overview.to}.csv`, overviewCsv(organisations, who, ctx))}
<table id="overview" aria-describedby="overview-title">
<thead><tr>
<th data-sort="text" scope="col">${esc(who)}</th>
<th data-sort="number" scope="col">${esc(t.population)}</th>
<th data-sort="number" scope="col">${esc(t.below)}</th>
<th data-sort="number" scope="col" aria-sort="descending" id="sort-share">${esc(t.share)}</th>
<th data-sort="text" scope="col">${esc(t.latestMonth)}</th>
<th data-sort="number" scope="col">${esc(t.latestShare)}</th>
<th data-sort="number" scope="col">${esc(t.deficientMonths)}</th>
<th data-sort="number" scope="col">${esc(t.currentStreak)}</th>
</tr></thead>
<tbody>
${organisations.map((o) => overviewRow(o, ctx)).join('\n')}
</tbody>
</table>
<h2>${esc(t.chartsTitle(who))}</h2>
${downloadLink(ctx, 'download-months', `${overview.measure}-months-${overview.from}-${overview.to}.csv`, monthsCsv(organisations, who, ctx))}
<p class="legend"><span><i class="swatch" style="background:#4a78b5"></i>${esc(t.legend[0])}</span><span><i class="swatch" style="background:#b3261e"></i>${esc(t.legend[1])}</span><span><i class="swatch" style="background:#f3c9c6"></i>${esc(t.legend[2])}</span><span><i class="swatch" style="background:#1d2430;height:2px"></i>${esc(t.legend[3])}</span></p>
<div class="charts">
${organisations.map((o) => renderChart(o, overview, colourOf, ctx)).join('\n')}
</div>
<script>
(function () {
  var table = document.getElementById('overview');
  var headers = table.tHead.rows[0].cells;
  function key(row, i, kind) {
    var cell = row.cells[i];
    return kind === 'number' ? Number(cell.getAttribute('data-value')) : cell.getAttribute('data-value');
  }
  Array.prototype.forEach.call(headers, function (th, i) {
    th.addEventListener('click', function () {
      var kind = th.getAttribute('data-sort');
      var descending = th.getAttribute('aria-sort') !== 'descending';
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, i, kind), y = key(b, i, kind);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return (descending ? -order : order) || (a.getAttribute('data-id') < b.getAttribute('data-id') ? -1 : 1);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
</script>
</body>
</html>
`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function overviewRow(o: OrganisationSupervision, { t, f }: Ctx): string {
  const latest = o.months[o.months.length - 1];
  const id = esc(o.organisationId);
  return `<tr data-id="${id}" class="${latest?.deficient ? 'deficient' : ''}">
<td data-value="${id}"><a href="#chart-${id}">${id}</a>${o.flagged ? ` <span class="flag">${esc(t.dialogue)}</span>` : ''}</td>
<td data-value="${o.population}" data-field="population">${f.count(o.population)}</td>
<td data-value="${o.numerator}" data-field="numerator">${f.count(o.numerator)}</td>
<td data-value="${o.share}" data-field="share">${f.percent(o.share)}</td>
<td data-value="${esc(o.latestMonth ?? '')}" data-field="latestMonth">${o.latestMonth ? esc(f.month(o.latestMonth)) : '—'}</td>
<td class="latest" data-value="${latest?.share ?? 0}" data-field="latestShare">${latest ? f.percent(latest.share) : '—'}</td>
<td data-value="${o.deficientMonths}" data-field="deficientMonths">${f.count(o.deficientMonths)}</td>
<td data-value="${o.currentStreak}" data-field="currentStreak">${f.count(o.currentStreak)}</td>
</tr>`;
}

/** The bar above the page: who is signed in and a sign-out button (browser sessions), and the other language. */
export function topBar({ t }: Ctx, meta: Pick<DashboardMeta, 'lang' | 'query' | 'session'>): string {
  const other = meta.lang === 'da' ? 'en' : 'da';
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(meta.query ?? {}))
    if (value !== undefined && key !== 'lang') query.set(key, value);
  query.set('lang', other);
  const session = meta.session
    ? `<span id="signed-in">${esc(t.signedInAs(meta.session.role, meta.session.organisation))}</span><form method="post" action="/auth/signout"><button type="submit" id="sign-out">${esc(t.signOut)}</button></form>`
    : '';
  return `<div class="bar-top"><a id="language" lang="${other}" href="?${esc(query.toString())}">${esc(t.language)}</a>${session}</div>`;
}

export function downloadLink({ t }: Ctx, id: string, filename: string, href: string): string {
  return `<p class="download"><a id="${id}" download="${esc(filename)}" href="${href}">${esc(t.download)}</a></p>`;
}

function overviewCsv(organisations: readonly OrganisationSupervision[], who: string, { t, f }: Ctx): string {
  return csvDataUrl([
    [
      who,
      t.population,
      t.below,
      `${t.share} (%)`,
      t.latestMonth,
      `${t.latestShare} (%)`,
      t.deficientMonths,
      t.currentStreak,
      t.dialogue,
    ],
    ...organisations.map((o) => {
      const latest = o.months[o.months.length - 1];
      return [
        o.organisationId,
        o.population,
        o.numerator,
        f.csvPercent(o.share),
        o.latestMonth ?? '',
        latest ? f.csvPercent(latest.share) : '',
        o.deficientMonths,
        o.currentStreak,
        o.flagged ? t.yes : t.no,
      ];
    }),
  ]);
}

function monthsCsv(organisations: readonly OrganisationSupervision[], who: string, { t, f }: Ctx): string {
  return csvDataUrl([
    [who, ...t.csvMonthsColumns],
    ...organisations.flatMap((o) =>
      o.months.map((m) => [
        o.organisationId,
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
    ),
  ]);
}

function renderRuleSets(overview: SupervisionOverview, colourOf: Map<string, string>, ctx: Ctx): string {
  const { t, f } = ctx;
  const cell = 14;
  const months = overview.calendar;
  const width = months.length * cell + 2;
  const cells = months
    .map(
      (m, i) =>
        `<rect x="${i * cell + 1}" y="1" width="${cell - 1}" height="18" fill="${m.ruleSetId ? colourOf.get(m.ruleSetId) : '#fff'}" stroke="#9aa4b2" stroke-width="0.5" data-month="${esc(m.month)}" data-rule-set="${esc(m.ruleSetId ?? '')}"><title>${esc(f.month(m.month))}: ${esc(m.ruleSetId ?? t.noRuleSet)}</title></rect>` +
        (m.month.endsWith('-01') || i === 0
          ? `<text x="${i * cell + 1}" y="32">${esc(f.shortMonthName(m.month))}</text>`
          : ''),
    )
    .join('');
  const rows = overview.ruleSets.map((r) => ruleSetRow(r, overview, colourOf, ctx));
  const csv = csvDataUrl([t.ruleSetColumns, ...rows.map((r) => r.csv)]);
  return `<h2 id="rule-sets-title">${esc(t.ruleSetsTitle)}</h2>
<svg id="rule-set-calendar" width="${width + 40}" height="36" role="img" aria-label="${esc(t.calendarLabel)}">${cells}</svg>
${downloadLink(ctx, 'download-rule-sets', `rule-sets-${overview.from}-${overview.to}.csv`, csv)}
<table id="rule-sets" aria-describedby="rule-sets-title">
<thead><tr>${t.ruleSetColumns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((r) => r.html).join('\n')}
</tbody>
</table>`;
}

function ruleSetRow(
  r: SupervisionRuleSet,
  overview: SupervisionOverview,
  colourOf: Map<string, string>,
  { t, f }: Ctx,
): { html: string; csv: string[] } {
  const months = overview.calendar.filter((c) => c.ruleSetId === r.id).map((c) => c.month);
  const inView = months.length === 0 ? '' : `${f.month(months[0])} – ${f.month(months[months.length - 1])}`;
  // Each requirement under its own rule set's id: R26's count is R26-AK2, not the C24 rule it replaced.
  const required = Object.entries(r.requirements)
    .map(
      ([group, req]) =>
        `≥ ${req.required} (${group === 'standard' ? req.ruleId : `${group}, ${req.ruleId}`})`,
    )
    .join('; ');
  const dialogue =
    r.dialogueAfterDeficientMonths === null ? '—' : t.monthsInARow(r.dialogueAfterDeficientMonths);
  const verified = r.verified ? t.yes : `${t.no}${r.note ? `: ${r.note}` : ''}`;
  const cells = [
    r.id,
    inView,
    required,
    f.wholePercent(r.deficientAbovePercent),
    dialogue,
    r.legalReference,
    verified,
  ];
  const html = `<tr data-rule-set="${esc(r.id)}" title="${esc(r.source)}">
<td><i class="swatch" style="background:${colourOf.get(r.id)}"></i>${esc(r.id)}</td>
<td>${esc(inView)}</td>
<td data-field="required">${esc(required)}</td>
<td data-field="deficientAbovePercent">${esc(cells[3])}</td>
<td>${esc(dialogue)}</td>
<td>${esc(r.legalReference)}</td>
<td>${esc(verified)}</td>
</tr>`;
  return { html, csv: cells };
}

/** Months of a streak that reached the dialogue limit: the flagged month and the months before it in the run. */
function inFlaggedRun(months: readonly SupervisedMonth[]): Set<string> {
  const marked = new Set<string>();
  months.forEach((m, i) => {
    if (!m.flagged) return;
    for (let k = 0; k < m.streak && i - k >= 0; k++) marked.add(months[i - k].month);
  });
  return marked;
}

const CHART = { width: 520, height: 130, left: 34, top: 8, bottom: 22 };

function renderChart(
  o: OrganisationSupervision,
  overview: SupervisionOverview,
  colourOf: Map<string, string>,
  { t, f }: Ctx,
): string {
  const id = esc(o.organisationId);
  const calendar = overview.calendar;
  const plotWidth = CHART.width - CHART.left - 4;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const step = plotWidth / Math.max(1, calendar.length);
  const y = (share: number) => CHART.top + plotHeight * (1 - share);
  const byMonth = new Map(o.months.map((m) => [m.month, m]));
  const run = inFlaggedRun(o.months);
  const parts: string[] = [];
  // Grid: 0, 50 and 100 %.
  for (const share of [0, 0.5, 1])
    parts.push(
      `<line x1="${CHART.left}" x2="${CHART.width - 4}" y1="${y(share)}" y2="${y(share)}" stroke="#e3e7ee"/><text x="2" y="${y(share) + 3}">${f.wholePercent(share * 100)}</text>`,
    );
  calendar.forEach((c, i) => {
    const x = CHART.left + i * step;
    const m = byMonth.get(c.month);
    if (run.has(c.month))
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${CHART.top}" width="${step.toFixed(1)}" height="${plotHeight}" fill="#f3c9c6" data-streak-month="${esc(c.month)}"/>`,
      );
    // The threshold of the rule set in force in the month.
    const ruleSet = overview.ruleSets.find((r) => r.id === c.ruleSetId);
    if (ruleSet) {
      const ty = y(ruleSet.deficientAbovePercent / 100);
      parts.push(
        `<line x1="${x.toFixed(1)}" x2="${(x + step).toFixed(1)}" y1="${ty}" y2="${ty}" stroke="#1d2430" stroke-width="1.5" data-threshold="${ruleSet.deficientAbovePercent}"/>`,
      );
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${CHART.top + plotHeight + 1}" width="${step.toFixed(1)}" height="3" fill="${colourOf.get(ruleSet.id)}"/>`,
      );
    }
    if (m) {
      const top = y(m.share);
      // A month at 0 % keeps a sliver, so it reads differently from a month with no one handed over.
      const height = Math.max(1.5, CHART.top + plotHeight - top);
      const label =
        t.bar({
          month: f.month(c.month),
          numerator: f.count(m.numerator),
          population: f.count(m.population),
          required: m.required,
          share: f.percent(m.share),
          ruleSetId: m.ruleSetId,
          threshold: f.wholePercent(m.deficientAbovePercent),
        }) +
        (m.deficient ? t.barDeficient(m.streak) : '') +
        (m.flagged ? t.barFlagged : '');
      parts.push(
        `<rect class="bar" x="${(x + 1).toFixed(1)}" y="${(CHART.top + plotHeight - height).toFixed(1)}" width="${Math.max(1, step - 2).toFixed(1)}" height="${height.toFixed(1)}" fill="${m.deficient ? '#b3261e' : '#4a78b5'}" data-month="${esc(c.month)}" data-share="${m.share}" data-population="${m.population}" data-numerator="${m.numerator}" data-deficient="${m.deficient}" data-streak="${m.streak}" data-rule-set="${esc(m.ruleSetId)}"><title>${esc(label)}</title></rect>`,
      );
    }
    if (c.month.endsWith('-01') || c.month.endsWith('-07'))
      parts.push(
        `<text x="${x.toFixed(1)}" y="${CHART.height - 4}">${esc(f.shortMonthName(c.month))}</text>`,
      );
  });
  return `<figure id="chart-${id}" data-akasse="${id}" class="${o.flagged ? 'flagged' : ''}">
<figcaption><span>${overview.measure === 'akasse' ? `<a class="drill" href="/dashboard/akasser/${encodeURIComponent(o.organisationId)}?lang=${f.lang}">${id}</a>` : id}</span><span>${f.percent(o.share)} ${esc(t.overPeriod)} · ${esc(t.streak)} ${f.count(o.currentStreak)}${o.flagged ? ` <span class="flag">${esc(t.dialogue)}</span>` : ''}</span></figcaption>
<svg width="${CHART.width}" height="${CHART.height}" role="img" aria-label="${esc(t.chartLabel(o.organisationId))}">${parts.join('')}</svg>
</figure>`;
}
