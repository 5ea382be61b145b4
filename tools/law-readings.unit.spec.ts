import { readFileSync } from 'node:fs';
import { C24, R26, RULE_SETS } from '@app/contact-process';
import {
  allReadings,
  incompleteReadings,
  LAW_READINGS_PAGE,
  lawReadingsPage,
  type Reading,
} from './law-readings';

// Issue #18: "the interpretations listed in one place with source, reading and verified". The page is generated
// from the rules' data, so a parameter changed, added or marked verified without regenerating it fails here.
describe('docs/law-readings.md', () => {
  it('is exactly what `npm run readings` writes from the rules’ data (run it after changing a parameter)', () => {
    expect(readFileSync(LAW_READINGS_PAGE, 'utf8')).toBe(lawReadingsPage());
  });

  it('lists every unverified parameter of every rule set under its own heading', () => {
    const headings = new Set(lawReadingsPage().match(/^### .+$/gm));
    const unverified = RULE_SETS.flatMap((ruleSet) => Object.values(ruleSet.parameters)).filter(
      (p) => !p.verified,
    );
    expect(unverified.length).toBeGreaterThan(0);
    expect(unverified.filter((p) => !headings.has(`### ${p.id}`)).map((p) => p.id)).toEqual([]);
  });

  it('lists R26’s parameters kept from C24 once, as read by both', () => {
    const kept = C24.parameters.controlRequestDue;
    expect(R26.parameters.controlRequestDue).toBe(kept);
    expect(allReadings().filter((r) => r.id === kept.id)).toEqual([
      expect.objectContaining({ readBy: ['R26', 'C24'] }),
    ]);
  });
});

describe('every parameter the rules are evaluated with', () => {
  const readings = allReadings();

  it('names its provision, its source and how we read it', () => {
    expect(readings.length).toBeGreaterThan(RULE_SETS.length);
    expect(incompleteReadings(readings)).toEqual([]);
  });

  it('has an id of its own: one id, one parameter', () => {
    const ids = readings.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('is reported when its reading or source is missing or blank', () => {
    const incomplete: Reading = { ...readings[0], id: 'X-MADE-UP', source: ' ', reading: '' };
    expect(incompleteReadings([...readings, incomplete])).toEqual([
      'X-MADE-UP: source',
      'X-MADE-UP: reading',
    ]);
  });
});
