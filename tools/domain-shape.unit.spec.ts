import { join } from 'node:path';
import { DOMAIN, REPOSITORY_ROOT, folderImports, longFunctions } from './domain-map';

const REGIMES = ['c24', 'r26', 't15', 'g03', 'hp', 'av'];

/**
 * Which regime applies which other regime's rules, by the law: T15 (the 2024 transition) and R26 (the rules
 * from 2026-07-01) run on C24's contact process; availability (AV) belongs to the action plans (HP), which read
 * G03's guidance dates and AV's situations.
 */
const APPLIES: Record<string, string[]> = {
  c24: [],
  r26: ['c24'],
  t15: ['c24'],
  g03: [],
  hp: ['av', 'g03'],
  av: ['hp'],
};

describe('the domain keeps the shape of one folder per regime', () => {
  const imports = folderImports();

  it('has a folder for each regime, the engine and what they share', () => {
    expect([...imports.keys()]).toEqual(expect.arrayContaining([...REGIMES, 'engine', 'process']));
  });

  it('has an engine that no regime owns: it imports no regime', () => {
    expect((imports.get('engine') ?? []).filter((folder) => REGIMES.includes(folder))).toEqual([]);
  });

  it.each(REGIMES)('lets %s import only the regimes whose rules it applies', (regime) => {
    const regimesImported = (imports.get(regime) ?? []).filter((folder) => REGIMES.includes(folder));
    expect(regimesImported.filter((folder) => !APPLIES[regime].includes(folder))).toEqual([]);
  });

  it('has no function over 80 lines in the domain libs', () => {
    const libs = ['contact-process', 'deadlines', 'supervision', 'legal-time'];
    const dirs = [DOMAIN, ...libs.slice(1).map((lib) => join(REPOSITORY_ROOT, 'libs', lib, 'src'))];
    expect(longFunctions(dirs, 80)).toEqual([]);
  });

  it('finds a long function when there is one (the check can fail)', () => {
    expect(longFunctions([join(__dirname, 'fixtures')], 80)).toEqual([
      expect.objectContaining({ name: 'tooLong', lines: 83 }),
    ]);
  });
});
