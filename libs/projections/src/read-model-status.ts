import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { EventStore, Position } from '@app/event-store';
import { projectionLag, type ProjectionLag } from './lag';
import {
  buildingGeneration,
  liveGeneration,
  processIsAlive,
  type BuildingGeneration,
  type LiveGeneration,
} from './read-model-generations';

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
): Promise<ReadModelStatus> {
  const live = liveGeneration(readModelPath);
  const stored = readStored(live.path, name);
  const building = buildingGeneration(readModelPath);
  return {
    name,
    live: { ...live, exists: stored !== null },
    checkpoint: stored?.checkpoint ?? null,
    eventsApplied: stored?.eventsApplied ?? 0,
    updatedAt: stored?.updatedAt ?? null,
    lastError: stored?.lastError ?? null,
    lag: await projectionLag(store, stored?.checkpoint ?? null, now),
    building:
      building && building.generation !== live.generation
        ? {
            ...building,
            ...(readStored(building.path, name) ?? { checkpoint: null, eventsApplied: 0, updatedAt: null }),
            running: processIsAlive(building.pid),
          }
        : null,
  };
}

function readStored(
  path: string,
  name: string,
): (StoredProgress & { lastError: { message: string; at: string } | null }) | null {
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
