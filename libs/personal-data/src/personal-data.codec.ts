/**
 * Crypto-shredding at the event store's boundary: the personal fields of an event are taken out of its data
 * and stored as one AES-256-GCM ciphertext under the key of the person the stream is about. On read they are
 * put back — or, once the person's key was destroyed, read as null and the event is marked `erased`. Every
 * other field (dates, organisations, hours, ids) stays readable, so projections run over erased persons too.
 * A key the key store does not hold for a person never erased is an error (PersonKeyMissingError), not an erasure.
 *
 * Read models seal their working copy of a person's state the same way (`seal` / `open`), so an erasure makes
 * every copy unreadable — in the read-model files, their free pages, their backups.
 *
 * The stored form is self-describing (`$personal.fields` names what was taken out), so reading needs no
 * catalogue: an event written before a field was declared personal simply has it in the clear.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { EventDataCodec } from '@app/event-store';
import { PersonErasedError, PersonKeyMissingError, type KeyManagement } from './key-management';

/** Which streams are about one person, and which fields of which event types are personal. */
export interface PersonalDataCatalogue {
  /** The person a stream is about, or undefined for a stream about no one person. */
  personOf(streamName: string): string | undefined;
  /** The top-level data fields of an event type that hold personal data (none: stored as given). */
  personalFields(type: string): readonly string[] | undefined;
  /** The event type that records an erasure: reading it tells this process the person's key is gone. */
  erasureType?: string;
}

/** One catalogue from several (the first that knows a stream or type answers). */
export function combinedCatalogue(...catalogues: PersonalDataCatalogue[]): PersonalDataCatalogue {
  return {
    personOf: (stream) => firstDefined(catalogues, (c) => c.personOf(stream)),
    personalFields: (type) => firstDefined(catalogues, (c) => c.personalFields(type)),
    erasureType: catalogues.find((c) => c.erasureType)?.erasureType,
  };
}

function firstDefined<T>(
  catalogues: PersonalDataCatalogue[],
  ask: (c: PersonalDataCatalogue) => T | undefined,
): T | undefined {
  for (const catalogue of catalogues) {
    const answer = ask(catalogue);
    if (answer !== undefined) return answer;
  }
  return undefined;
}

/** The field an event's encrypted personal data is stored under. */
export const PERSONAL = '$personal';

interface Sealed {
  v: 1;
  fields: string[];
  iv: string;
  ciphertext: string;
  tag: string;
}

export class PersonalDataCodec implements EventDataCodec {
  constructor(
    private readonly keyring: KeyManagement,
    private readonly catalogue: PersonalDataCatalogue,
  ) {}

  async encode(event: {
    streamName: string;
    type: string;
    eventId: string;
    data: unknown;
  }): Promise<unknown> {
    const personId = this.catalogue.personOf(event.streamName);
    const declared = this.catalogue.personalFields(event.type);
    if (personId === undefined || !declared || !isRecord(event.data)) return event.data;
    const data = event.data;
    const fields = declared.filter((field) => data[field] !== undefined);
    if (fields.length === 0) return data;
    // Refuses (PersonErasedError) to write anything personal about a person who was erased.
    const key = await this.keyring.keyFor(personId);
    const plain: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(data)) {
      if (fields.includes(field)) plain[field] = value;
      else rest[field] = value;
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(associatedData(event.streamName, event.eventId));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    const sealed: Sealed = {
      v: 1,
      fields,
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
    return { ...rest, [PERSONAL]: sealed };
  }

  async prepare(events: ReadonlyArray<{ streamName: string }>): Promise<void> {
    const persons = new Set<string>();
    for (const { streamName } of events) {
      const personId = this.catalogue.personOf(streamName);
      if (personId !== undefined) persons.add(personId);
    }
    await this.keyring.prefetch(persons);
  }

  async decode(event: {
    streamName: string;
    type: string;
    eventId: string | undefined;
    data: unknown;
  }): Promise<{
    data: unknown;
    erased: boolean;
  }> {
    const personId = this.catalogue.personOf(event.streamName);
    if (personId === undefined) return { data: event.data, erased: false };
    if (event.type === this.catalogue.erasureType) this.keyring.forget(personId);
    const sealed = isRecord(event.data) ? (event.data[PERSONAL] as Sealed | undefined) : undefined;
    if (!sealed || !isRecord(event.data)) {
      return { data: event.data, erased: await this.keyring.isDestroyed(personId) };
    }
    const { [PERSONAL]: _sealed, ...rest } = event.data;
    void _sealed;
    const key = await this.keyring.find(personId);
    if (key === undefined) throw new PersonKeyMissingError(personId);
    if (key === 'destroyed') {
      return { data: { ...rest, ...Object.fromEntries(sealed.fields.map((f) => [f, null])) }, erased: true };
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(associatedData(event.streamName, event.eventId ?? ''));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]).toString('utf8');
    return { data: { ...rest, ...(JSON.parse(plain) as Record<string, unknown>) }, erased: false };
  }

  /**
   * Deterministic (the IV is a MAC of the text under a key of the person's own), so a rebuild writes the same
   * bytes as the live read model and "equals a fresh rebuild" still compares rows. What it gives away: whether two
   * copies of one person's state (two backups, say) are equal — nothing of what they say. Undefined: the person
   * was erased.
   */
  async seal(streamName: string, context: string, text: string): Promise<string | undefined> {
    const personId = this.personOfOrThrow(streamName);
    let key: Buffer;
    try {
      key = await this.keyring.keyFor(personId);
    } catch (error) {
      if (error instanceof PersonErasedError) return undefined;
      throw error;
    }
    const { encryption, iv: ivKey } = readModelKeys(key);
    const aad = Buffer.from(`${streamName}\u0000${context}`);
    const iv = createHmac('sha256', ivKey).update(aad).update(text, 'utf8').digest().subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', encryption, iv);
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  async open(streamName: string, context: string, sealed: string): Promise<string | undefined> {
    if (!sealed.startsWith(SEALED_PREFIX)) return sealed;
    const personId = this.personOfOrThrow(streamName);
    const key = await this.keyring.find(personId);
    if (key === undefined) throw new PersonKeyMissingError(personId);
    if (key === 'destroyed') return undefined;
    const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', readModelKeys(key).encryption, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(`${streamName}\u0000${context}`));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }

  private personOfOrThrow(streamName: string): string {
    const personId = this.catalogue.personOf(streamName);
    if (personId === undefined)
      throw new Error(`stream ${streamName} is about no one person: nothing to seal under`);
    return personId;
  }
}

/** Marks a read model's sealed text (anything else is read as the plain text a store without a codec wrote). */
const SEALED_PREFIX = 'sealed.v1:';

/**
 * Keys of their own for read-model copies, derived from the person's key: never the events' key itself. Kept
 * beside the key object the keyring caches (and gone with it), since a rebuild seals and opens each person's
 * state once per batch.
 */
const derivedKeys = new WeakMap<Buffer, { encryption: Buffer; iv: Buffer }>();
function readModelKeys(key: Buffer): { encryption: Buffer; iv: Buffer } {
  const known = derivedKeys.get(key);
  if (known) return known;
  // HMAC as the key-derivation function: the person's key is 32 uniformly random bytes, so HKDF's extract step
  // adds nothing, and hkdfSync costs ten times an HMAC on a rebuild's first sight of each person.
  const derive = (info: string) => createHmac('sha256', key).update(info).digest();
  const keys = {
    encryption: derive('sagsforloeb/read-model/encrypt'),
    iv: derive('sagsforloeb/read-model/iv'),
  };
  derivedKeys.set(key, keys);
  return keys;
}

/** Binds a ciphertext to its stream and event: moved to another event, it does not open. */
const associatedData = (streamName: string, eventId: string) => Buffer.from(`${streamName}\u0000${eventId}`);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
