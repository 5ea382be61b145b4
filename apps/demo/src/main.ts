/**
 * `npm run demo` — the service on its embedded defaults, in a folder of its own (`data/demo`), filled once with
 * a synthetic, clearly labelled demo population (several a-kasser, two years), so a newcomer sees worklists,
 * deadlines, Min Plans and STAR's dashboard at once. Every person in it is made up: ids `demo-<n>`, recorded
 * by the actor `demo/integration/demo-generator`.
 *
 * Env: DEMO_PERSONS (default 1500), DEMO_DATA_DIR (default data/demo); the service's own variables as usual.
 */
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import {
  CONTACT_PROCESS_CATALOGUE,
  contactProcessStream,
  occurredOn,
  SCHEMA_VERSION,
} from '@app/contact-process';
import { EventStore, type NewEvent } from '@app/event-store';
import { copenhagenDateOf, startOfDay } from '@app/legal-time';
import { personalDataSettingsFromEnv, protectPersonalData } from '@app/personal-data';
import { AKASSER, personEvents } from './population';

const PERSONS = Number(process.env.DEMO_PERSONS ?? 1500);
const dir = resolve(process.env.DEMO_DATA_DIR ?? join('data', 'demo'));
// The demo never writes into the service's own data folder.
process.env.EVENTSTORE_DATA_DIR ??= join(dir, 'events');
process.env.READ_MODEL_SQLITE_PATH ??= join(dir, 'read-models.sqlite');
process.env.EVENTSTORE_PORT ??= '2113';
const host = process.env.HOST ?? '127.0.0.1';
const base = `http://${host}:${process.env.PORT ?? 3000}`;
const actor = { organisation: 'demo', role: 'integration', user: 'demo-generator' };

async function demo(): Promise<void> {
  if (!Number.isInteger(PERSONS) || PERSONS < 1) throw new Error('DEMO_PERSONS must be a whole number ≥ 1');
  await import('../../api/src/main'); // starts the service, which prints its URLs
  await serviceUp();
  // Personal fields encrypted under each person's key, through the service's own keyring.
  const { store, keyring } = await protectPersonalData(
    EventStore.fromConnectionString(
      process.env.EVENTSTORE_CONNECTION_STRING ||
        `esdb://${process.env.EVENTSTORE_HOST ?? '127.0.0.1'}:${process.env.EVENTSTORE_PORT}?tls=false`,
    ),
    personalDataSettingsFromEnv(process.env, { embedded: !process.env.EVENTSTORE_CONNECTION_STRING }),
    CONTACT_PROCESS_CATALOGUE,
  );
  try {
    const seeded = (await store.readStream(contactProcessStream('demo-0'))).length > 0;
    if (!seeded) await seed(store);
  } finally {
    await store.close();
    await keyring.close();
  }
  process.stdout.write(
    [
      '',
      '=== DEMO DATA ===========================================================================',
      `  ${PERSONS.toLocaleString('en-US')} synthetic persons (demo-0 … demo-${PERSONS - 1}), ${AKASSER.length} a-kasser, placed in 2024,`,
      '  followed for up to two years. None of them is a real person.',
      `  data folder: ${dir} (delete it to start afresh)`,
      "  every request needs a token, signed by the demo's own development key:",
      `    export TOKEN=$(${tokenCommand('akasse-caseworker', AKASSER[0])})`,
      '  then try, with  curl -H "Authorization: Bearer $TOKEN" <url>:',
      `    ${base}/worklists/akasser/${AKASSER[0]}?kind=overdue`,
      `    ${base}/persons/demo-0/deadlines`,
      `    ${base}/persons/demo-0/min-plan`,
      `    ${base}/persons/demo-0/history`,
      "  and STAR's dashboard (one self-contained page: save it and open it in a browser):",
      `    curl -H "Authorization: Bearer $(${tokenCommand('star-analyst', 'star')})" ${base}/dashboard > dashboard.html`,
      '==========================================================================================',
      '',
    ].join('\n'),
  );
}

/** The shell command that mints a development token for the demo's service. */
function tokenCommand(role: string, org: string): string {
  return `EVENTSTORE_DATA_DIR=${process.env.EVENTSTORE_DATA_DIR} npm run -s token -- --role ${role} --org ${org}`;
}

async function serviceUp(): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the service did not answer at ${base}/health`);
}

/** Appends the population as the facts a caseworker system would have recorded, person by person. */
async function seed(store: EventStore): Promise<void> {
  const today = copenhagenDateOf(new Date());
  let next = 0;
  let events = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < PERSONS) {
        const index = next++;
        const batch: NewEvent[] = personEvents(index, { minPlan: true }, today).map((event) => ({
          type: event.type,
          schemaVersion: SCHEMA_VERSION,
          data: event.data,
          metadata: {
            eventId: randomUUID(),
            occurredAt: startOfDay(occurredOn(event, today)).toISOString(),
            actor,
            correlationId: randomUUID(),
            causationId: null,
          },
        }));
        await store.append(contactProcessStream(`demo-${index}`), batch, 'no_stream');
        events += batch.length;
      }
    }),
  );
  process.stdout.write(
    `demo: recorded ${events.toLocaleString('en-US')} facts of ${PERSONS} synthetic persons\n`,
  );
}

demo().catch((error: Error) => {
  process.stderr.write(`the demo could not start: ${error.message}\n`);
  process.exit(1);
});
