/**
 * The auditor's timeline of one person (#19.6): every event on two axes — when it happened (valid time, x)
 * and when it was recorded (y) — with corrections and retractions linked to the fact they changed, derived
 * events linked to the facts behind them, and the deadlines as they stood on a chosen day, as known on a
 * chosen day. Server-rendered SVG and tables: no script, nothing fetched.
 */
import type { AsOfDeadlines, HistoryEntry } from '@app/contact-process';
import { copenhagenDateOf } from '@app/legal-time';

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
  signedIn?: { role: string; organisation: string };
}

type Kind = 'fact' | 'derived' | 'correction' | 'retraction' | 'erasure';
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

const PLOT = { width: 900, height: 420, left: 100, right: 20, top: 16, bottom: 40 };
const day = (iso: string) => Date.parse(iso.slice(0, 10) + 'T00:00:00Z');
/** The end of a knownAt day, as the replay counts it (UTC midnight after; close enough for a guide line). */
const endOf = (date: string) => day(date) + 86_400_000 - 1;

export function renderTimeline(view: TimelineView): string {
  const dated = view.entries.filter((e) => e.occurredAt !== null);
  const xs = dated.map((e) => day(validDay(e.occurredAt!))).concat(day(view.asOf));
  // Recorded time to the millisecond: facts recorded the same day still stand apart, in the order written.
  const recorded = (iso: string) => Date.parse(iso);
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
  const at = new Map<string, { cx: number; cy: number }>();
  for (const e of view.entries)
    if (e.eventId && e.occurredAt)
      at.set(e.eventId, { cx: x(day(validDay(e.occurredAt))), cy: y(recorded(e.recordedAt)) });

  const links: string[] = [];
  for (const e of view.entries) {
    const from = e.eventId ? at.get(e.eventId) : undefined;
    if (!from) continue;
    const target = changedBy(e);
    const to = target ? at.get(target) : undefined;
    if (to)
      links.push(
        `<line class="changes" data-from="${esc(e.eventId!)}" data-to="${esc(target!)}" x1="${from.cx.toFixed(1)}" y1="${from.cy.toFixed(1)}" x2="${to.cx.toFixed(1)}" y2="${to.cy.toFixed(1)}" stroke="${COLOUR[kindOf(e)]}" stroke-width="1.5"/>`,
      );
    for (const source of e.derivedFrom?.facts ?? []) {
      const s = at.get(source);
      if (s)
        links.push(
          `<line class="derived-from" data-from="${esc(e.eventId!)}" data-to="${esc(source)}" x1="${from.cx.toFixed(1)}" y1="${from.cy.toFixed(1)}" x2="${s.cx.toFixed(1)}" y2="${s.cy.toFixed(1)}" stroke="#b9c0cb" stroke-dasharray="3 3"/>`,
        );
    }
  }
  const dots = view.entries
    .map((e) => {
      const p = e.eventId ? at.get(e.eventId) : undefined;
      if (!p) return '';
      const kind = kindOf(e);
      return `<a href="#ev-${esc(e.eventId!)}"><circle class="event ${kind}" data-event="${esc(e.eventId!)}" data-type="${esc(e.type)}" cx="${p.cx.toFixed(1)}" cy="${p.cy.toFixed(1)}" r="${kind === 'fact' ? 3.5 : 4.5}" fill="${COLOUR[kind]}"><title>${esc(`${e.type} · happened ${validDay(e.occurredAt!)} · recorded ${e.recordedAt.slice(0, 10)}`)}</title></circle></a>`;
    })
    .join('');
  const guides = [
    `<line x1="${x(day(view.asOf)).toFixed(1)}" x2="${x(day(view.asOf)).toFixed(1)}" y1="${PLOT.top}" y2="${PLOT.top + h}" stroke="#1d2430" stroke-dasharray="6 3" data-guide="asOf"/>`,
    ...(view.knownAt
      ? [
          `<line x1="${PLOT.left}" x2="${PLOT.left + w}" y1="${y(endOf(view.knownAt)).toFixed(1)}" y2="${y(endOf(view.knownAt)).toFixed(1)}" stroke="#1d2430" stroke-dasharray="6 3" data-guide="knownAt"/>`,
        ]
      : []),
  ].join('');
  const axisLabels = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const tx = X.min + f * (X.max - X.min);
      const ty = Y.min + f * (Y.max - Y.min);
      const d = (t: number) => new Date(t).toISOString().slice(0, 10);
      const dt = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');
      const anchor = f === 0 ? 'start' : f === 1 ? 'end' : 'middle';
      return `<text x="${x(tx).toFixed(1)}" y="${PLOT.height - 22}" text-anchor="${anchor}">${d(tx)}</text><text x="${PLOT.left - 6}" y="${(y(ty) + 3).toFixed(1)}" text-anchor="end">${dt(ty)}</text>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Timeline of ${esc(view.personId)} — audit</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 24px 48px;color:#1d2430}
h1{font-size:20px;margin:20px 0 4px}h2{font-size:16px;margin:24px 0 8px}.meta{color:#5b6575}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}th,td{padding:3px 8px;border-bottom:1px solid #e3e7ee;text-align:left;vertical-align:top}
thead th{background:#f4f6fa}tr:target{background:#fff4d6}svg text{font-size:10px;fill:#5b6575}
.legend span{display:inline-block;margin-right:14px}.swatch{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px;vertical-align:-1px}
form{display:flex;gap:12px;align-items:end;margin:8px 0}label{display:flex;flex-direction:column;font-size:12px;color:#5b6575}
.bar-top{display:flex;justify-content:flex-end;gap:14px;margin:8px 0 0;color:#5b6575}.bar-top form{margin:0}
</style></head>
<body>
${view.signedIn ? `<div class="bar-top"><span id="signed-in">Signed in as ${esc(view.signedIn.role)} (${esc(view.signedIn.organisation)})</span><form method="post" action="/auth/signout"><button type="submit" id="sign-out">Sign out</button></form></div>` : ''}
<h1>Timeline of ${esc(view.personId)}</h1>
<p class="meta">Read for the purpose “${esc(view.purpose ?? '')}” — this read is in the person’s access log. Deadlines as they stood on ${esc(view.asOf)}, ${view.knownAt ? `as known at the end of ${esc(view.knownAt)}` : 'as known now'}.</p>
<form method="get" id="when"><label>Deadlines as of (valid time)<input type="date" name="asOf" value="${esc(view.asOf)}"></label><label>As known at (recorded time)<input type="date" name="knownAt" value="${esc(view.knownAt ?? '')}"></label><button type="submit">Show</button></form>
<p class="legend">${(Object.keys(COLOUR) as Kind[]).map((k) => `<span><i class="swatch" style="background:${COLOUR[k]}"></i>${k}</span>`).join('')}<span>— a correction or retraction to the fact it changed</span><span>┄ a derived event to the facts behind it</span></p>
<svg id="timeline" width="${PLOT.width}" height="${PLOT.height}" role="img" aria-label="events by when they happened (across) and when they were recorded (up)">
<rect x="${PLOT.left}" y="${PLOT.top}" width="${w}" height="${h}" fill="#fafbfd" stroke="#e3e7ee"/>
${axisLabels}<text x="${PLOT.left + w / 2}" y="${PLOT.height - 6}" text-anchor="middle">happened (valid time) →</text>
<text x="12" y="${PLOT.top + h / 2}" transform="rotate(-90 12 ${PLOT.top + h / 2})" text-anchor="middle">recorded (recorded time) →</text>
${guides}${links.join('')}${dots}
</svg>
<h2>Who holds the contact process on ${esc(view.asOf)}</h2>
<table id="owners"><thead><tr><th>Benefit period</th><th>Held by</th><th>Since</th><th>Why</th></tr></thead><tbody>
${view.deadlines.owners.map((o) => `<tr data-period="${esc(o.benefitPeriodId)}"><td>${esc(o.benefitPeriodId)}</td><td data-field="owner">${esc(o.owner)}</td><td>${esc(o.since)}</td><td>${esc(o.reason)}</td></tr>`).join('\n')}
</tbody></table>
<h2>Deadlines on ${esc(view.asOf)}${view.knownAt ? `, as known at ${esc(view.knownAt)}` : ''}</h2>
<table id="deadlines"><thead><tr><th>Rule</th><th>Status</th><th>Due</th><th>Rule set</th><th>Legal reference</th></tr></thead><tbody>
${view.deadlines.obligations.map((o) => `<tr data-rule="${esc(o.ruleId)}"><td>${esc(o.ruleId)}</td><td data-field="status">${esc(o.status)}</td><td>${esc(o.dueOn ?? '—')}</td><td>${esc(o.ruleSetId)}</td><td>${esc(o.legalReference)}</td></tr>`).join('\n')}
</tbody></table>
<h2>Events</h2>
<table id="events"><thead><tr><th>#</th><th>Event</th><th>Happened</th><th>Recorded</th><th>By</th><th>Links</th></tr></thead><tbody>
${view.entries.map((e) => eventRow(e)).join('\n')}
</tbody></table>
</body>
</html>
`;
}

function eventRow(e: HistoryEntry): string {
  const links: string[] = [];
  const target = changedBy(e);
  if (target) links.push(`changes <a href="#ev-${esc(target)}">${esc(target.slice(0, 8))}</a>`);
  for (const c of e.correctedBy)
    links.push(
      `${c.type === 'FactRetracted' ? 'retracted' : 'corrected'} by <a href="#ev-${esc(c.eventId)}">${esc(c.eventId.slice(0, 8))}</a> (${esc(c.reason)})`,
    );
  if (e.derivedFrom)
    links.push(
      `derived by ${esc(e.derivedFrom.ruleId)} from ${e.derivedFrom.facts.map((f) => `<a href="#ev-${esc(f)}">${esc(f.slice(0, 8))}</a>`).join(', ')}`,
    );
  const id = e.eventId ?? `rev-${e.revision}`;
  return `<tr id="ev-${esc(id)}" data-type="${esc(e.type)}"><td>${esc(e.revision)}</td><td>${esc(e.type)}</td><td>${esc(e.occurredAt ? validDay(e.occurredAt) : '—')}</td><td>${esc(e.recordedAt.replace('T', ' ').slice(0, 19))}</td><td>${esc(e.actor ? `${e.actor.organisation}/${e.actor.role}` : '—')}</td><td>${links.join('; ')}</td></tr>`;
}
