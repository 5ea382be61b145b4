/**
 * Every fact type people record, by its declaration in its regime's folder. The type says one declaration per
 * fact type: a fact type added to the event union does not compile until it is declared. What used to be kept
 * by hand beside it — the list of recordable facts, the day field of each event, the personal-field catalogue,
 * the correctable facts and the command each becomes — is read from here.
 */
import { AV_FACTS } from './av/av.facts';
import { C24_DERIVED_EVENT_DAYS, C24_FACTS } from './c24/c24.facts';
import { G03_FACTS } from './g03/g03.facts';
import { HP_FACTS } from './hp/hp.facts';
import type { CorrectableEventType } from './contact-process.events';
import {
  personalFieldsOf,
  type AnyFactDeclaration,
  type CommandType,
  type FactDeclaration,
  type FactType,
} from './process/fact-declaration';
import { CORRECTION_FACTS, DERIVED_EVENT_DAYS, PROCESS_FACTS } from './process/process.facts';
import { R26_FACTS } from './r26/r26.facts';

export const FACT_DECLARATIONS: { readonly [T in FactType]: FactDeclaration<T> } = {
  ...PROCESS_FACTS,
  ...C24_FACTS,
  ...R26_FACTS,
  ...G03_FACTS,
  ...HP_FACTS,
  ...AV_FACTS,
  ...CORRECTION_FACTS,
};

/** The recordable fact types, in the registry's order (the API's enum and examples). */
export const FACT_TYPE_NAMES = Object.keys(FACT_DECLARATIONS) as FactType[];

export function isFactType(type: string): type is FactType {
  return Object.prototype.hasOwnProperty.call(FACT_DECLARATIONS, type);
}

/** The day of the events no one records, by regime. */
export const DERIVED_EVENT_DAY = { ...DERIVED_EVENT_DAYS, ...C24_DERIVED_EVENT_DAYS };

/**
 * The fields of each event type that hold personal data (stored encrypted under the person's key, unreadable
 * once the person is erased): those its declaration marks personal. Types without any are left out.
 */
export const PERSONAL_FIELDS: { readonly [T in FactType]?: readonly string[] } = Object.fromEntries(
  Object.values<AnyFactDeclaration>(FACT_DECLARATIONS)
    .map((declaration) => [declaration.type, personalFieldsOf(declaration)] as const)
    .filter(([, fields]) => fields.length > 0),
);

/**
 * The command that records each correctable fact, so that a corrected fact is decided as a new one would be
 * (`process/corrections.ts` reads it from here).
 */
export const COMMAND_FOR_FACT = Object.fromEntries(
  Object.values<AnyFactDeclaration>(FACT_DECLARATIONS)
    .filter((d) => d.type !== 'FactRetracted' && d.type !== 'FactCorrected')
    .map((d) => [d.type, d.command]),
) as { readonly [T in CorrectableEventType]: Exclude<CommandType, 'RetractFact' | 'CorrectFact'> };
