/**
 * Blue/green generations of a read-model file. The configured path (`data/read-models.sqlite`) names the
 * read model; the file that serves it is its live generation: generation 1 is the configured file itself, a
 * rebuild fills generation N (`data/read-models.gN.sqlite`) beside it and then switches a pointer
 * (`data/read-models.sqlite.live`) to it, written to a temporary file and renamed, so a reader sees the old
 * pointer or the new one, never half of one. An unfinished rebuild is named by `data/read-models.sqlite.building`,
 * so the next rebuild continues it from the checkpoint committed with its rows.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

export interface ReadModelGeneration {
  generation: number;
  /** The SQLite file of this generation. */
  path: string;
}

export interface LiveGeneration extends ReadModelGeneration {
  /** When a rebuild switched to it; null for generation 1 (never switched). */
  switchedAt: string | null;
}

export interface BuildingGeneration extends ReadModelGeneration {
  projection: string;
  startedAt: string;
  /** The process filling it: a rebuild whose process is gone (crashed, killed) is continued by the next one. */
  pid: number;
}

const livePointerOf = (basePath: string) => `${basePath}.live`;
const buildingMarkerOf = (basePath: string) => `${basePath}.building`;

/** `data/read-models.sqlite` → generation 1 is that file, generation 3 is `data/read-models.g3.sqlite`. */
export function generationPath(basePath: string, generation: number): string {
  if (generation === 1) return basePath;
  const extension = extname(basePath);
  return join(dirname(basePath), `${basename(basePath, extension)}.g${generation}${extension}`);
}

/** The file that serves the read model configured at `basePath`: the one its pointer names, else `basePath`. */
export function resolveLiveReadModel(basePath: string): string {
  return liveGeneration(basePath).path;
}

export function liveGeneration(basePath: string): LiveGeneration {
  if (basePath === ':memory:') return { generation: 1, path: basePath, switchedAt: null };
  const pointer = readJson<{ generation: number; switchedAt: string }>(livePointerOf(basePath));
  if (!pointer) return { generation: 1, path: basePath, switchedAt: null };
  return {
    generation: pointer.generation,
    path: generationPath(basePath, pointer.generation),
    switchedAt: pointer.switchedAt,
  };
}

/** Points readers at `generation`: write-temp-then-rename, each step flushed, so a crash leaves one whole pointer. */
export function switchLiveGeneration(basePath: string, generation: number, at: Date): void {
  writeFileAtomically(livePointerOf(basePath), JSON.stringify({ generation, switchedAt: at.toISOString() }));
}

export function buildingGeneration(basePath: string): BuildingGeneration | null {
  const marker = readJson<Omit<BuildingGeneration, 'path'>>(buildingMarkerOf(basePath));
  return marker ? { ...marker, path: generationPath(basePath, marker.generation) } : null;
}

export function markBuildingGeneration(basePath: string, building: Omit<BuildingGeneration, 'path'>): void {
  writeFileAtomically(buildingMarkerOf(basePath), JSON.stringify(building));
}

export function clearBuildingMarker(basePath: string): void {
  rmSync(buildingMarkerOf(basePath), { force: true });
}

/** Removes a generation's SQLite file with its WAL and shared-memory files. */
export function removeGenerationFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/** One more than any generation of this read model on disk, live, or being built. */
export function nextGeneration(basePath: string): number {
  const extension = extname(basePath);
  const pattern = new RegExp(
    `^${escapeRegExp(basename(basePath, extension))}\\.g(\\d+)${escapeRegExp(extension)}$`,
  );
  const folder = dirname(basePath);
  const onDisk = existsSync(folder)
    ? readdirSync(folder).flatMap((file) => {
        const match = pattern.exec(file);
        return match ? [Number(match[1])] : [];
      })
    : [];
  const building = buildingGeneration(basePath)?.generation ?? 0;
  return Math.max(1, liveGeneration(basePath).generation, building, ...onDisk) + 1;
}

/** Whether the process that marked a generation as being built still runs (a killed rebuild's does not). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readJson<T>(path: string): T | null {
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function writeFileAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  // The rename itself is durable once the folder is flushed.
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
