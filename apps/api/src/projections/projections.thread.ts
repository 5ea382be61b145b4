/**
 * The projection thread (live-projections.module.ts starts it): the running service's live projections, off the
 * event loop that answers requests. It opens its own store client, keyring and read-model connections, feeds
 * every projection from one subscription, and reports to the API's thread (libs/projections, projection-thread.ts).
 */
import 'reflect-metadata';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { CONTACT_PROCESS_CATALOGUE } from '@app/contact-process';
import { EventStore } from '@app/event-store';
import { protectPersonalData, type PersonalDataSettings } from '@app/personal-data';
import {
  LeasedProjection,
  LiveAllFeed,
  serveProjectionThread,
  type BatchCounts,
  type ProjectionInstrument,
  type ThreadReport,
} from '@app/projections';
import { leasedProjectionOptions, type ReadModelSettings } from '../contact-process/read-model.settings';
import { LIVE_PROJECTIONS, type LiveProjectionName } from './live-projections';

/** What the API hands the thread (workerData): structured-cloned, so a Buffer arrives as a Uint8Array. */
export interface ProjectionThreadSettings {
  /** The store the API uses (the embedded node's address when it runs one). */
  connectionString: string;
  personalData: PersonalDataSettings;
  readModel: ReadModelSettings;
  names: LiveProjectionName[];
}

/** Times and counts each batch, for the API's metrics and the mean batch size. */
function threadInstrument(post: (report: ThreadReport) => void, batches: BatchCounts): ProjectionInstrument {
  return {
    async commitBatch(name, events, commit) {
      const start = process.hrtime.bigint();
      await commit();
      const counted = (batches[name] ??= { batches: 0, events: 0 });
      counted.batches += 1;
      counted.events += events;
      post({ kind: 'batch', name, events, seconds: Number(process.hrtime.bigint() - start) / 1e9 });
    },
    failed: (name, transient) => post({ kind: 'failed', name, transient }),
  };
}

async function main(port: MessagePort, settings: ProjectionThreadSettings): Promise<void> {
  const post = (report: ThreadReport) => port.postMessage(report);
  const client = EventStore.fromConnectionString(settings.connectionString);
  const personalData = { ...settings.personalData, secret: Buffer.from(settings.personalData.secret) };
  const { store, keyring } = await protectPersonalData(client, personalData, CONTACT_PROCESS_CATALOGUE);
  const feed = new LiveAllFeed(store);
  const batches: BatchCounts = {};
  const instrument = threadInstrument(post, batches);
  // Reports a commit once the thread serves (the runners commit only after they started there).
  const report = { committed: (_name: string): void => undefined };
  const opened = settings.names.map((name) => {
    const definition = LIVE_PROJECTIONS[name];
    const db = definition.open(settings.readModel);
    const projection = definition.create(store);
    const leased = new LeasedProjection(store, db as never, projection, {
      ...leasedProjectionOptions(settings.readModel, name, instrument),
      onError: (error) =>
        post({ kind: 'warn', message: `${name}: lease or start failed, trying again: ${error.message}` }),
      source: feed.sourceFor(projection.filter),
      onCommitted: () => report.committed(name),
    });
    return { db, leased };
  });
  const served = serveProjectionThread(
    port,
    opened.map((o) => o.leased as LeasedProjection<unknown>),
    feed,
    batches,
    async () => {
      for (const { db } of opened) await db.destroy();
      await client.close();
      await keyring.close();
    },
  );
  report.committed = served.committed;
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as ProjectionThreadSettings).catch((error: Error) =>
    port.postMessage({ kind: 'start-failed', message: error.message } satisfies ThreadReport),
  );
}
