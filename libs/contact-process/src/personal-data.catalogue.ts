import type { PersonalDataCatalogue } from '@app/personal-data';
import { personIdOfStream } from './contact-process.events';
import { PERSONAL_FIELDS } from './personal-fields';

/**
 * The contact process's personal data, as libs/personal-data reads it: each person's stream, the personal
 * fields of each event type, and the fact that erases the person. Handed to `protectPersonalData`.
 */
export const CONTACT_PROCESS_CATALOGUE: PersonalDataCatalogue = {
  personOf: personIdOfStream,
  personalFields: (type) => (PERSONAL_FIELDS as Record<string, readonly string[] | undefined>)[type],
  erasureType: 'PersonErased',
};
