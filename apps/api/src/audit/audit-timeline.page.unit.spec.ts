import type { HistoryEntry } from '@app/contact-process';
import { renderTimeline } from './audit-timeline.page';

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

describe('the auditor’s timeline page', () => {
  const html = renderTimeline({
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
      obligations: [],
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
