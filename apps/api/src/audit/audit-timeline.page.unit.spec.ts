import type { HistoryEntry } from '@app/contact-process';
import type { Lang } from '../common/lang';
import { renderTimeline, type TimelineView } from './audit-timeline.page';

const entry = (over: Partial<HistoryEntry> & Pick<HistoryEntry, 'type' | 'eventId'>): HistoryEntry => ({
  revision: '0',
  position: '0',
  schemaVersion: 1,
  occurredAt: '2024-03-14T23:00:00.000Z', // the start of 2024-03-15 in Copenhagen
  recordedAt: '2024-03-15T09:00:00.000Z',
  actor: { organisation: 'akasse-3f', role: 'integration', user: 'system' },
  correlationId: null,
  causationId: null,
  data: {},
  derivedFrom: null,
  correctedBy: [],
  ...over,
});

const view = (lang: Lang): TimelineView => ({
  lang,
  personId: 'p-1',
  purpose: 'audit of 2024',
  asOf: '2024-04-01',
  knownAt: null,
  deadlines: {
    asOf: '2024-04-01' as never,
    knownAt: null,
    basedOnRevision: '2',
    regimes: [],
    owners: [
      {
        benefitPeriodId: 'bp-1',
        owner: 'akasse',
        since: '2024-03-01' as never,
        basis: 'placement',
        reason: 'placed on 2024-03-01',
      },
    ],
    obligations: [
      {
        key: 'C24-CV:bp-1',
        ruleId: 'C24-CV',
        ruleSetId: 'C24',
        benefitPeriodId: 'bp-1',
        owner: 'akasse',
        dueOn: '2024-03-18' as never,
        hourThreshold: null,
        required: null,
        fulfilledCount: null,
        fulfilledOn: null,
        windowClosesOn: null,
        waived: false,
        notApplicable: false,
        status: 'overdue',
        metBy: [],
        waivedBy: [],
        legalReference: 'LAB § 31',
        note: null,
      },
    ],
  },
  entries: [
    entry({
      type: 'JobInterviewHeld',
      eventId: 'interview',
      correctedBy: [
        {
          eventId: 'fix',
          type: 'FactCorrected',
          reason: 'wrong form',
          recordedAt: '2024-03-20T08:00:00.000Z',
        },
      ],
    }),
    entry({
      type: 'ContactProcessHandedOver',
      eventId: 'handover',
      derivedFrom: { ruleId: 'C24-HANDOVER', legalReference: 'LAB', facts: ['interview'] },
    }),
    entry({
      type: 'FactCorrected',
      eventId: 'fix',
      occurredAt: '2024-03-19T23:00:00.000Z',
      recordedAt: '2024-03-20T08:00:00.000Z',
      data: { correctedEventId: 'interview', reason: 'wrong form' },
    }),
  ],
});

describe('the auditor’s timeline page', () => {
  const html = renderTimeline(view('en'));

  it('dates each fact by the Danish day it happened, not the UTC date of its start', () => {
    expect(html).toMatch(
      /<tr id="ev-interview" data-type="JobInterviewHeld"><td>0<\/td><td>JobInterviewHeld<\/td><td>2024-03-15</,
    );
  });

  it('links a correction to the fact it changed, both ways, and a derived event to the facts behind it', () => {
    expect(html).toContain('<line class="changes" data-from="fix" data-to="interview"');
    expect(html).toContain('corrected by <a href="#ev-fix">fix</a> (wrong form)');
    expect(html).toContain('changes <a href="#ev-interview">intervie</a>');
    expect(html).toContain('<line class="derived-from" data-from="handover" data-to="interview"');
  });

  it('names the purpose the read was made for', () => {
    expect(html).toContain('Read for the purpose “audit of 2024”');
  });

  it('says who held each contact process on the chosen day, since when and why (#18 item 4)', () => {
    expect(html).toContain(
      '<tr data-period="bp-1"><td>bp-1</td><td data-field="owner">akasse</td><td>2024-03-01</td><td>placed on 2024-03-01</td></tr>',
    );
  });
});

describe('the auditor’s timeline page in Danish (the default)', () => {
  const html = renderTimeline(view('da'));

  it('says so, and offers the English page with the same days', () => {
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('<h1>Tidslinje for p-1</h1>');
    expect(html).toContain('<a id="language" lang="en" href="?asOf=2024-04-01&amp;lang=en">In English</a>');
    expect(html).toContain('<input type="hidden" name="lang" value="da">');
  });

  it('writes days in Danish, keeping the ISO day in the markup', () => {
    expect(html).toMatch(
      /<tr id="ev-interview" data-type="JobInterviewHeld"><td>0<\/td><td>JobInterviewHeld<\/td><td><time datetime="2024-03-15">15\. marts 2024<\/time>/,
    );
    expect(html).toContain('Frister, som de stod den 1. april 2024, som kendt nu.');
  });

  it('writes when each event was recorded in Danish time (CET/CEST), not UTC', () => {
    // 09:00 UTC on 15 March is 10.00 in Copenhagen (winter time).
    expect(html).toContain('<td>15. mar. 2024, 10.00.00</td>');
  });

  it('names statuses, owners, links and the purpose in Danish; the status code stays readable', () => {
    expect(html).toContain('<td data-field="status" data-status="overdue">overskredet</td>');
    expect(html).toContain('<td data-field="owner">a-kassen</td>');
    expect(html).toContain('placering<br><span class="reason" lang="en">placed on 2024-03-01</span>');
    expect(html).toContain('rettet af <a href="#ev-fix">fix</a> (wrong form)');
    expect(html).toContain('ændrer <a href="#ev-interview">intervie</a>');
    expect(html).toContain('afledt efter C24-HANDOVER af <a href="#ev-interview">intervie</a>');
    expect(html).toContain('Læst med formålet “audit of 2024”');
  });
});
