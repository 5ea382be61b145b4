/**
 * How a fact type is declared, once, in its regime's folder: the command it becomes, who records it, the day it
 * happened on, the shape of its data field by field (which the API turns into its class-validator request
 * class), which of those fields are personal, and an example for the API docs. The registry of every fact type
 * (`facts.registry.ts`) is typed so that a fact type without a declaration does not compile.
 *
 * The field shapes are plain data, not decorators: the domain states what a valid fact is, the API's edge
 * enforces it with class-validator.
 */
import type { LocalDate } from '@app/legal-time';
import type { ContactProcessCommand } from './commands';
import type { CorrectionCommand } from './corrections';
import type {
  CorrectableEvent,
  CorrectableEventType,
  ContactProcessEvent,
  ContactProcessEventType,
  DerivedEventType,
  Organisation,
} from '../contact-process.events';

/** Whether a field must be sent ('required') or may be left out of the request ('may-omit'). */
export type Presence = 'required' | 'may-omit';

/** What a field holds, as the API validates it. */
export type FieldKind =
  | { kind: 'date' }
  | { kind: 'month' }
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'decimal'; maxDecimalPlaces: number; min: number | 'positive'; max: number }
  | { kind: 'one-of'; values: ReadonlyArray<string | number> }
  | { kind: 'id' }
  | { kind: 'uuid' }
  | { kind: 'text'; maxLength: number }
  | { kind: 'pattern'; pattern: RegExp; message?: string }
  | {
      kind: 'text-list';
      minItems: number;
      maxItems: number;
      maxLength: number;
      style: 'plan-entries' | 'list';
    }
  | { kind: 'id-list'; maxItems: number }
  | { kind: 'one-of-list'; values: readonly string[]; minItems: number; maxItems: number }
  | { kind: 'correctable-fact-type' }
  | { kind: 'corrected-fact-data' };

/**
 * One field of a fact's data. `T` (the value it admits) and `P` are compile-time only: a declaration's fields
 * must each admit a value of the payload's own field type, and a field the payload requires cannot be left out.
 *
 * - `required`: sent, never null; `nullable`: sent, may be null ("not yet", "none");
 * - `omittable`: may be left out (unchanged / not recorded), never null; `optional`: left out or null.
 */
export interface Field<T, P extends Presence = Presence> {
  readonly shape: FieldKind;
  readonly presence: 'required' | 'nullable' | 'omittable' | 'optional';
  /** Stored encrypted under the person's key, unreadable once the person is erased. */
  readonly personal: boolean;
  readonly __value?: T;
  readonly __presence?: P;
}

/** Free text is personal or not by a decision written down at its declaration; codes, ids and dates are not. */
export type Personal = 'personal' | 'not-personal';

const field = <T>(shape: FieldKind, personal = false): Field<T, 'required'> => ({
  shape,
  presence: 'required',
  personal,
});

export const date = () => field<LocalDate>({ kind: 'date' });
export const month = () => field<string>({ kind: 'month' });
export const boolean = () => field<boolean>({ kind: 'boolean' });
export const integer = (min: number, max: number) => field<number>({ kind: 'integer', min, max });
export const decimal = (maxDecimalPlaces: number, min: number | 'positive', max: number) =>
  field<number>({ kind: 'decimal', maxDecimalPlaces, min, max });
export const oneOf = <const V extends string | number>(values: readonly V[]) =>
  field<V>({ kind: 'one-of', values });
/** An id of the caller's scheme, held to the id policy (no CPR number), never personal. */
export const id = () => field<string>({ kind: 'id' });
export const uuid = () => field<string>({ kind: 'uuid' });
/** Free text of 1–maxLength characters, held to the text policy (no CPR number). */
export const text = (maxLength: number, personal: Personal) =>
  field<string>({ kind: 'text', maxLength }, personal === 'personal');
/** A code written to a pattern (a section, a rule id): not free text, not personal. */
export const pattern = (regex: RegExp, message?: string) =>
  field<string>({ kind: 'pattern', pattern: regex, message });
/**
 * A list of short texts. 'plan-entries' (Min Plan's goals and efforts) and 'list' differ only in the order the
 * API reports their problems in, which the API's specs pin.
 */
export const textList = (
  maxLength: number,
  personal: Personal,
  {
    minItems = 0,
    maxItems = 50,
    style = 'list',
  }: { minItems?: number; maxItems?: number; style?: 'plan-entries' | 'list' } = {},
) => field<string[]>({ kind: 'text-list', minItems, maxItems, maxLength, style }, personal === 'personal');
export const idList = (maxItems: number) => field<string[]>({ kind: 'id-list', maxItems });
export const oneOfList = <const V extends string>(values: readonly V[], minItems: number, maxItems: number) =>
  field<V[]>({ kind: 'one-of-list', values, minItems, maxItems });
export const correctableFactType = () => field<CorrectableFactType>({ kind: 'correctable-fact-type' });
/** A correction's whole corrected fact: validated as a fact of its `factType`, and personal as a whole. */
export const correctedFactData = () => field<CorrectableEvent['data']>({ kind: 'corrected-fact-data' }, true);

/** Sent, but may be null. */
export const nullable = <T>(f: Field<T, 'required'>): Field<T | null, 'required'> => ({
  ...f,
  presence: 'nullable',
});
/** May be left out, never null. */
export const omittable = <T>(f: Field<T, 'required'>): Field<T, 'may-omit'> => ({
  shape: f.shape,
  personal: f.personal,
  presence: 'omittable',
});
/** May be left out or null. */
export const optional = <T>(f: Field<T, 'required'>): Field<T | null, 'may-omit'> => ({
  shape: f.shape,
  personal: f.personal,
  presence: 'optional',
});
/** A value that is not free text but still describes the person (a birth date, having children at home). */
export const personal = <T, P extends Presence>(f: Field<T, P>): Field<T, P> => ({ ...f, personal: true });

type OptionalKeys<D> = { [K in keyof D]-?: object extends Pick<D, K> ? K : never }[keyof D];

/** Every field of `D` declared, each admitting `D`'s value; the payload's optional fields may be left out. */
export type Fields<D> = {
  [K in keyof D]-?: Field<Exclude<D[K], undefined>, K extends OptionalKeys<D> ? Presence : 'required'>;
};

/** The facts people record (and may retract or correct): every event but the derived ones and the erasure. */
export type FactType = Exclude<ContactProcessEventType, DerivedEventType | 'PersonErased'>;
type CorrectableFactType = CorrectableEventType;

export type EventData<T extends ContactProcessEventType> = Extract<ContactProcessEvent, { type: T }>['data'];
/** The commands a recorded fact becomes (not the deadline evaluation, which records no fact of its own). */
type FactCommand = Exclude<ContactProcessCommand, { type: 'EvaluateDeadlines' }> | CorrectionCommand;
export type CommandType = FactCommand['type'];
export type CommandData<C extends CommandType> = Extract<FactCommand, { type: C }>['data'];

/** A value as it travels in JSON: dates are plain strings. */
export type Wire<T> = T extends LocalDate
  ? string
  : T extends ReadonlyArray<infer U>
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** What a fact type's declaration states, checked against its payload and its command. */
export interface FactDeclarationOf<T extends FactType, C extends CommandType> {
  /** The command the recorded fact becomes; the decider decides it against the person's state. */
  command: C;
  /** The kind of organisation that records it (in the API's examples; access decides who may). */
  recordedBy: Organisation;
  /** The day it happened on (valid time); null when it states none, and the day it is recorded is used. */
  occurredOn: (data: EventData<T>) => LocalDate | null;
  /** Its data, field by field, as the command takes it. */
  fields: Fields<CommandData<C>>;
  example: Wire<CommandData<C>>;
}

/** A declaration as the registry holds it: the payload-specific checks have been made where it was declared. */
export interface FactDeclaration<T extends FactType = FactType> {
  type: T;
  command: CommandType;
  recordedBy: Organisation;
  occurredOn: (data: EventData<T>) => LocalDate | null;
  fields: Readonly<Record<string, Field<unknown>>>;
  example: Readonly<Record<string, unknown>>;
}

/** Declares fact type `T`, becoming command `C`; the compiler checks its fields and example against both. */
export function declareFact<T extends FactType, C extends CommandType>(
  type: T,
  declaration: FactDeclarationOf<T, C>,
): FactDeclaration<T> {
  return {
    type,
    ...declaration,
    fields: declaration.fields as Record<string, Field<unknown>>,
    example: declaration.example as Record<string, unknown>,
  };
}

/** Any one fact type's declaration. */
export type AnyFactDeclaration = { [T in FactType]: FactDeclaration<T> }[FactType];

/** The names of a declaration's personal fields, in declaration order. */
export const personalFieldsOf = (declaration: Pick<FactDeclaration, 'fields'>): string[] =>
  Object.entries(declaration.fields)
    .filter(([, f]) => f.personal)
    .map(([name]) => name);
