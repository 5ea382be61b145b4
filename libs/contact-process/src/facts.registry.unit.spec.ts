import { COMMAND_FOR_FACT, FACT_DECLARATIONS, FACT_TYPE_NAMES, PERSONAL_FIELDS } from './facts.registry';
import { OCCURRED_ON } from './contact-process.events';
import {
  date,
  declareFact,
  id,
  oneOf,
  omittable,
  text,
  type AnyFactDeclaration,
} from './process/fact-declaration';
import { ORGANISATIONS } from './process/process.facts';

describe('one declaration per fact', () => {
  it('is filed under its own type', () => {
    for (const [type, declaration] of Object.entries(FACT_DECLARATIONS)) expect(declaration.type).toBe(type);
  });

  it('declares every field its example sends, and gives every event its day', () => {
    for (const declaration of Object.values<AnyFactDeclaration>(FACT_DECLARATIONS))
      expect(Object.keys(declaration.fields)).toEqual(
        expect.arrayContaining(Object.keys(declaration.example)),
      );
    expect(Object.keys(OCCURRED_ON)).toEqual(
      expect.arrayContaining([
        ...FACT_TYPE_NAMES,
        'ContactProcessHandedOver',
        'DeadlineMissed',
        'PersonErased',
      ]),
    );
  });

  it('reads the correction mapping from the declarations: every fact but the corrections, to its own command', () => {
    expect(Object.keys(COMMAND_FOR_FACT)).toEqual(
      FACT_TYPE_NAMES.filter((t) => t !== 'FactRetracted' && t !== 'FactCorrected'),
    );
    expect(COMMAND_FOR_FACT.JobInterviewHeld).toBe('RecordJobInterview');
    expect(COMMAND_FOR_FACT.SubPeriodOneEndKnown).toBe('RecordSubPeriodOneEnd');
  });

  it('reads the personal-field catalogue from the declarations: free text is personal where declared so', () => {
    expect(PERSONAL_FIELDS.OfferRefused).toEqual(['reason']);
    expect(PERSONAL_FIELDS.FactCorrected).toEqual(['reason', 'data']);
    expect(PERSONAL_FIELDS.JobInterviewHeld).toBeUndefined();
  });

  it('does not compile a declaration that leaves a field out, or that forgets to say whether its text is personal', () => {
    const fields = { exemptedOn: date(), by: oneOf(ORGANISATIONS), ruleId: id() };
    const base = {
      command: 'ExemptFromInterviewDuty',
      recordedBy: 'akasse',
      occurredOn: () => null,
    } as const;
    const example = { ruleId: 'R26-AK2', exemptedOn: '2026-07-20', by: 'akasse', reason: 'x' } as const;
    const omitted = { ...fields, reason: omittable(text(2000, 'personal')) };
    const byAsText = { ...fields, reason: text(2000, 'personal'), by: text(9, 'not-personal') };
    const complete = { ...fields, reason: text(2000, 'personal') };
    // @ts-expect-error -- `reason` is not declared
    declareFact('InterviewDutyExempted', { ...base, fields, example });
    // @ts-expect-error -- free text must say whether it is personal
    declareFact('InterviewDutyExempted', { ...base, fields: { ...fields, reason: text(2000) }, example });
    // @ts-expect-error -- a field the fact requires cannot be left out of a request
    declareFact('InterviewDutyExempted', { ...base, fields: omitted, example });
    // @ts-expect-error -- a closed list is not free text
    declareFact('InterviewDutyExempted', { ...base, fields: byAsText, example });
    const declared = declareFact('InterviewDutyExempted', { ...base, fields: complete, example });
    expect(Object.keys(declared.fields)).toEqual(['exemptedOn', 'by', 'ruleId', 'reason']);
  });
});
