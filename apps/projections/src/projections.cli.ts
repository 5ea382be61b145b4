/**
 * `npm run projections -- status | rebuild <name> [--fresh] | rebuild --all [--fresh] | replay <name> --until <position|YYYY-MM-DD> [--out <file>]`
 * (`--batch-size <n>` or PROJECTIONS_BATCH_SIZE: events per read-model transaction).
 */
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { Position } from '@app/event-store';
import { endOfDay, isLocalDate } from '@app/legal-time';
import {
  headPosition,
  positionRecordedBefore,
  readModelStatus,
  rebuildAllReadModels,
  rebuildReadModel,
  replayReadModel,
  type RebuildProgress,
  type RebuildResult,
  type ReadModelStatus,
} from '@app/projections';
import { connectForCli } from './event-store-connection';
import { progressLine, type ProgressSample } from './rebuild-progress';
import { PROJECTIONS, registeredProjection, UsageError, type RegisteredProjection } from './registry';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Ctrl-C: a rebuild stops after the batch it is committing, to be continued later. */
  signal?: AbortSignal;
  now?: () => Date;
}

export const USAGE = `usage: npm run projections -- <command>
  status                                   each projection's checkpoint, events applied, lag, last error, live generation
  rebuild <name> [--fresh]                 fill a new generation from $all while the live one serves, then switch to it;
                                           continues an unfinished rebuild unless --fresh
  rebuild --all [--fresh]                  every projection from one read of $all (each event read and decoded once),
                                           each into its own new generation; exits 1 naming any that failed
  replay <name> --until <position|YYYY-MM-DD> [--out <file>]
                                           a separate copy holding only the events up to a commit position, or recorded
                                           by the end of that Copenhagen day
options: --batch-size <n> (or PROJECTIONS_BATCH_SIZE) events per read-model transaction
`;

/** Runs one command; resolves to the process exit code. */
export async function runProjectionsCli(args: string[], io: CliIo): Promise<number> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  let command: ReturnType<typeof parseCommand>;
  try {
    command = parseCommand(args, io.env);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    say(USAGE);
    return 0;
  }
  const connection = await connectForCli(io.env);
  say(`event store: ${connection.description}`);
  try {
    switch (command.kind) {
      case 'status':
        for (const projection of PROJECTIONS) await status(projection, connection.store, io, say);
        return 0;
      case 'rebuild':
        return await rebuild(command, connection.store, io, say);
      case 'rebuild-all':
        return await rebuildAll(command, connection.store, io, say);
      case 'replay':
        return await replay(command, connection.store, io, say);
    }
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await connection.close();
  }
}

type Command =
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'rebuild'; projection: RegisteredProjection; fresh: boolean; batchSize: number | undefined }
  | { kind: 'rebuild-all'; fresh: boolean; batchSize: number | undefined }
  | {
      kind: 'replay';
      projection: RegisteredProjection;
      until: string;
      out: string | undefined;
      batchSize: number | undefined;
    };

function parseCommand(args: string[], env: NodeJS.ProcessEnv): Command {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [name, target, ...rest] = positionals;
  if (values.help || name === undefined || name === 'help') return { kind: 'help' };
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  const batchText = values['batch-size'] ?? env.PROJECTIONS_BATCH_SIZE;
  const batchSize = batchText === undefined ? undefined : Number(batchText);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))
    throw new UsageError(`--batch-size must be a whole number of events ≥ 1, got "${batchText}"`);
  switch (name) {
    case 'status':
      if (target !== undefined) throw new UsageError('status takes no projection name');
      return { kind: 'status' };
    case 'rebuild':
      if (values.all && target !== undefined)
        throw new UsageError(`rebuild takes a projection name or --all, not both`);
      if (values.all) return { kind: 'rebuild-all', fresh: !!values.fresh, batchSize };
      if (target === undefined) throw new UsageError('rebuild needs a projection name (or --all)');
      return { kind: 'rebuild', projection: registeredProjection(target), fresh: !!values.fresh, batchSize };
    case 'replay':
      if (target === undefined) throw new UsageError('replay needs a projection name');
      if (values.until === undefined)
        throw new UsageError('replay needs --until <commit position | YYYY-MM-DD>');
      return {
        kind: 'replay',
        projection: registeredProjection(target),
        until: values.until,
        out: values.out,
        batchSize,
      };
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      until: { type: 'string' },
      out: { type: 'string' },
      fresh: { type: 'boolean' },
      all: { type: 'boolean' },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function status(
  projection: RegisteredProjection,
  store: Parameters<typeof readModelStatus>[0],
  io: CliIo,
  say: (line: string) => void,
): Promise<void> {
  const now = io.now?.() ?? new Date();
  const s: ReadModelStatus = await readModelStatus(
    store,
    projection.name,
    projection.readModelPath(io.env),
    now,
    readModelDatabaseUrl(io.env),
  );
  const switched = s.live.switchedAt ? `, switched ${s.live.switchedAt}` : '';
  say(projection.name);
  say(
    `  live:        generation ${s.live.generation} (${shown(s.live.path)}${switched})${s.live.exists ? '' : ' — no file yet'}`,
  );
  say(
    `  checkpoint:  ${s.checkpoint ? `position ${s.checkpoint.commit}` : 'none (nothing applied)'}${s.updatedAt ? `, moved ${s.updatedAt}` : ''}`,
  );
  say(`  applied:     ${s.eventsApplied} events`);
  say(
    `  lag:         ${s.lag.atLeast ? 'more than ' : ''}${s.lag.events} events after the checkpoint` +
      (s.lag.events > 0 ? `, the oldest waiting ${Math.round(s.lag.seconds)}s` : ''),
  );
  say(`  last error:  ${s.lastError ? `${s.lastError.message} (${s.lastError.at})` : 'none recorded'}`);
  if (s.building)
    say(
      `  rebuilding:  generation ${s.building.generation} (${shown(s.building.path)}) at ` +
        `${s.building.checkpoint ? `position ${s.building.checkpoint.commit}` : 'the start'}, ` +
        (s.building.running
          ? `by process ${s.building.pid}`
          : `stopped (process ${s.building.pid} is gone): run rebuild to continue it, or rebuild --fresh`),
    );
}

async function rebuild(
  command: Extract<Command, { kind: 'rebuild' }>,
  store: Parameters<typeof rebuildReadModel>[0]['store'],
  io: CliIo,
  say: (line: string) => void,
): Promise<number> {
  const { projection } = command;
  let generation = 0;
  const progress = progressPrinter(io);
  const result = await rebuildReadModel({
    store,
    projection: (s) => projection.create(s),
    readModelPath: projection.readModelPath(io.env),
    databaseUrl: readModelDatabaseUrl(io.env),
    fresh: command.fresh,
    batchSize: command.batchSize,
    signal: io.signal,
    onStart: (start) => {
      generation = start.generation;
      say(startLine(projection.name, start));
    },
    onProgress: (p) => progress.show(projection.name, p),
  });
  progress.end();
  say(endLine(projection.name, generation, result));
  return result.switched ? 0 : 130;
}

/** Every registered projection from one read of `$all`; exit 1 when any failed (each is named), 130 if interrupted. */
async function rebuildAll(
  command: Extract<Command, { kind: 'rebuild-all' }>,
  store: Parameters<typeof rebuildAllReadModels>[1]['store'],
  io: CliIo,
  say: (line: string) => void,
): Promise<number> {
  const generations = new Map<string, number>();
  const progress = progressPrinter(io);
  say(`rebuilding ${PROJECTIONS.map((p) => p.name).join(', ')} from one read of $all`);
  const outcomes = await rebuildAllReadModels(
    PROJECTIONS.map((projection) => ({
      projection: (s) => projection.create(s),
      readModelPath: projection.readModelPath(io.env),
    })),
    {
      store,
      databaseUrl: readModelDatabaseUrl(io.env),
      fresh: command.fresh,
      batchSize: command.batchSize,
      signal: io.signal,
      onStart: (name, start) => {
        generations.set(name, start.generation);
        say(startLine(name, start));
      },
      onProgress: (name, p) => progress.show(name, p),
    },
  );
  progress.end();
  for (const outcome of outcomes)
    if ('error' in outcome) io.stderr.write(`failed: ${outcome.name}: ${outcome.error.message}\n`);
    else say(endLine(outcome.name, generations.get(outcome.name) ?? 0, outcome.result));
  const failed = outcomes.filter((o) => 'error' in o).map((o) => o.name);
  if (failed.length > 0) {
    io.stderr.write(`${failed.length} of ${outcomes.length} projections failed: ${failed.join(', ')}\n`);
    return 1;
  }
  return outcomes.every((o) => 'result' in o && o.result.switched) ? 0 : 130;
}

function startLine(
  name: string,
  start: Pick<RebuildResult, 'generation' | 'path' | 'previous' | 'resumedFrom'>,
) {
  const from =
    start.resumedFrom === undefined
      ? 'from the start of $all'
      : `continuing from ${start.resumedFrom ? `position ${start.resumedFrom.commit}` : 'the start'}`;
  return (
    `rebuilding ${name} into generation ${start.generation} (${shown(start.path)}), ${from}; ` +
    `generation ${start.previous.generation} (${shown(start.previous.path)}) serves meanwhile`
  );
}

function endLine(name: string, generation: number, result: RebuildResult): string {
  const at = result.checkpoint ? `position ${result.checkpoint.commit}` : 'the start';
  if (!result.switched)
    return `interrupted: generation ${generation} holds the events up to ${at}; run rebuild ${name} again to continue it`;
  return (
    `switched: generation ${result.generation} (${shown(result.path)}) is live at ${at}, ` +
    `${result.eventsApplied} events applied. Generation ${result.previous.generation} ` +
    `(${shown(result.previous.path)}) is no longer live; remove it once no process has it open.`
  );
}

/** Progress in place on a terminal; a line every 5 s (per projection) into a log. */
function progressPrinter(io: CliIo) {
  const interactive = !!io.stderr.isTTY;
  const first = new Map<string, ProgressSample>();
  const printedAt = new Map<string, number>();
  return {
    show(name: string, p: RebuildProgress) {
      const sample = { ...p, atMs: Date.now() };
      if (!first.has(name)) first.set(name, sample);
      const line = progressLine(name, p.generation, first.get(name)!, sample);
      if (interactive) io.stderr.write(`\r\x1b[K${line}`);
      else if (sample.atMs - (printedAt.get(name) ?? 0) >= 5000) {
        printedAt.set(name, sample.atMs);
        io.stderr.write(`${line}\n`);
      }
    },
    end() {
      if (interactive && first.size > 0) io.stderr.write('\n');
    },
  };
}

async function replay(
  command: Extract<Command, { kind: 'replay' }>,
  store: Parameters<typeof replayReadModel>[0]['store'],
  io: CliIo,
  say: (line: string) => void,
): Promise<number> {
  const { projection } = command;
  const head = await headPosition(store);
  if (!head) throw new Error('$all is empty: nothing to replay');
  let until: Position;
  let meaning: string;
  if (isLocalDate(command.until)) {
    const end = endOfDay(command.until);
    const found = await positionRecordedBefore(store, end);
    if (!found) throw new Error(`no event was recorded by the end of ${command.until} (Copenhagen time)`);
    until = found;
    meaning = `the events recorded by the end of ${command.until} (Copenhagen time, before ${end.toISOString()}): up to position ${until.commit}`;
  } else if (/^\d+$/.test(command.until)) {
    const commit = BigInt(command.until);
    until = commit > head.commit ? head : { commit, prepare: commit };
    meaning =
      commit > head.commit
        ? `position ${commit} is beyond the end of $all: the events up to position ${head.commit}`
        : `the events up to position ${commit}`;
  } else {
    throw new UsageError(`--until must be a commit position or a day (YYYY-MM-DD), got "${command.until}"`);
  }
  const readModelPath = projection.readModelPath(io.env);
  const out =
    command.out ??
    join(dirname(readModelPath), 'replays', `${projection.name}.until-${command.until}.sqlite`);
  const result = await replayReadModel({
    store,
    projection: (s) => projection.create(s),
    until,
    requested: command.until,
    outPath: out,
    batchSize: command.batchSize,
    clock: io.now ? { now: io.now } : undefined,
  });
  say(`replayed ${projection.name}: ${meaning}; ${result.eventsApplied} events applied`);
  say(`written to ${result.path} (the live read model is untouched)`);
  return 0;
}

/** Paths under the working folder relative to it, others as they are. */
function shown(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith('..') ? inside : path;
}

/** READ_MODEL_DATABASE_URL, as the API reads it: the live read models are in PostgreSQL when it is set. */
function readModelDatabaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  return env.READ_MODEL_DATABASE_URL || undefined;
}
