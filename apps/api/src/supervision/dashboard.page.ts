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

export interface DashboardMeta {
  generatedAt: string;
  /** Commit position the read model includes, null before its first event. */
  checkpoint: string | null;
}

const esc = (value: string | number) =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** A fixed colour per rule set, so the calendar, the legend and the charts agree. */
const RULE_SET_COLOURS = ['#dbe7f5', '#f6e3c6', '#d9efd9', '#eadcf2'];

const WHO = { akasse: 'a-kasse', jobcentre: 'jobcentre' } as const;

export function renderDashboard(overview: SupervisionOverview, meta: DashboardMeta): string {
  const who = WHO[overview.measure];
  const colourOf = new Map(
    overview.ruleSets.map((r, i) => [r.id, RULE_SET_COLOURS[i % RULE_SET_COLOURS.length]]),
  );
  const organisations = [...overview.organisations].sort(
    (a, b) => b.share - a.share || cmp(a.organisationId, b.organisationId),
  );
  const population = organisations.reduce((s, o) => s + o.population, 0);
  const numerator = organisations.reduce((s, o) => s + o.numerator, 0);
  const flagged = organisations.filter((o) => o.flagged).length;
  const title =
    overview.measure === 'akasse'
      ? 'STAR supervision: the a-kasser’s job interviews in the first 3 months'
      : 'STAR follow-up: the jobcentres’ early effort after the handover';
  return `<!doctype html>
<html lang="en">
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
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">Months ${esc(overview.from)} to ${esc(overview.to)} · STAR tilsyn (002 §13) · generated ${esc(meta.generatedAt)} from the supervision read model at position ${esc(meta.checkpoint ?? 'none')}</p>
${renderRuleSets(overview, colourOf)}
<h2 id="overview-title">National overview</h2>
<div class="summary" id="national">
<div>Population<b data-national="population">${population}</b></div>
<div>Below requirement<b data-national="numerator">${numerator}</b></div>
<div>Share<b data-national="share">${percent(population === 0 ? 0 : numerator / population)}</b></div>
<div>${overview.measure === 'akasse' ? 'a-kasser' : 'jobcentres'} flagged (deficient months in a row)<b data-national="flagged">${flagged}</b></div>
</div>
<table id="overview" aria-describedby="overview-title">
<thead><tr>
<th data-sort="text" scope="col">${esc(who)}</th>
<th data-sort="number" scope="col">Population</th>
<th data-sort="number" scope="col">Below requirement</th>
<th data-sort="number" scope="col" aria-sort="descending" id="sort-share">Share</th>
<th data-sort="text" scope="col">Latest month</th>
<th data-sort="number" scope="col">Latest share</th>
<th data-sort="number" scope="col">Deficient months</th>
<th data-sort="number" scope="col">Current streak</th>
</tr></thead>
<tbody>
${organisations.map(overviewRow).join('\n')}
</tbody>
</table>
<h2>Monthly share against the threshold, per ${esc(who)}</h2>
<p class="legend"><span><i class="swatch" style="background:#4a78b5"></i>share of the month</span><span><i class="swatch" style="background:#b3261e"></i>deficient month</span><span><i class="swatch" style="background:#f3c9c6"></i>deficient months in a row that reached the dialogue limit</span><span><i class="swatch" style="background:#1d2430;height:2px"></i>threshold of the rule set in force</span></p>
<div class="charts">
${organisations.map((o) => renderChart(o, overview, colourOf)).join('\n')}
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

function overviewRow(o: OrganisationSupervision): string {
  const latest = o.months[o.months.length - 1];
  const id = esc(o.organisationId);
  return `<tr data-id="${id}" class="${latest?.deficient ? 'deficient' : ''}">
<td data-value="${id}"><a href="#chart-${id}">${id}</a>${o.flagged ? ' <span class="flag">dialogue</span>' : ''}</td>
<td data-value="${o.population}" data-field="population">${o.population}</td>
<td data-value="${o.numerator}" data-field="numerator">${o.numerator}</td>
<td data-value="${o.share}" data-field="share">${percent(o.share)}</td>
<td data-value="${esc(o.latestMonth ?? '')}" data-field="latestMonth">${esc(o.latestMonth ?? '—')}</td>
<td class="latest" data-value="${latest?.share ?? 0}" data-field="latestShare">${latest ? percent(latest.share) : '—'}</td>
<td data-value="${o.deficientMonths}" data-field="deficientMonths">${o.deficientMonths}</td>
<td data-value="${o.currentStreak}" data-field="currentStreak">${o.currentStreak}</td>
</tr>`;
}

function renderRuleSets(overview: SupervisionOverview, colourOf: Map<string, string>): string {
  const cell = 14;
  const months = overview.calendar;
  const width = months.length * cell + 2;
  const cells = months
    .map(
      (m, i) =>
        `<rect x="${i * cell + 1}" y="1" width="${cell - 1}" height="18" fill="${m.ruleSetId ? colourOf.get(m.ruleSetId) : '#fff'}" stroke="#9aa4b2" stroke-width="0.5" data-month="${esc(m.month)}" data-rule-set="${esc(m.ruleSetId ?? '')}"><title>${esc(m.month)}: ${esc(m.ruleSetId ?? 'no rule set')}</title></rect>` +
        (m.month.endsWith('-01') || i === 0 ? `<text x="${i * cell + 1}" y="32">${esc(m.month)}</text>` : ''),
    )
    .join('');
  const rows = overview.ruleSets.map((r) => ruleSetRow(r, overview, colourOf)).join('\n');
  return `<h2 id="rule-sets-title">Rule set in force per month</h2>
<svg id="rule-set-calendar" width="${width + 40}" height="36" role="img" aria-label="rule set in force per month">${cells}</svg>
<table id="rule-sets" aria-describedby="rule-sets-title">
<thead><tr><th scope="col">Rule set</th><th scope="col">Months in view</th><th scope="col">Required interviews</th><th scope="col">Deficient when share is above</th><th scope="col">Dialogue after</th><th scope="col">Legal reference</th><th scope="col">Verified</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function ruleSetRow(
  r: SupervisionRuleSet,
  overview: SupervisionOverview,
  colourOf: Map<string, string>,
): string {
  const months = overview.calendar.filter((c) => c.ruleSetId === r.id).map((c) => c.month);
  const required = Object.entries(r.requirements)
    .map(
      ([group, req]) => `${req.required} (${group === 'standard' ? req.ruleId : `${group}, ${req.ruleId}`})`,
    )
    .join('; ');
  return `<tr data-rule-set="${esc(r.id)}" title="${esc(r.source)}">
<td><i class="swatch" style="background:${colourOf.get(r.id)}"></i>${esc(r.id)}</td>
<td>${esc(months[0] ?? '')} – ${esc(months[months.length - 1] ?? '')}</td>
<td data-field="required">≥ ${esc(required)}</td>
<td data-field="deficientAbovePercent">${r.deficientAbovePercent} %</td>
<td>${r.dialogueAfterDeficientMonths === null ? '—' : `${r.dialogueAfterDeficientMonths} months in a row`}</td>
<td>${esc(r.legalReference)}</td>
<td>${r.verified ? 'yes' : `no${r.note ? `: ${esc(r.note)}` : ''}`}</td>
</tr>`;
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
      `<line x1="${CHART.left}" x2="${CHART.width - 4}" y1="${y(share)}" y2="${y(share)}" stroke="#e3e7ee"/><text x="2" y="${y(share) + 3}">${share * 100} %</text>`,
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
      const label = `${c.month}: ${m.numerator} of ${m.population} below ${m.required} interviews = ${percent(m.share)} (${m.ruleSetId}: deficient above ${m.deficientAbovePercent} %)${m.deficient ? ` — deficient, ${m.streak} in a row` : ''}${m.flagged ? ' — dialogue with the management' : ''}`;
      parts.push(
        `<rect class="bar" x="${(x + 1).toFixed(1)}" y="${(CHART.top + plotHeight - height).toFixed(1)}" width="${Math.max(1, step - 2).toFixed(1)}" height="${height.toFixed(1)}" fill="${m.deficient ? '#b3261e' : '#4a78b5'}" data-month="${esc(c.month)}" data-share="${m.share}" data-population="${m.population}" data-numerator="${m.numerator}" data-deficient="${m.deficient}" data-streak="${m.streak}" data-rule-set="${esc(m.ruleSetId)}"><title>${esc(label)}</title></rect>`,
      );
    }
    if (c.month.endsWith('-01') || c.month.endsWith('-07'))
      parts.push(`<text x="${x.toFixed(1)}" y="${CHART.height - 4}">${esc(c.month)}</text>`);
  });
  return `<figure id="chart-${id}" data-akasse="${id}" class="${o.flagged ? 'flagged' : ''}">
<figcaption><span>${id}</span><span>${percent(o.share)} over the period · streak ${o.currentStreak}${o.flagged ? ' <span class="flag">dialogue</span>' : ''}</span></figcaption>
<svg width="${CHART.width}" height="${CHART.height}" role="img" aria-label="${id}: monthly share against the threshold">${parts.join('')}</svg>
</figure>`;
}
