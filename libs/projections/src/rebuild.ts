import type { EventStore, Position } from '@app/event-store';
import type { Kysely } from 'kysely';
import type { Projection, WithCheckpoints } from './projection';
import { ProjectionRunner } from './projection-runner';
import { generationStoreOf, type GenerationStore } from './generation-store';
import type { LiveGeneration } from './read-model-generations';
import { headPosition } from './store-positions';
import { SharedAllFeed } from './shared-feed';

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
  const { onProgress } = options;
  // The read model's type is erased here, once: the projection is only ever run against the database opened for it.
  const projection = options.projection as unknown as RebuildTarget['projection'];
  const [outcome] = await rebuildMany([{ projection, readModelPath: options.readModelPath }], {
    ...options,
    onStart: options.onStart && ((_name, start) => options.onStart!(start)),
    onProgress: onProgress && ((_name, progress) => onProgress(progress)),
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
}

/** One projection of a `rebuild --all`: what builds it and where its generations live. */
export interface RebuildTarget<DB = unknown> {
  projection: (store: EventStore) => Projection<DB>;
  readModelPath: string;
}

export interface RebuildAllOptions extends Omit<
  RebuildOptions<unknown>,
  'projection' | 'readModelPath' | 'onStart' | 'onProgress'
> {
  onStart?: (
    name: string,
    start: Pick<RebuildResult, 'generation' | 'path' | 'previous' | 'resumedFrom'>,
  ) => void;
  onProgress?: (name: string, progress: RebuildProgress) => void;
}

/** How one projection of a `rebuild --all` ended: switched (or interrupted), or failed with what stopped it. */
export type RebuildOutcome = { name: string } & ({ result: RebuildResult } | { error: Error });

/**
 * Rebuilds several projections from one read of `$all` (SharedAllFeed): each event is read and decoded once and
 * handed to every projection whose filter takes it. Each projection fills its own new generation with its own
 * batches and checkpoints, exactly as `rebuildReadModel` does for one, legs and switch included. A projection
 * that fails leaves its generation unfinished (to be continued) and the others go on; each outcome says which.
 */
export async function rebuildAllReadModels(
  targets: ReadonlyArray<RebuildTarget>,
  options: RebuildAllOptions,
): Promise<RebuildOutcome[]> {
  return rebuildMany(targets, options);
}

/** A projection being rebuilt: its generation, its open database, its runner of the current leg. */
interface Filling {
  name: string;
  target: RebuildTarget<unknown>;
  generations: GenerationStore;
  generation?: number;
  path?: string;
  previous?: LiveGeneration;
  resumed?: boolean;
  db?: Kysely<WithCheckpoints<unknown>>;
  runner?: ProjectionRunner<unknown>;
  resumedFrom?: Position | null;
  checkpoint: Position | null;
  eventsApplied: number;
  error?: Error;
}

async function rebuildMany(
  targets: ReadonlyArray<RebuildTarget>,
  options: RebuildAllOptions,
): Promise<RebuildOutcome[]> {
  const { store } = options;
  const clock = options.clock ?? { now: () => new Date() };
  const fillings: Filling[] = targets.map((target) => {
    const name = target.projection(store).name;
    const generations = generationStoreOf({
      readModelPath: target.readModelPath,
      databaseUrl: options.databaseUrl,
      name,
    });
    return { name, target, generations, checkpoint: null, eventsApplied: 0 };
  });
  try {
    for (const filling of fillings)
      await failingAlone(filling, () => prepareGeneration(filling, options, clock));
    try {
      await fillGenerations(fillings, options);
    } finally {
      // Closing checkpoints the WAL into the file the API is about to open.
      for (const filling of fillings) await filling.db?.destroy();
    }
    const outcomes: RebuildOutcome[] = [];
    for (const filling of fillings) outcomes.push(await finish(filling, options, clock));
    return outcomes;
  } finally {
    for (const filling of fillings) await filling.generations.close();
  }
}

/** Runs one projection's step; an error stops that projection only. */
async function failingAlone(filling: Filling, step: () => Promise<void>): Promise<void> {
  if (filling.error) return;
  try {
    await step();
  } catch (error) {
    filling.error = error as Error;
  }
}

/** The generation to fill: an unfinished one continued (unless `fresh`), else a new one, marked as building. */
async function prepareGeneration(
  filling: Filling,
  options: RebuildAllOptions,
  clock: { now(): Date },
): Promise<void> {
  const { generations, target } = filling;
  const previous = await generations.live();
  let building = await generations.building();
  // A crash between the switch and removing the marker leaves a marker naming the live generation.
  if (building && building.generation === previous.generation) {
    await generations.clearBuilding();
    building = null;
  }
  if (building && building.pid !== process.pid && (await generations.stillBuilding(building)))
    throw new Error(
      `generation ${building.generation} of ${target.readModelPath} is being rebuilt by process ${building.pid}; ` +
        'wait for it, or stop it and run rebuild again to continue it',
    );
  if (building && options.fresh) {
    await generations.remove(building.generation);
    await generations.clearBuilding();
    building = null;
  }
  const generation = building?.generation ?? (await generations.next());
  if (!building) await generations.remove(generation);
  await generations.markBuilding({
    generation,
    projection: filling.name,
    startedAt: building?.startedAt ?? clock.now().toISOString(),
    pid: process.pid,
  });
  Object.assign(filling, { generation, previous, resumed: !!building, path: generations.pathOf(generation) });
  filling.db = generations.open<WithCheckpoints<unknown>>(generation);
}

/**
 * The catch-up legs: each leg applies `$all` up to its head to every projection still going, from one shared
 * read when there are several; chased until a leg ends with nothing new.
 */
async function fillGenerations(fillings: Filling[], options: RebuildAllOptions): Promise<void> {
  const { store } = options;
  const going = () => fillings.filter((f) => !f.error);
  const stopAll = () => going().forEach((f) => void f.runner?.stop());
  const progress = progressReporter(going, options);
  options.signal?.addEventListener('abort', stopAll);
  try {
    for (let leg = 0; leg < CATCH_UP_LEGS && !options.signal?.aborted && going().length > 0; leg += 1) {
      const head = await headPosition(store);
      if (!head) throw new Error('$all is empty: nothing to rebuild from');
      progress.head = head;
      await oneLeg(going(), head, leg, options);
      // Nothing arrived during this leg: the new generations are as current as the live ones can be.
      const now = await headPosition(store);
      if (now && now.commit <= head.commit) break;
    }
    if (!options.signal?.aborted) await progress.report();
  } finally {
    progress.stop();
    options.signal?.removeEventListener('abort', stopAll);
  }
}

async function oneLeg(
  fillings: Filling[],
  head: Position,
  leg: number,
  options: RebuildAllOptions,
): Promise<void> {
  const { store } = options;
  const feed = fillings.length > 1 ? new SharedAllFeed(store) : undefined;
  for (const filling of fillings)
    await failingAlone(filling, async () => {
      const runner = new ProjectionRunner<unknown>(store, filling.db!, filling.target.projection(store), {
        batchSize: options.batchSize,
        until: head,
        source: feed?.sourceFor(),
      });
      filling.runner = runner;
      await runner.start();
      if (options.signal?.aborted) await runner.stop();
      if (leg === 0) {
        if (filling.resumed) filling.resumedFrom = runner.status().checkpoint;
        options.onStart?.(filling.name, {
          generation: filling.generation!,
          path: filling.path!,
          previous: filling.previous!,
          resumedFrom: filling.resumedFrom,
        });
      }
    });
  const started = fillings.filter((f) => !f.error);
  const reading = feed?.start();
  for (const filling of started)
    await failingAlone(filling, async () => {
      await filling.runner!.finished();
      ({ checkpoint: filling.checkpoint, eventsApplied: filling.eventsApplied } = filling.runner!.status());
    });
  await reading;
}

/** Reports each projection's progress every `progressIntervalMs` while its events are applied. */
function progressReporter(going: () => Filling[], options: RebuildAllOptions) {
  const state = { head: null as Position | null, reporting: false };
  const report = async () => {
    if (!options.onProgress || state.reporting) return;
    state.reporting = true;
    try {
      state.head = (await headPosition(options.store)) ?? state.head;
      for (const filling of going()) {
        if (!filling.runner) continue;
        const status = filling.runner.status();
        options.onProgress(filling.name, {
          generation: filling.generation!,
          checkpoint: status.checkpoint?.commit ?? 0n,
          head: state.head?.commit ?? 0n,
          eventsApplied: status.eventsApplied,
        });
      }
    } finally {
      state.reporting = false;
    }
  };
  const timer = setInterval(() => void report().catch(() => undefined), options.progressIntervalMs ?? 500);
  return {
    set head(head: Position) {
      state.head = head;
    },
    report,
    stop: () => clearInterval(timer),
  };
}

/** Switches to the filled generation, unless aborted (it stays unfinished) or failed. */
async function finish(
  filling: Filling,
  options: RebuildAllOptions,
  clock: { now(): Date },
): Promise<RebuildOutcome> {
  const { name, error } = filling;
  if (error) return { name, error };
  const result = {
    generation: filling.generation!,
    path: filling.path!,
    previous: filling.previous!,
    resumedFrom: filling.resumedFrom,
    checkpoint: filling.checkpoint,
    eventsApplied: filling.eventsApplied,
  };
  if (options.signal?.aborted) return { name, result: { ...result, switched: false } };
  try {
    await filling.generations.switchTo(filling.generation!, clock.now());
  } catch (switchError) {
    return { name, error: switchError as Error };
  }
  return { name, result: { ...result, switched: true } };
}
