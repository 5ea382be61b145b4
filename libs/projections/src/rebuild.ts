import type { EventStore, Position } from '@app/event-store';
import type { Projection, WithCheckpoints } from './projection';
import { ProjectionRunner } from './projection-runner';
import { generationStoreOf, type GenerationStore } from './generation-store';
import type { LiveGeneration } from './read-model-generations';
import { headPosition } from './store-positions';

export interface RebuildOptions<DB> {
  store: EventStore;
  /** Builds the projection; given the store, as a projection may read streams while it applies. */
  projection: (store: EventStore) => Projection<DB>;
  /** The configured read-model path (e.g. READ_MODEL_SQLITE_PATH); its generations live beside it. */
  readModelPath: string;
  /** postgres://… (READ_MODEL_DATABASE_URL): the generations are schemas there, the pointer a row. */
  databaseUrl?: string;
  /** Discard an unfinished generation instead of continuing it. */
  fresh?: boolean;
  batchSize?: number;
  clock?: { now(): Date };
  /** Called once the generation being filled is known (and where it continues from). */
  onStart?: (start: Pick<RebuildResult, 'generation' | 'path' | 'previous' | 'resumedFrom'>) => void;
  /** Called every `progressIntervalMs` (default 500) while events are applied. */
  onProgress?: (progress: RebuildProgress) => void;
  progressIntervalMs?: number;
  /** Aborting stops after the batch being committed; the next rebuild continues from there. */
  signal?: AbortSignal;
}

export interface RebuildProgress {
  generation: number;
  /** Commit position the new generation includes, and the end of `$all`. */
  checkpoint: bigint;
  head: bigint;
  eventsApplied: number;
}

export interface RebuildResult {
  generation: number;
  path: string;
  /** The generation that served until the switch. */
  previous: LiveGeneration;
  /** Where an unfinished generation was continued from; undefined for a new generation. */
  resumedFrom: Position | null | undefined;
  checkpoint: Position | null;
  eventsApplied: number;
  /** False when aborted before the switch: the generation stays unfinished, to be continued. */
  switched: boolean;
}

/**
 * Catching up is chased this many times: the head moves while a rebuild runs, and whatever arrives after the
 * last leg is applied by the live runner from the new generation's checkpoint.
 */
const CATCH_UP_LEGS = 3;

/**
 * Blue/green rebuild: fills a new generation of the read model from `$all` while the live one keeps serving,
 * then switches the pointer to it. An unfinished generation (the process was killed) is continued from the
 * checkpoint committed with its rows.
 */
export async function rebuildReadModel<DB>(options: RebuildOptions<DB>): Promise<RebuildResult> {
  const { store, readModelPath: basePath } = options;
  const clock = options.clock ?? { now: () => new Date() };
  const probe = options.projection(store);
  const generations = generationStoreOf({
    readModelPath: basePath,
    databaseUrl: options.databaseUrl,
    name: probe.name,
  });
  try {
    return await rebuildInto(generations, options, probe.name, clock);
  } finally {
    await generations.close();
  }
}

async function rebuildInto<DB>(
  generations: GenerationStore,
  options: RebuildOptions<DB>,
  name: string,
  clock: { now(): Date },
): Promise<RebuildResult> {
  const { store, readModelPath: basePath } = options;
  const previous = await generations.live();
  let building = await generations.building();
  // A crash between the switch and removing the marker leaves a marker naming the live generation.
  if (building && building.generation === previous.generation) {
    await generations.clearBuilding();
    building = null;
  }
  if (building && building.pid !== process.pid && (await generations.stillBuilding(building)))
    throw new Error(
      `generation ${building.generation} of ${basePath} is being rebuilt by process ${building.pid}; ` +
        'wait for it, or stop it and run rebuild again to continue it',
    );
  if (building && options.fresh) {
    await generations.remove(building.generation);
    await generations.clearBuilding();
    building = null;
  }
  const generation = building?.generation ?? (await generations.next());
  const path = generations.pathOf(generation);
  if (!building) await generations.remove(generation);
  await generations.markBuilding({
    generation,
    projection: name,
    startedAt: building?.startedAt ?? clock.now().toISOString(),
    pid: process.pid,
  });

  const db = generations.open<WithCheckpoints<DB>>(generation);
  let runner: ProjectionRunner<DB> | undefined;
  let resumedFrom: Position | null | undefined;
  let checkpoint: Position | null = null;
  let eventsApplied = 0;
  let head: Position | null = null;
  let reporting = false;
  const report = async () => {
    if (!runner || !options.onProgress || reporting) return;
    reporting = true;
    try {
      head = (await headPosition(store)) ?? head;
      const status = runner.status();
      options.onProgress({
        generation,
        checkpoint: status.checkpoint?.commit ?? 0n,
        head: head?.commit ?? 0n,
        eventsApplied: status.eventsApplied,
      });
    } finally {
      reporting = false;
    }
  };
  const timer = setInterval(() => void report().catch(() => undefined), options.progressIntervalMs ?? 500);
  const abort = () => void runner?.stop();
  options.signal?.addEventListener('abort', abort);
  try {
    for (let leg = 0; leg < CATCH_UP_LEGS && !options.signal?.aborted; leg += 1) {
      head = await headPosition(store);
      if (!head) throw new Error('$all is empty: nothing to rebuild from');
      runner = new ProjectionRunner<DB>(store, db, options.projection(store), {
        batchSize: options.batchSize,
        until: head,
      });
      await runner.start();
      if (options.signal?.aborted) await runner.stop();
      if (leg === 0) {
        if (building) resumedFrom = runner.status().checkpoint;
        options.onStart?.({ generation, path, previous, resumedFrom });
      }
      await runner.finished();
      ({ checkpoint, eventsApplied } = runner.status());
      // Nothing arrived during this leg: the new generation is as current as the live one can be.
      const now = await headPosition(store);
      if (now && checkpoint && now.commit <= checkpoint.commit) break;
    }
    if (!options.signal?.aborted) await report();
  } finally {
    clearInterval(timer);
    options.signal?.removeEventListener('abort', abort);
    // Closing checkpoints the WAL into the file the API is about to open.
    await db.destroy();
  }
  if (options.signal?.aborted)
    return { generation, path, previous, resumedFrom, checkpoint, eventsApplied, switched: false };
  await generations.switchTo(generation, clock.now());
  return { generation, path, previous, resumedFrom, checkpoint, eventsApplied, switched: true };
}
