/**
 * The blue/green generations of one read model, behind one interface: pointer files beside a SQLite file
 * (read-model-generations.ts), or a pointer row and a schema per generation in PostgreSQL
 * (postgres-read-model.ts). A rebuild and `status` use this, never the files or rows directly.
 */
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { Client } from 'pg';
import {
  dropGenerationSchema,
  generationSchema,
  generationSchemas,
  openGenerationsAdmin,
  readGenerationsRow,
  writeGenerationsRow,
  type GenerationsRow,
} from './postgres-read-model';
import { openReadModel } from './read-model-database';
import {
  buildingGeneration,
  clearBuildingMarker,
  generationPath,
  liveGeneration,
  markBuildingGeneration,
  nextGeneration,
  processIsAlive,
  removeGenerationFiles,
  switchLiveGeneration,
  type BuildingGeneration,
  type LiveGeneration,
} from './read-model-generations';

export interface GenerationStore {
  live(): Promise<LiveGeneration>;
  building(): Promise<BuildingGeneration | null>;
  /** Whether the rebuild filling `building` still runs (a killed one's is continued by the next rebuild). */
  stillBuilding(building: BuildingGeneration): Promise<boolean>;
  next(): Promise<number>;
  /** Claims `generation` for this process's rebuild; fails if another process's rebuild holds the read model. */
  markBuilding(building: Omit<BuildingGeneration, 'path'>): Promise<void>;
  clearBuilding(): Promise<void>;
  remove(generation: number): Promise<void>;
  pathOf(generation: number): string;
  open<DB>(generation: number): Kysely<DB>;
  /** Readers move to `generation`; the building mark is cleared in the same step where the store allows. */
  switchTo(generation: number, at: Date): Promise<void>;
  close(): Promise<void>;
}

export interface GenerationStoreConfig {
  /** The configured SQLite path (its generations live beside it). */
  readModelPath: string;
  /** postgres://…: the generations are schemas there instead. */
  databaseUrl?: string;
  /** The read model's name in PostgreSQL (its schemas' prefix). */
  name: string;
}

export function generationStoreOf(config: GenerationStoreConfig): GenerationStore {
  return config.databaseUrl
    ? new PostgresGenerations(config.databaseUrl, config.name)
    : new FileGenerations(config.readModelPath);
}

class FileGenerations implements GenerationStore {
  constructor(private readonly basePath: string) {}
  async live() {
    return liveGeneration(this.basePath);
  }
  async building() {
    return buildingGeneration(this.basePath);
  }
  async stillBuilding(building: BuildingGeneration) {
    return processIsAlive(building.pid);
  }
  async next() {
    return nextGeneration(this.basePath);
  }
  async markBuilding(building: Omit<BuildingGeneration, 'path'>) {
    markBuildingGeneration(this.basePath, building);
  }
  async clearBuilding() {
    clearBuildingMarker(this.basePath);
  }
  async remove(generation: number) {
    removeGenerationFiles(generationPath(this.basePath, generation));
  }
  pathOf(generation: number) {
    return generationPath(this.basePath, generation);
  }
  open<DB>(generation: number) {
    return openReadModel<DB>({ sqlitePath: this.pathOf(generation) });
  }
  async switchTo(generation: number, at: Date) {
    switchLiveGeneration(this.basePath, generation, at);
    clearBuildingMarker(this.basePath);
  }
  async close() {}
}

/**
 * In PostgreSQL a rebuild's claim is a session advisory lock held for as long as it runs, so "is it still
 * running" is answered by the server for a rebuild on any machine, not by a process id on this one.
 */
class PostgresGenerations implements GenerationStore {
  private readonly admin: Kysely<unknown>;
  private claim: Client | undefined;

  constructor(
    private readonly url: string,
    private readonly name: string,
  ) {
    this.admin = openGenerationsAdmin(url);
  }

  private async row(): Promise<GenerationsRow> {
    return (
      (await readGenerationsRow(this.admin, this.name)) ?? {
        name: this.name,
        live: 1,
        switched_at: null,
        building: null,
        building_started_at: null,
        building_owner: null,
      }
    );
  }

  async live(): Promise<LiveGeneration> {
    const row = await this.row();
    return { generation: row.live, path: this.pathOf(row.live), switchedAt: row.switched_at };
  }

  async building(): Promise<BuildingGeneration | null> {
    const row = await this.row();
    if (row.building === null) return null;
    const pid = Number(row.building_owner?.split(':').pop() ?? 0);
    return {
      generation: row.building,
      path: this.pathOf(row.building),
      projection: this.name,
      startedAt: row.building_started_at ?? '',
      pid,
    };
  }

  async stillBuilding(): Promise<boolean> {
    if (this.claim) return true;
    const probe = new Client({ connectionString: this.url });
    probe.on('error', () => undefined); // the query under way fails with the reason instead
    await probe.connect();
    try {
      const { rows } = await probe.query<{ free: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS free',
        [this.claimKey()],
      );
      return !rows[0]?.free; // a free lock: nobody rebuilds (the probe's session lets go as it ends)
    } finally {
      await probe.end();
    }
  }

  async next(): Promise<number> {
    const row = await this.row();
    const existing = await generationSchemas(this.admin, this.name);
    return Math.max(1, row.live, row.building ?? 0, ...existing) + 1;
  }

  async markBuilding(building: Omit<BuildingGeneration, 'path'>): Promise<void> {
    if (!this.claim) {
      const claim = new Client({ connectionString: this.url, keepAlive: true });
      // A claim's session ended by the server must not end the process; the claim is gone with it (its lock
      // is let go), so the next markBuilding claims again.
      claim.on('error', () => {
        if (this.claim === claim) this.claim = undefined;
      });
      await claim.connect();
      const { rows } = await claim.query<{ taken: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken',
        [this.claimKey()],
      );
      if (!rows[0]?.taken) {
        await claim.end();
        throw new Error(
          `${this.name} is being rebuilt by another process; wait for it, or stop it and run rebuild again`,
        );
      }
      this.claim = claim;
    }
    const row = await this.row();
    await writeGenerationsRow(this.admin, {
      ...row,
      building: building.generation,
      building_started_at: building.startedAt,
      building_owner: `${hostname()}:${building.pid}`,
    });
  }

  async clearBuilding(): Promise<void> {
    const row = await this.row();
    await writeGenerationsRow(this.admin, {
      ...row,
      building: null,
      building_started_at: null,
      building_owner: null,
    });
  }

  async remove(generation: number): Promise<void> {
    await dropGenerationSchema(this.admin, this.name, generation);
  }

  pathOf(generation: number): string {
    return `schema ${generationSchema(this.name, generation)}`;
  }

  open<DB>(generation: number): Kysely<DB> {
    return openReadModel<DB>({ sqlitePath: ':memory:', databaseUrl: this.url, name: this.name, generation });
  }

  /** One statement, so one transaction: the pointer moves and the building mark goes together. */
  async switchTo(generation: number, at: Date): Promise<void> {
    await writeGenerationsRow(this.admin, {
      name: this.name,
      live: generation,
      switched_at: at.toISOString(),
      building: null,
      building_started_at: null,
      building_owner: null,
    });
  }

  async close(): Promise<void> {
    await this.claim?.end();
    this.claim = undefined;
    await this.admin.destroy();
  }

  private claimKey(): string {
    return `sagsforloeb:rebuild:${this.name}`;
  }
}
