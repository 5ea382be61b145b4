import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { EventStore, Position } from '@app/event-store';
import { sql } from 'kysely';
import { generationStoreOf, type GenerationStore } from './generation-store';
import { projectionLag, type ProjectionLag } from './lag';
import type { BuildingGeneration, LiveGeneration } from './read-model-generations';

export interface StoredProgress {
  checkpoint: Position | null;
  eventsApplied: number;
  /** When the checkpoint last moved. */
  updatedAt: string | null;
}

export interface ReadModelStatus extends StoredProgress {
  name: string;
  live: LiveGeneration & { exists: boolean };
  lag: ProjectionLag;
  lastError: { message: string; at: string } | null;
  /** An unfinished rebuild, and whether its process still runs. */
  building: (BuildingGeneration & StoredProgress & { running: boolean }) | null;
}

/** What an operator asks of a projection: where it is, how far behind, what last went wrong, what serves. */
export async function readModelStatus(
  store: EventStore,
  name: string,
  readModelPath: string,
  now: Date,
  /** postgres://… (READ_MODEL_DATABASE_URL): the read model's generations are schemas there. */
  databaseUrl?: string,
): Promise<ReadModelStatus> {
  const generations = generationStoreOf({ readModelPath, databaseUrl, name });
  try {
    return await statusFrom(generations, store, name, now, databaseUrl !== undefined);
  } finally {
    await generations.close();
  }
}

async function statusFrom(
  generations: GenerationStore,
  store: EventStore,
  name: string,
  now: Date,
  inPostgres: boolean,
): Promise<ReadModelStatus> {
  const stored = async (generation: LiveGeneration | BuildingGeneration) =>
    inPostgres ? readStoredIn(generations, generation.generation, name) : readStored(generation.path, name);
  const live = await generations.live();
  const liveStored = await stored(live);
  const building = await generations.building();
  return {
    name,
    live: { ...live, exists: liveStored !== null },
    checkpoint: liveStored?.checkpoint ?? null,
    eventsApplied: liveStored?.eventsApplied ?? 0,
    updatedAt: liveStored?.updatedAt ?? null,
    lastError: liveStored?.lastError ?? null,
    lag: await projectionLag(store, liveStored?.checkpoint ?? null, now),
    building:
      building && building.generation !== live.generation
        ? {
            ...building,
            ...((await stored(building)) ?? { checkpoint: null, eventsApplied: 0, updatedAt: null }),
            running: await generations.stillBuilding(building),
          }
        : null,
  };
}

type Stored = StoredProgress & { lastError: { message: string; at: string } | null };

/** A PostgreSQL generation's progress; null when its schema holds no checkpoints table yet. */
async function readStoredIn(
  generations: GenerationStore,
  generation: number,
  name: string,
): Promise<Stored | null> {
  const db = generations.open<unknown>(generation);
  try {
    const { rows: tables } = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(
      db,
    );
    const names = new Set(tables.map((t) => t.name));
    if (!names.has('projection_checkpoints')) return null;
    const { rows } = await sql<{
      commit_position: string;
      prepare_position: string;
      events_applied: number;
      updated_at: string;
    }>`
      SELECT commit_position, prepare_position, events_applied, updated_at FROM projection_checkpoints WHERE name = ${name}`.execute(
      db,
    );
    const { rows: errors } = names.has('projection_errors')
      ? await sql<{
          message: string;
          at: string;
        }>`SELECT message, at FROM projection_errors WHERE name = ${name}`.execute(db)
      : { rows: [] };
    const row = rows[0];
    return {
      checkpoint: row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : null,
      eventsApplied: row?.events_applied ?? 0,
      updatedAt: row?.updated_at ?? null,
      lastError: errors[0] ?? null,
    };
  } finally {
    await db.destroy();
  }
}

function readStored(path: string, name: string): Stored | null {
  if (!existsSync(path)) return null;
  const db = new Database(path, { fileMustExist: true });
  try {
    const tables = new Set(
      (
        db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>
      ).map((t) => t.name),
    );
    const row = tables.has('projection_checkpoints')
      ? (db
          .prepare(
            'SELECT commit_position, prepare_position, events_applied, updated_at FROM projection_checkpoints WHERE name = ?',
          )
          .get(name) as
          | { commit_position: string; prepare_position: string; events_applied: number; updated_at: string }
          | undefined)
      : undefined;
    const error = tables.has('projection_errors')
      ? (db.prepare('SELECT message, at FROM projection_errors WHERE name = ?').get(name) as
          { message: string; at: string } | undefined)
      : undefined;
    return {
      checkpoint: row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : null,
      eventsApplied: row?.events_applied ?? 0,
      updatedAt: row?.updated_at ?? null,
      lastError: error ?? null,
    };
  } finally {
    db.close();
  }
}
