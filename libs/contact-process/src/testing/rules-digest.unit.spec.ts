import { rulesDigestIds, rulesDigestPath } from './rules-digest';

describe('the law digest the rule catalogues are checked against', () => {
  describe('when RULES.md is not where it is looked for', () => {
    it('fails, naming the path, instead of letting a catalogue be compared with itself', () => {
      expect(() => rulesDigestPath({ RULES_MD: '/nowhere/RULES.md' })).toThrow(
        /RULES\.md is missing \(looked for \/nowhere\/RULES\.md\)/,
      );
    });
  });

  describe('when it is found', () => {
    it('reads the ids heading its table rows', () => {
      expect(rulesDigestIds('C24')).toContain('C24-FIRST');
    });

    it('fails for a regime it lists no ids of', () => {
      expect(() => rulesDigestIds('XYZ')).toThrow(/lists no XYZ rule ids/);
    });
  });
});
