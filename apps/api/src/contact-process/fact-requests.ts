/**
 * What a caseworker system may record: one request class per fact type, generated from the fact's declaration
 * in libs/contact-process (its regime's `<regime>.facts.ts`) and validated with class-validator at the edge.
 * The declaration says what each field holds; this file says how class-validator checks it.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import {
  FACT_DECLARATIONS,
  FACT_TYPE_NAMES,
  ORGANISATIONS,
  isCorrectableEventType,
  type AnyFactDeclaration,
  type Field,
  type FieldKind,
  type RecordCommand,
} from '@app/contact-process';
import { IsLocalDate, IsMonth, IsOpaqueId, isIdField, Nullable, Omittable } from '../common/validators';
import { CPR_REFUSAL, fieldsWithCpr } from '../identity/cpr';

/** Facts a person records, and so may retract or correct (not the corrections themselves). */
export function correctableFactTypes(): string[] {
  return FACT_TYPE_NAMES.filter(isCorrectableEventType);
}

function IsCorrectableFactType(): PropertyDecorator {
  return ValidateBy({
    name: 'isCorrectableFactType',
    validator: {
      validate: (value) => typeof value === 'string' && isCorrectableEventType(value),
      defaultMessage: () => `factType must be one of: ${correctableFactTypes().join(', ')}`,
    },
  });
}

/** Decorators applied together, in the order listed (as a decorator factory of several would). */
const together =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorate) => decorate(target, key));

/** The class-validator decorators of a field's shape, as they would be written above the property. */
function decoratorsOf(shape: FieldKind): PropertyDecorator[] {
  switch (shape.kind) {
    case 'date':
      return [IsLocalDate()];
    case 'month':
      return [IsMonth()];
    case 'boolean':
      return [IsBoolean()];
    case 'integer':
      return [IsInt(), Min(shape.min), Max(shape.max)];
    case 'decimal':
      return [
        IsNumber({ maxDecimalPlaces: shape.maxDecimalPlaces }),
        shape.min === 'positive' ? IsPositive() : Min(shape.min),
        Max(shape.max),
      ];
    case 'one-of':
      return [IsIn([...shape.values])];
    case 'id':
      return [IsOpaqueId()];
    case 'uuid':
      return [IsUUID()];
    case 'text':
      return [IsString(), Length(1, shape.maxLength)];
    case 'pattern':
      return [Matches(shape.pattern, shape.message === undefined ? undefined : { message: shape.message })];
    case 'text-list': {
      const entries = [
        IsArray(),
        ArrayMaxSize(shape.maxItems),
        IsString({ each: true }),
        Length(1, shape.maxLength, { each: true }),
      ];
      const atLeast = shape.minItems > 0 ? [ArrayMinSize(shape.minItems)] : [];
      // Min Plan's entries are one decorator with its minimum after it; other lists list theirs one by one.
      return shape.style === 'plan-entries'
        ? [together(...entries), ...atLeast]
        : [entries[0], ...atLeast, ...entries.slice(1)];
    }
    case 'id-list':
      return [IsArray(), ArrayMaxSize(shape.maxItems), IsOpaqueId({ each: true })];
    case 'one-of-list':
      return [
        IsArray(),
        ArrayMinSize(shape.minItems),
        ArrayMaxSize(shape.maxItems),
        IsIn([...shape.values], { each: true }),
      ];
    case 'correctable-fact-type':
      return [IsCorrectableFactType()];
    case 'corrected-fact-data':
      return [IsObject()];
    default: {
      const never: never = shape;
      throw new Error(`no validation for ${JSON.stringify(never)}`);
    }
  }
}

const PRESENCE: Record<Field<unknown>['presence'], PropertyDecorator[]> = {
  required: [],
  nullable: [Nullable()],
  omittable: [Omittable()],
  optional: [IsOptional()],
};

/** The request class of one fact type: its declared fields, each with its decorators. */
function requestClassOf(declaration: AnyFactDeclaration): new () => object {
  const RequestClass = class {};
  Object.defineProperty(RequestClass, 'name', { value: `${declaration.type}Request` });
  for (const [key, field] of Object.entries(declaration.fields)) {
    // Decorators written above a property apply bottom-up; applied so here, class-validator reports the same.
    [...PRESENCE[field.presence], ...decoratorsOf(field.shape)]
      .reverse()
      .forEach((decorate) => decorate(RequestClass.prototype, key));
  }
  return RequestClass;
}

type CommandType = RecordCommand['type'];

/**
 * Each recordable fact: its request data class, the command it becomes, an example for the docs, and who
 * records it in that example — all read from its declaration.
 */
export interface FactRequestType {
  data: new () => object;
  command: CommandType;
  example: object;
  recordedBy: 'akasse' | 'jobcenter';
}
export const FACT_TYPES: Readonly<Record<string, FactRequestType>> = Object.fromEntries(
  FACT_TYPE_NAMES.map((type): [string, FactRequestType] => {
    const declaration = FACT_DECLARATIONS[type];
    return [
      type,
      {
        data: requestClassOf(declaration),
        command: declaration.command,
        example: declaration.example,
        recordedBy: declaration.recordedBy,
      },
    ];
  }),
);

function messages(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${m}`),
    ...messages(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

const isCorrection = (factType: string) => factType === 'FactCorrected';

/**
 * Validates a fact's data as its type requires; a correction's `data` is validated as a fact of the type it
 * corrects. Returns the validated data, or the messages naming each bad field (prefixed with `data.`).
 */
export function validateFactData(
  factType: string,
  raw: unknown,
  prefix = 'data.',
): { data: Record<string, unknown> } | { errors: string[] } {
  const instance = plainToInstance(FACT_TYPES[factType].data, raw);
  const errors = messages(validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }), prefix);
  if (errors.length > 0) return { errors };
  const data = { ...instance } as Record<string, unknown>;
  if (isCorrection(factType)) {
    const inner = validateFactData(String(data.factType), data.data, `${prefix}data.`);
    if ('errors' in inner) return inner;
    data.data = inner.data;
  }
  const withCpr = textFieldsWithCpr(factType, instance, prefix);
  if (withCpr.length > 0) return { errors: withCpr.map((field) => `${field} ${CPR_REFUSAL}`) };
  return { data };
}

/**
 * A CPR number is accepted at POST /persons/identify only, never written into a fact: every string but the
 * ids (held to the id policy by IsOpaqueId) is read as free text, so a field added without a validator of
 * its own is still checked. A correction's inner data has been checked as its own fact.
 */
function textFieldsWithCpr(factType: string, instance: object, prefix: string): string[] {
  return Object.entries(instance).flatMap(([key, value]) =>
    isIdField(instance, key) || (isCorrection(factType) && key === 'data')
      ? []
      : fieldsWithCpr(value, `${prefix}${key}`),
  );
}

export class ActorRequest {
  @ApiProperty({ example: 'akasse-3f', description: 'The organisation recording the fact' })
  @IsOpaqueId()
  organisation!: string;

  @ApiProperty({ example: 'integration' })
  @IsString()
  @Length(1, 64)
  role!: string;

  @ApiProperty({ example: 'caseworker-system-1' })
  @IsString()
  @Length(1, 128)
  user!: string;
}

export class RecordFactRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'Chosen by the caller; a retry with the same id records nothing new',
  })
  @IsUUID()
  eventId!: string;

  @ApiProperty({ enum: FACT_TYPE_NAMES, example: 'JobInterviewHeld' })
  @IsIn(FACT_TYPE_NAMES)
  factType!: string;

  @ApiProperty({
    enum: ORGANISATIONS,
    description: 'Which kind of organisation records it (a-kasse or jobcentre)',
  })
  @IsIn(ORGANISATIONS)
  recordedBy!: 'akasse' | 'jobcenter';

  @ApiPropertyOptional({
    type: ActorRequest,
    description:
      'Optional: facts are recorded as the token’s caller (org, role, sub); when sent, it must equal that, else 403',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActorRequest)
  actor?: ActorRequest;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  correlationId?: string;

  @ApiPropertyOptional({
    example: '4',
    description: 'The revision of the person’s record last read, or "no_stream" for a new person',
  })
  @IsOptional()
  @Matches(/^(\d{1,18}|no_stream)$/, { message: 'expectedRevision must be a revision number or "no_stream"' })
  expectedRevision?: string;

  @ApiProperty({ description: 'The fact itself; its fields depend on factType (see the examples)' })
  @IsObject()
  data!: Record<string, unknown>;
}

export class RecordFactResponse {
  @ApiProperty({ example: [{ type: 'JobInterviewHeld', eventId: '0b6f1f7e-8a0b-4d5e-9d7e-2c6a0b9a1f00' }] })
  events!: Array<{ type: string; eventId: string }>;

  @ApiProperty({ description: 'True when this eventId was recorded before: nothing new was stored' })
  duplicate!: boolean;

  @ApiProperty({ example: '4', nullable: true })
  revision!: string | null;

  @ApiProperty({
    example: '18734',
    nullable: true,
    description:
      'Commit position of the recording in $all (null when nothing new was stored): send it as X-Min-Position on a read, through any instance, to read this write',
  })
  position!: string | null;
}
