/**
 * Which streams are about one person, and which of their events' fields are personal. This lib owns the
 * identity streams; each process hands in its own catalogue (libs/contact-process: CONTACT_PROCESS_CATALOGUE),
 * so that personal data depends on no process.
 */
import { combinedCatalogue, type PersonalDataCatalogue } from './personal-data.codec';

/** One stream per person identified by CPR: the number (encrypted at rest) under the opaque id. */
export const personIdentityStream = (personId: string) => `person-identity-${personId}`;

const IDENTITY_PREFIX = personIdentityStream('');

export const IDENTITY_CATALOGUE: PersonalDataCatalogue = {
  personOf: (stream) =>
    stream.startsWith(IDENTITY_PREFIX) ? stream.slice(IDENTITY_PREFIX.length) : undefined,
  personalFields: (type) => (type === 'PersonIdentified' ? ['cpr'] : undefined),
};

/** The processes' catalogues with the identity streams': everything the store encrypts. */
export const withIdentity = (...processes: PersonalDataCatalogue[]): PersonalDataCatalogue =>
  combinedCatalogue(...processes, IDENTITY_CATALOGUE);
