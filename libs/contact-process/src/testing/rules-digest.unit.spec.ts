import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rulesDigestIds, rulesDigestPath } from './rules-digest';

const scratch = () => mkdtempSync(join(tmpdir(), 'rules-digest-'));

describe('the law digest the rule catalogues are checked against', () => {
  describe('when RULES.md is not where it is looked for', () => {
    it('fails, naming the path, instead of letting a catalogue be compared with itself', () => {
      expect(() => rulesDigestPath({ RULES_MD: '/nowhere/RULES.md' })).toThrow(
        /RULES\.md is missing \(looked for \/nowhere\/RULES\.md\)/,
      );
    });
  });

  describe('when neither the shared digest nor the repository copy exists', () => {
    it('fails, naming both places', () => {
      const dir = scratch();
      expect(() => rulesDigestPath({}, join(dir, 'shared.md'), join(dir, 'copy.md'))).toThrow(
        /RULES\.md is missing \(looked for .*shared\.md, .*copy\.md\)/,
      );
    });
  });

  describe('when only the repository copy exists (a machine with the clone alone)', () => {
    it('reads the copy', () => {
      const dir = scratch();
      writeFileSync(join(dir, 'copy.md'), '| C24-FIRST | x |\n');
      expect(rulesDigestPath({}, join(dir, 'shared.md'), join(dir, 'copy.md'))).toBe(join(dir, 'copy.md'));
    });
  });

  describe('when the repository copy differs from the shared digest', () => {
    it('fails, saying the copy is stale', () => {
      const dir = scratch();
      writeFileSync(join(dir, 'shared.md'), '| C24-FIRST | new |\n');
      writeFileSync(join(dir, 'copy.md'), '| C24-FIRST | old |\n');
      expect(() => rulesDigestPath({}, join(dir, 'shared.md'), join(dir, 'copy.md'))).toThrow(
        /copy\.md differs from the law digest/,
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
