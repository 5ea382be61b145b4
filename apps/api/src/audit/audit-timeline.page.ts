/**
 * The auditor's timeline of one person (#19.6): every event on two axes — when it happened (valid time, x)
 * and when it was recorded (y) — with corrections and retractions linked to the fact they changed, derived
 * events linked to the facts behind them, and the deadlines as they stood on a chosen day, as known on a
 * chosen day. Server-rendered SVG and tables: no script, nothing fetched. Danish by default, English on
 * `?lang=en` or the browser's preference (`langOf`, as the dashboard); a status keeps its code in `data-status`
 * and a Danish day its ISO value in `<time datetime>`, so a reader of the markup needs neither language.
 */
import type { AsOfDeadlines, HistoryEntry } from '@app/contact-process';
import { copenhagenDateOf } from '@app/legal-time';
import type { Lang } from '../common/lang';
import { TIMELINE_TEXTS, TimelineFormats, type Kind, type TimelineTexts } from './audit-timeline.texts';

/** The day a fact happened, in Danish legal time (occurredAt is the start of that day in Copenhagen, in UTC). */
const validDay = (occurredAt: string): string => copenhagenDateOf(new Date(occurredAt));

const esc = (value: string | number) =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export interface TimelineView {
  personId: string;
  purpose: string | null;
  asOf: string;
  knownAt: string | null;
  entries: HistoryEntry[];
  deadlines: AsOfDeadlines;
  lang: Lang;
  signedIn?: { role: string; organisation: string };
}

/** What the parts of the page share: its words and formats, and the view. */
interface Page {
  view: TimelineView;
  t: TimelineTexts;
  f: TimelineFormats;
}

const COLOUR: Record<Kind, string> = {
  fact: '#4a78b5',
  derived: '#7d8796',
  correction: '#c77800',
  retraction: '#b3261e',
  erasure: '#1d2430',
};

function kindOf(e: HistoryEntry): Kind {
  if (e.type === 'FactCorrected') return 'correction';
  if (e.type === 'FactRetracted') return 'retraction';
  if (e.type === 'PersonErased') return 'erasure';
  return e.derivedFrom ? 'derived' : 'fact';
}

/** The event a correction or retraction changed (its own eventId), else null. */
function changedBy(e: HistoryEntry): string | null {
  const data = e.data as { correctedEventId?: string; retractedEventId?: string };
  return data.correctedEventId ?? data.retractedEventId ?? null;
}

const PLOT = { width: 920, height: 420, left: 120, right: 20, top: 16, bottom: 40 };
const day = (iso: string) => Date.parse(iso.slice(0, 10) + 'T00:00:00Z');
/** The end of a knownAt day, as the replay counts it (UTC midnight after; close enough for a guide line). */
const endOf = (date: string) => day(date) + 86_400_000 - 1;
/** Recorded time to the millisecond: facts recorded the same day still stand apart, in the order written. */
const recorded = (iso: string) => Date.parse(iso);

/** The plot's scales: valid days across, recorded instants up, each spanning at least a day. */
function scales(view: TimelineView) {
  const dated = view.entries.filter((e) => e.occurredAt !== null);
  const xs = dated.map((e) => day(validDay(e.occurredAt!))).concat(day(view.asOf));
  const ys = view.entries
    .map((e) => recorded(e.recordedAt))
    .concat(view.knownAt ? [endOf(view.knownAt)] : []);
  const span = (values: number[]) => {
    const min = Math.min(...values);
    const max = Math.max(...values);
    return { min, max: max === min ? min + 86_400_000 : max };
  };
  const X = span(xs);
  const Y = span(ys);
  const w = PLOT.width - PLOT.left - PLOT.right;
  const h = PLOT.height - PLOT.top - PLOT.bottom;
  const x = (t: number) => PLOT.left + ((t - X.min) / (X.max - X.min)) * w;
  const y = (t: number) => PLOT.top + h - ((t - Y.min) / (Y.max - Y.min)) * h;
  return { X, Y, w, h, x, y };
}
type Scales = ReturnType<typeof scales>;

/** Lines from each correction or retraction to what it changed, and from each derived event to its facts. */
function links(entries: HistoryEntry[], at: Map<string, { cx: number; cy: number }>): string {
  const lines: string[] = [];
  const line = (
    cls: string,
    from: string,
    to: string,
    a: { cx: number; cy: number },
    b: typeof a,
    style: string,
  ) =>
    `<line class="${cls}" data-from="${esc(from)}" data-to="${esc(to)}" x1="${a.cx.toFixed(1)}" y1="${a.cy.toFixed(1)}" x2="${b.cx.toFixed(1)}" y2="${b.cy.toFixed(1)}" ${style}/>`;
  for (const e of entries) {
    const from = e.eventId ? at.get(e.eventId) : undefined;
    if (!from) continue;
    const target = changedBy(e);
    const to = target ? at.get(target) : undefined;
    if (to)
      lines.push(
        line('changes', e.eventId!, target!, from, to, `stroke="${COLOUR[kindOf(e)]}" stroke-width="1.5"`),
      );
    for (const source of e.derivedFrom?.facts ?? []) {
      const s = at.get(source);
      if (s)
        lines.push(
          line('derived-from', e.eventId!, source, from, s, 'stroke="#b9c0cb" stroke-dasharray="3 3"'),
        );
    }
  }
  return lines.join('');
}

function dots({ view, t, f }: Page, at: Map<string, { cx: number; cy: number }>): string {
  return view.entries
    .map((e) => {
      const p = e.eventId ? at.get(e.eventId) : undefined;
      if (!p) return '';
      const kind = kindOf(e);
      const title = t.dotTitle(
        e.type,
        f.day(validDay(e.occurredAt!)),
        f.day(copenhagenDateOf(new Date(e.recordedAt))),
      );
      return `<a href="#ev-${esc(e.eventId!)}"><circle class="event ${kind}" data-event="${esc(e.eventId!)}" data-type="${esc(e.type)}" cx="${p.cx.toFixed(1)}" cy="${p.cy.toFixed(1)}" r="${kind === 'fact' ? 3.5 : 4.5}" fill="${COLOUR[kind]}"><title>${esc(title)}</title></circle></a>`;
    })
    .join('');
}

/** The dashed guides at the chosen valid day and, when given, the end of the known-at day. */
function guides(view: TimelineView, { x, y, w, h }: Scales): string {
  const asOf = x(day(view.asOf)).toFixed(1);
  const knownAt = view.knownAt ? y(endOf(view.knownAt)).toFixed(1) : null;
  return [
    `<line x1="${asOf}" x2="${asOf}" y1="${PLOT.top}" y2="${PLOT.top + h}" stroke="#1d2430" stroke-dasharray="6 3" data-guide="asOf"/>`,
    ...(knownAt
      ? [
          `<line x1="${PLOT.left}" x2="${PLOT.left + w}" y1="${knownAt}" y2="${knownAt}" stroke="#1d2430" stroke-dasharray="6 3" data-guide="knownAt"/>`,
        ]
      : []),
  ].join('');
}

function axisLabels(f: TimelineFormats, { X, Y, x, y }: Scales): string {
  return [0, 0.25, 0.5, 0.75, 1]
    .map((share) => {
      const tx = X.min + share * (X.max - X.min);
      const ty = Y.min + share * (Y.max - Y.min);
      const anchor = share === 0 ? 'start' : share === 1 ? 'end' : 'middle';
      return `<text x="${x(tx).toFixed(1)}" y="${PLOT.height - 22}" text-anchor="${anchor}">${esc(f.axisDay(new Date(tx).toISOString().slice(0, 10)))}</text><text x="${PLOT.left - 6}" y="${(y(ty) + 3).toFixed(1)}" text-anchor="end">${esc(f.axisInstant(new Date(ty).toISOString()))}</text>`;
    })
    .join('');
}

function plot(page: Page): string {
  const { view, t, f } = page;
  const s = scales(view);
  const at = new Map<string, { cx: number; cy: number }>();
  for (const e of view.entries)
    if (e.eventId && e.occurredAt)
      at.set(e.eventId, { cx: s.x(day(validDay(e.occurredAt))), cy: s.y(recorded(e.recordedAt)) });
  return `<svg id="timeline" width="${PLOT.width}" height="${PLOT.height}" role="img" aria-label="${esc(t.plotLabel)}">
<rect x="${PLOT.left}" y="${PLOT.top}" width="${s.w}" height="${s.h}" fill="#fafbfd" stroke="#e3e7ee"/>
${axisLabels(f, s)}<text x="${PLOT.left + s.w / 2}" y="${PLOT.height - 6}" text-anchor="middle">${esc(t.happenedAxis)}</text>
<text x="12" y="${PLOT.top + s.h / 2}" transform="rotate(-90 12 ${PLOT.top + s.h / 2})" text-anchor="middle">${esc(t.recordedAxis)}</text>
${guides(view, s)}${links(view.entries, at)}${dots(page, at)}
</svg>`;
}

const STYLE = `body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 24px 48px;color:#1d2430}
h1{font-size:20px;margin:20px 0 4px}h2{font-size:16px;margin:24px 0 8px}.meta{color:#5b6575}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}th,td{padding:3px 8px;border-bottom:1px solid #e3e7ee;text-align:left;vertical-align:top}
thead th{background:#f4f6fa}tr:target{background:#fff4d6}svg text{font-size:10px;fill:#5b6575}
.legend span{display:inline-block;margin-right:14px}.swatch{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px;vertical-align:-1px}
form{display:flex;gap:12px;align-items:end;margin:8px 0}label{display:flex;flex-direction:column;font-size:12px;color:#5b6575}
.bar-top{display:flex;justify-content:flex-end;gap:14px;margin:8px 0 0;color:#5b6575}.bar-top form{margin:0}.reason{color:#5b6575}`;

/** The bar above the page: the other language and, for a browser session, who is signed in and a sign-out. */
function barTop({ view, t }: Page): string {
  const other: Lang = view.lang === 'da' ? 'en' : 'da';
  const query = new URLSearchParams({
    asOf: view.asOf,
    ...(view.knownAt ? { knownAt: view.knownAt } : {}),
    lang: other,
  });
  const session = view.signedIn
    ? `<span id="signed-in">${esc(t.signedInAs(view.signedIn.role, view.signedIn.organisation))}</span><form method="post" action="/auth/signout"><button type="submit" id="sign-out">${esc(t.signOut)}</button></form>`
    : '';
  return `<div class="bar-top"><a id="language" lang="${other}" href="?${esc(query.toString())}">${esc(t.language)}</a>${session}</div>`;
}

/** The form choosing the days: it keeps the page's language. */
function whenForm({ view, t }: Page): string {
  return `<form method="get" id="when"><input type="hidden" name="lang" value="${view.lang}"><label>${esc(t.asOfField)}<input type="date" name="asOf" value="${esc(view.asOf)}"></label><label>${esc(t.knownAtField)}<input type="date" name="knownAt" value="${esc(view.knownAt ?? '')}"></label><button type="submit">${esc(t.show)}</button></form>`;
}

function legend(t: TimelineTexts): string {
  return `<p class="legend">${(Object.keys(COLOUR) as Kind[]).map((k) => `<span data-kind="${k}"><i class="swatch" style="background:${COLOUR[k]}"></i>${esc(t.kinds[k])}</span>`).join('')}<span>${esc(t.changesLegend)}</span><span>${esc(t.derivedLegend)}</span></p>`;
}

const head = (columns: readonly string[]) =>
  `<thead><tr>${columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>`;

/** Who holds each period's contact process: in Danish the basis in Danish, with the domain's reason as written. */
function owners({ view, t, f }: Page): string {
  const rows = view.deadlines.owners.map((o) => {
    const why =
      view.lang === 'en'
        ? esc(o.reason)
        : `${esc(t.basis[o.basis])}<br><span class="reason" lang="en">${esc(o.reason)}</span>`;
    return `<tr data-period="${esc(o.benefitPeriodId)}"><td>${esc(o.benefitPeriodId)}</td><td data-field="owner">${esc(t.owner[o.owner] ?? o.owner)}</td><td>${f.dayHtml(o.since)}</td><td>${why}</td></tr>`;
  });
  return `<h2>${esc(t.ownersTitle(f.day(view.asOf)))}</h2>
<table id="owners">${head(t.ownersColumns)}<tbody>
${rows.join('\n')}
</tbody></table>`;
}

function deadlines({ view, t, f }: Page): string {
  const rows = view.deadlines.obligations.map(
    (o) =>
      `<tr data-rule="${esc(o.ruleId)}"><td>${esc(o.ruleId)}</td><td data-field="status" data-status="${esc(o.status)}">${esc(t.status[o.status] ?? o.status)}</td><td>${o.dueOn ? f.dayHtml(o.dueOn) : '—'}</td><td>${esc(o.ruleSetId)}</td><td>${esc(o.legalReference)}</td></tr>`,
  );
  return `<h2>${esc(t.deadlinesTitle(f.day(view.asOf), view.knownAt ? f.day(view.knownAt) : null))}</h2>
<table id="deadlines">${head(t.deadlinesColumns)}<tbody>
${rows.join('\n')}
</tbody></table>`;
}

export function renderTimeline(view: TimelineView): string {
  const page: Page = { view, t: TIMELINE_TEXTS[view.lang], f: new TimelineFormats(view.lang) };
  const { t, f } = page;
  return `<!doctype html>
<html lang="${view.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.pageTitle(view.personId))}</title>
<style>
${STYLE}
</style></head>
<body>
${barTop(page)}
<h1>${esc(t.title(view.personId))}</h1>
<p class="meta">${esc(t.readFor(view.purpose ?? ''))} ${esc(t.deadlinesAsOf(f.day(view.asOf), view.knownAt ? f.day(view.knownAt) : null))}</p>
${whenForm(page)}
${legend(t)}
${plot(page)}
${owners(page)}
${deadlines(page)}
<h2>${esc(t.eventsTitle)}</h2>
<table id="events">${head(t.eventsColumns)}<tbody>
${view.entries.map((e) => eventRow(page, e)).join('\n')}
</tbody></table>
</body>
</html>
`;
}

function eventRow({ t, f }: Page, e: HistoryEntry): string {
  const links: string[] = [];
  const target = changedBy(e);
  if (target) links.push(`${esc(t.changes)} <a href="#ev-${esc(target)}">${esc(target.slice(0, 8))}</a>`);
  for (const c of e.correctedBy)
    links.push(
      `${esc(c.type === 'FactRetracted' ? t.retractedBy : t.correctedBy)} <a href="#ev-${esc(c.eventId)}">${esc(c.eventId.slice(0, 8))}</a> (${esc(c.reason)})`,
    );
  if (e.derivedFrom)
    links.push(
      `${esc(t.derivedBy(e.derivedFrom.ruleId))} ${esc(t.from)} ${e.derivedFrom.facts.map((s) => `<a href="#ev-${esc(s)}">${esc(s.slice(0, 8))}</a>`).join(', ')}`,
    );
  const id = e.eventId ?? `rev-${e.revision}`;
  const happened = e.occurredAt ? validDay(e.occurredAt) : null;
  return `<tr id="ev-${esc(id)}" data-type="${esc(e.type)}"><td>${esc(e.revision)}</td><td>${esc(e.type)}</td><td>${happened ? f.dayHtml(happened) : '—'}</td><td>${esc(f.recorded(e.recordedAt))}</td><td>${esc(e.actor ? `${e.actor.organisation}/${e.actor.role}` : '—')}</td><td>${links.join('; ')}</td></tr>`;
}
