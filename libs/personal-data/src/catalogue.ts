/** Which of Sagsforløb's streams are about one person, and which of their events' fields are personal. */
import { PERSONAL_FIELDS, personIdOfStream } from '@app/contact-process';
import { combinedCatalogue, type PersonalDataCatalogue } from './personal-data.codec';

/** One stream per person identified by CPR: the number (encrypted at rest) under the opaque id. */
export const personIdentityStream = (personId: string) => `person-identity-${personId}`;

const IDENTITY_PREFIX = personIdentityStream('');

const contactProcess: PersonalDataCatalogue = {
  personOf: personIdOfStream,
  personalFields: (type) => (PERSONAL_FIELDS as Record<string, readonly string[] | undefined>)[type],
  erasureType: 'PersonErased',
};

const identity: PersonalDataCatalogue = {
  personOf: (stream) =>
    stream.startsWith(IDENTITY_PREFIX) ? stream.slice(IDENTITY_PREFIX.length) : undefined,
  personalFields: (type) => (type === 'PersonIdentified' ? ['cpr'] : undefined),
};

export const SAGSFORLOEB_CATALOGUE: PersonalDataCatalogue = combinedCatalogue(contactProcess, identity);
