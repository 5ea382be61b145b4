import { C24, HOUR_PARAMETERS, R26, readModelVersion, T15, type RuleSet } from '@app/contact-process';
import { DEADLINES_RULE_DATA, DeadlinesProjection, deadlinesSchemaVersion } from '@app/deadlines';
import {
  SUPERVISION_RULE_DATA,
  SupervisionProjection,
  supervisionSchemaVersion,
} from './supervision.projection';
import { SUPERVISION_RULE_SETS, type SupervisionRuleSet } from './supervision.rules';

/** A rule set with one parameter's value changed, as a new reading of the law would change it. */
const withParameter = (ruleSet: RuleSet, name: string, value: unknown): RuleSet => ({
  ...ruleSet,
  parameters: { ...ruleSet.parameters, [name]: { ...ruleSet.parameters[name], value } },
});
const replaced = <T>(list: readonly T[], from: T, to: T): T[] =>
  list.map((item) => (item === from ? to : item));

describe('read-model versions', () => {
  it('are what the projections are kept under, from their stored shape and the rule data they read', () => {
    const streams = {} as ConstructorParameters<typeof SupervisionProjection>[0];
    expect(new DeadlinesProjection(streams).schemaVersion).toBe(deadlinesSchemaVersion());
    expect(new SupervisionProjection(streams).schemaVersion).toBe(supervisionSchemaVersion());
    expect(Math.floor(deadlinesSchemaVersion() / 1_000_000)).toBe(13);
    expect(Math.floor(supervisionSchemaVersion() / 1_000_000)).toBe(6);
  });

  it('are the same for the same rule data, whatever the order of its keys', () => {
    expect(readModelVersion(3, { a: 1, b: [1, 2] })).toBe(readModelVersion(3, { b: [1, 2], a: 1 }));
    expect(readModelVersion(3, { a: 1 })).not.toBe(readModelVersion(4, { a: 1 }));
  });

  it('fit the integer column the versions are stored in', () => {
    expect(deadlinesSchemaVersion()).toBeLessThan(2 ** 31);
    expect(() => readModelVersion(2147, {})).toThrow(/storedShape/);
  });

  describe('when a parameter only the deadlines read changes (HP-MEET39 held within 4 → 6 weeks)', () => {
    const hp = DEADLINES_RULE_DATA.ruleSets.find((r) => r.id === 'HP')!;
    const deadlines = {
      ...DEADLINES_RULE_DATA,
      ruleSets: replaced(DEADLINES_RULE_DATA.ruleSets, hp, withParameter(hp, 'meetingHeldWithin', 6)),
    };

    it('rebuilds the deadlines', () => {
      expect(deadlinesSchemaVersion(deadlines)).not.toBe(deadlinesSchemaVersion());
    });

    it('does not rebuild supervision, which reads no HP rule', () => {
      expect(SUPERVISION_RULE_DATA.ruleSets.map((r) => r.id)).not.toContain('HP');
      expect(JSON.stringify(SUPERVISION_RULE_DATA)).not.toContain('HP-MEET39-HELD-WITHIN');
      expect(supervisionSchemaVersion(SUPERVISION_RULE_DATA)).toBe(supervisionSchemaVersion());
    });
  });

  describe('when a parameter only supervision reads changes (deficient above 20 % → 25 %)', () => {
    const [first] = SUPERVISION_RULE_SETS;
    const changed: SupervisionRuleSet = { ...first, deficientAbovePercent: 25 };
    const supervision = {
      ...SUPERVISION_RULE_DATA,
      supervision: replaced(SUPERVISION_RULE_SETS, first, changed),
    };

    it('rebuilds supervision and not the deadlines', () => {
      expect(supervisionSchemaVersion(supervision)).not.toBe(supervisionSchemaVersion());
      expect(deadlinesSchemaVersion(DEADLINES_RULE_DATA)).toBe(deadlinesSchemaVersion());
    });
  });

  describe('when a parameter both read changes (C24-SIX-MONTHS)', () => {
    const c24 = withParameter(C24, 'jobcentrePhaseMonths', 7);

    it('rebuilds both', () => {
      expect(
        deadlinesSchemaVersion({
          ...DEADLINES_RULE_DATA,
          ruleSets: replaced(DEADLINES_RULE_DATA.ruleSets, C24, c24),
        }),
      ).not.toBe(deadlinesSchemaVersion());
      expect(supervisionSchemaVersion({ ...SUPERVISION_RULE_DATA, ruleSets: [c24, T15, R26] })).not.toBe(
        supervisionSchemaVersion(),
      );
    });
  });

  describe('when the transition parameter both read changes (R26-RUNNING-CASES, #18 item 3)', () => {
    const r26 = withParameter(R26, 'governs', '2026-08-01');

    it('rebuilds both: the deadlines choose the regime by it, and supervision judges each case by that choice', () => {
      expect(
        deadlinesSchemaVersion({
          ...DEADLINES_RULE_DATA,
          ruleSets: replaced(DEADLINES_RULE_DATA.ruleSets, R26, r26),
        }),
      ).not.toBe(deadlinesSchemaVersion());
      expect(supervisionSchemaVersion({ ...SUPERVISION_RULE_DATA, ruleSets: [C24, T15, r26] })).not.toBe(
        supervisionSchemaVersion(),
      );
    });
  });

  it('read the closed lists of the rules they read: a G03 guidance trigger only the deadlines', () => {
    const tables = {
      ...DEADLINES_RULE_DATA.tables,
      G03: {
        ...DEADLINES_RULE_DATA.tables.G03,
        GUIDANCE_TRIGGERS: { ...DEADLINES_RULE_DATA.tables.G03.GUIDANCE_TRIGGERS, '§14': 'made up' },
      },
    };
    expect(deadlinesSchemaVersion({ ...DEADLINES_RULE_DATA, tables })).not.toBe(deadlinesSchemaVersion());
    expect(JSON.stringify(SUPERVISION_RULE_DATA)).not.toContain('GUIDANCE_TRIGGERS');
  });

  it('read a C24 closed list in both (a NUPH section)', () => {
    const C24 = { ...DEADLINES_RULE_DATA.tables.C24, NUPH_SECTIONS: new Set(['§151']) };
    expect(
      deadlinesSchemaVersion({ ...DEADLINES_RULE_DATA, tables: { ...DEADLINES_RULE_DATA.tables, C24 } }),
    ).not.toBe(deadlinesSchemaVersion());
    expect(
      supervisionSchemaVersion({
        ...SUPERVISION_RULE_DATA,
        tables: { ...SUPERVISION_RULE_DATA.tables, C24 },
      }),
    ).not.toBe(supervisionSchemaVersion());
  });

  it('read the hour parameters too', () => {
    const hours = {
      ...HOUR_PARAMETERS,
      AKASSE_PERIOD_HOURS: { ...HOUR_PARAMETERS.AKASSE_PERIOD_HOURS, version: 2 },
    };
    expect(deadlinesSchemaVersion({ ...DEADLINES_RULE_DATA, hours })).not.toBe(deadlinesSchemaVersion());
    expect(supervisionSchemaVersion({ ...SUPERVISION_RULE_DATA, hours })).not.toBe(
      supervisionSchemaVersion(),
    );
  });

  it('read the statuses an obligation can take: #18 item 7 adds `lapsed`, so the deadlines rebuild', () => {
    const before = DEADLINES_RULE_DATA.statuses.filter((s) => s !== 'lapsed');
    expect(DEADLINES_RULE_DATA.statuses).toContain('lapsed');
    expect(deadlinesSchemaVersion({ ...DEADLINES_RULE_DATA, statuses: before })).not.toBe(
      deadlinesSchemaVersion(),
    );
  });
});
