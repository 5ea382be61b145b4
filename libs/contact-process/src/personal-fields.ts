/**
 * The fields of the contact-process events that hold personal data: what describes the person (birth date,
 * education, children, residence) and every free text a caseworker wrote about them. They are stored encrypted
 * under the person's key and become unreadable when the person is erased. Dates, organisations, hours, ids and
 * the closed lists of reasons are not personal in themselves and stay readable, so deadlines and supervision
 * counts can still be explained for a case whose person is gone.
 *
 * Each fact's declaration says which of its fields are personal; a free-text field cannot be declared without
 * saying whether it is (see `process/fact-declaration.ts`), and the codec's spec checks no listed field is stored
 * plain. This catalogue is read from the declarations.
 */
export { PERSONAL_FIELDS } from './facts.registry';
