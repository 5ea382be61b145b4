/**
 * `npm run demo` — the service on its embedded defaults, in a folder of its own (`data/demo`), filled once with
 * a synthetic, clearly labelled demo population (apps/demo/src/demo-population.ts): six a-kasser that differ,
 * persons placed from 2024 across the 2026-07-01 change and in every phase, so a newcomer opens the dashboard
 * in a browser, signs in on the development page and sees deficient months and a flagged a-kasse. Every person
 * in it is made up: ids `demo-<n>`, recorded by the actor `demo/integration/demo-generator`.
 *
 * Env: DEMO_PERSONS (default 3000), DEMO_DATA_DIR (default data/demo); the service's own variables as usual.
 */
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import {
  CONTACT_PROCESS_CATALOGUE,
  contactProcessStream,
  occurredOn,
  SCHEMA_VERSION,
  type ContactProcessEvent,
} from '@app/contact-process';
import { EventStore, type NewEvent } from '@app/event-store';
import { copenhagenDateOf, startOfDay, type LocalDate } from '@app/legal-time';
import { personalDataSettingsFromEnv, protectPersonalData } from '@app/personal-data';
import { devKeyFileFromEnv, readDevKey, signToken } from '@app/auth';
import { DEMO_AKASSER, DEMO_SPECIALS, eventsOf, personCommands, specialCommands } from './demo-population';

const PERSONS = Number(process.env.DEMO_PERSONS ?? 3000);
const dir = resolve(process.env.DEMO_DATA_DIR ?? join('data', 'demo'));
// The demo never writes into the service's own data folder.
process.env.EVENTSTORE_DATA_DIR ??= join(dir, 'events');
process.env.READ_MODEL_SQLITE_PATH ??= join(dir, 'read-models.sqlite');
process.env.EVENTSTORE_PORT ??= '2113';
process.env.DEV_SIGN_IN_AKASSER ??= DEMO_AKASSER.map((a) => a.id).join(',');
const host = process.env.HOST ?? '127.0.0.1';
const base = `http://${host}:${process.env.PORT ?? 3000}`;
const actor = { organisation: 'demo', role: 'integration', user: 'demo-generator' };

/** Who is who among the persons made to show one phase each (printed, and checked by the demo's spec). */
export const specialIds = (persons: number) => ({
  open: `demo-${persons}`,
  overdue: `demo-${persons + 1}`,
  'nuph-awaiting-notice': `demo-${persons + 2}`,
  corrected: 'demo-0',
  erased: 'demo-1',
});

async function demo(): Promise<void> {
  if (!Number.isInteger(PERSONS) || PERSONS < 12) throw new Error('DEMO_PERSONS must be a whole number ≥ 12');
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
  let seeded = true;
  try {
    seeded = (await store.readStream(contactProcessStream('demo-0'))).length > 0;
    if (!seeded) await seed(store, copenhagenDateOf(new Date()));
  } finally {
    await store.close();
    await keyring.close();
  }
  if (!seeded) await throughTheApi();
  banner();
}

/** Appends the population as the facts a caseworker system would have recorded, person by person. */
async function seed(store: EventStore, today: LocalDate): Promise<void> {
  const persons: Array<{ id: string; events: ContactProcessEvent[] }> = [];
  for (let i = 0; i < PERSONS; i += 1)
    persons.push({ id: `demo-${i}`, events: eventsOf(personCommands(i, PERSONS, today), today) });
  DEMO_SPECIALS.forEach((kind, k) =>
    persons.push({
      id: `demo-${PERSONS + k}`,
      events: eventsOf(specialCommands(kind, PERSONS + k, today), today),
    }),
  );
  let next = 0;
  let events = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < persons.length) {
        const { id, events: facts } = persons[next++];
        if (facts.length === 0) continue; // placed after today
        const batch: NewEvent[] = facts.map((event) => ({
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
        await store.append(contactProcessStream(id), batch, 'no_stream');
        events += batch.length;
      }
    }),
  );
  process.stdout.write(
    `demo: recorded ${events.toLocaleString('en-US')} facts of ${persons.length} synthetic persons\n`,
  );
}

/**
 * What only the API does: a fact corrected (demo-0's first interview was recorded as video; it was held in
 * person) and a person erased (demo-1, registered in error), each by its a-kasse's caseworker system.
 */
async function throughTheApi(): Promise<void> {
  const ids = specialIds(PERSONS);
  const call = async (org: string, path: string, body: unknown) => {
    const token = await signToken(readDevKey(devKeyFileFromEnv()), {
      sub: 'demo-generator',
      role: 'integration',
      org,
      org_kind: 'akasse',
    });
    const response = await fetch(`${base}${path}`, {
      method: path.endsWith('/history') ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  const akasseOf = (id: string) => DEMO_AKASSER[Number(id.slice('demo-'.length)) % DEMO_AKASSER.length].id;
  const history = (await call(akasseOf(ids.corrected), `/persons/${ids.corrected}/history`, undefined)) as {
    events: Array<{ type: string; eventId: string; data: Record<string, unknown> }>;
  };
  const first = history.events.find((e) => e.type === 'JobInterviewHeld' && e.data.heldBy === 'akasse');
  if (!first) throw new Error(`${ids.corrected} has no a-kasse interview to correct`);
  await call(akasseOf(ids.corrected), `/persons/${ids.corrected}/facts`, {
    eventId: randomUUID(),
    factType: 'FactCorrected',
    recordedBy: 'akasse',
    data: {
      correctedEventId: first.eventId,
      factType: 'JobInterviewHeld',
      reason: 'recorded as a video interview; it was held in person',
      correctedOn: copenhagenDateOf(new Date()),
      data: { ...first.data, form: first.data.form === 'video' ? 'in-person' : 'video' },
    },
  });
  await call(akasseOf(ids.erased), `/persons/${ids.erased}/erasure`, {
    eventId: randomUUID(),
    reason: 'registered-in-error',
  });
}

function banner(): void {
  const ids = specialIds(PERSONS);
  process.stdout.write(
    [
      '',
      '=== DEMO DATA (synthetic) ================================================================',
      `  ${PERSONS.toLocaleString('en-US')} made-up persons (demo-0 … demo-${PERSONS + DEMO_SPECIALS.length - 1}), placed from 2024-01 until 10 days ago,`,
      '  deterministic (seeded per person). None of them is a real person. The a-kasser:',
      ...DEMO_AKASSER.map((a) => `    ${a.id.padEnd(13)} ${a.story}`),
      `  one phase each: ${ids.open} open deadlines, ${ids.overdue} overdue, ${ids['nuph-awaiting-notice']} a NUPH awaiting the`,
      `  notice to the person, ${ids.corrected} a corrected fact, ${ids.erased} erased; the rest open, met, missed, handed over.`,
      `  data folder: ${dir} (delete it to start afresh)`,
      '',
      `  In a browser: ${base}/dashboard  → development sign-in → "STAR analyst"`,
      `  (or "a-kasse caseworker (akasse-ida)" for that a-kasse's months and who is behind them).`,
      "  The JSON API takes bearer tokens, signed by the demo's own development key:",
      `    export TOKEN=$(EVENTSTORE_DATA_DIR=${process.env.EVENTSTORE_DATA_DIR} npm run -s token -- --role akasse-caseworker --org akasse-ida)`,
      `    curl -H "Authorization: Bearer $TOKEN" ${base}/worklists/akasser/akasse-ida?kind=overdue`,
      '==========================================================================================',
      '',
    ].join('\n'),
  );
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

demo().catch((error: Error) => {
  process.stderr.write(`the demo could not start: ${error.message}\n`);
  process.exit(1);
});
