import { join } from 'node:path';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EventStore, type EventStoreConnection } from '@app/event-store';
import type { PersonalDataSettings } from '@app/personal-data';
import { LeasedProjection, LiveAllFeed, ProjectionThread, type LiveProjection } from '@app/projections';
import { leasedProjectionOptions, type ReadModelSettings } from '../contact-process/read-model.settings';
import { EVENT_STORE_CONNECTION } from '../event-store.module';
import { Metrics } from '../observability/metrics';
import { LIVE_PROJECTIONS, type LiveProjectionName } from './live-projections';
import type { ProjectionThreadSettings } from './projections.thread';

export const LIVE_PROJECTIONS_CONFIG = Symbol('LIVE_PROJECTIONS_CONFIG');

export interface LiveProjectionsConfig {
  readModel: ReadModelSettings;
  /** The thread opens the keyring itself: it must be one it can share (a file, or PostgreSQL). */
  personalData: PersonalDataSettings;
}

const logger = new Logger('Projections');

/**
 * Where the live projections run (README, "Projections"): in a worker thread of this process by default, so
 * the event loop that answers requests does not also apply events; on the event loop where the thread could not
 * share what they use — an in-memory read model or keyring (specs), PROJECTIONS_IN=event-loop, or PROJECTIONS=off
 * (nothing to run: the worker process projects).
 */
export function projectionsInThread(config: LiveProjectionsConfig): boolean {
  const { readModel, personalData } = config;
  const shareable =
    (!!readModel.databaseUrl || readModel.sqlitePath !== ':memory:') &&
    (!!personalData.databaseUrl || personalData.keyringPath !== ':memory:');
  if (readModel.projectionsIn === 'event-loop' || readModel.projections === 'off') return false;
  if (readModel.projectionsIn === 'thread' && !shareable)
    throw new Error(
      'PROJECTIONS_IN=thread needs read models and keyring another thread can open: READ_MODEL_SQLITE_PATH and PERSON_KEYS_SQLITE_PATH not :memory: (or PostgreSQL)',
    );
  return shareable;
}

/**
 * The running service's live projections, fed from one subscription to `$all` (LiveAllFeed): the read sides
 * register theirs (with the database they read it from) and hold what `register` returns; all start together
 * once every read side has registered, and stop with the app.
 */
@Injectable()
export class LiveProjections implements OnModuleInit, OnApplicationShutdown {
  /** Set when the projections run in the projection thread. */
  readonly thread: ProjectionThread | undefined;
  private readonly threadSettings: Omit<ProjectionThreadSettings, 'names'>;
  private readonly feed: LiveAllFeed;
  private readonly onLoop: Array<LeasedProjection<unknown>> = [];

  constructor(
    @Inject(EVENT_STORE_CONNECTION) connection: EventStoreConnection,
    private readonly store: EventStore,
    @Inject(LIVE_PROJECTIONS_CONFIG) private readonly config: LiveProjectionsConfig,
    private readonly metrics: Metrics,
  ) {
    this.feed = new LiveAllFeed(store);
    this.threadSettings = {
      connectionString: connection.connectionString,
      personalData: config.personalData,
      readModel: config.readModel,
    };
    if (projectionsInThread(config))
      this.thread = new ProjectionThread(threadEntry(), {
        batch: (name, events, seconds) => {
          if (LIVE_PROJECTIONS[name as LiveProjectionName]?.metered)
            metrics.batchCommitted(name, events, seconds);
        },
        failed: (name, transient) => metrics.failed(name, transient),
        warn: (message) => logger.warn(message),
      });
  }

  /** The projection `name`, whose read model this instance reads through `db`. */
  register(name: LiveProjectionName, db: Kysely<unknown>): LiveProjection {
    const definition = LIVE_PROJECTIONS[name];
    const projection = definition.create(this.store);
    if (this.thread) return this.thread.add(name, projection.filter, db);
    const leased = new LeasedProjection(this.store, db as never, projection, {
      ...leasedProjectionOptions(this.config.readModel, name, definition.metered ? this.metrics : undefined),
      source: this.feed.sourceFor(projection.filter),
    });
    this.onLoop.push(leased);
    return leased;
  }

  async onModuleInit(): Promise<void> {
    if (this.thread)
      await this.thread.start({
        ...this.threadSettings,
        names: this.thread.names() as LiveProjectionName[],
      } satisfies ProjectionThreadSettings);
    else await Promise.all(this.onLoop.map((p) => p.start()));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.thread?.stop();
    await Promise.all(this.onLoop.map((p) => p.stop()));
  }
}

/** The thread's module beside this one: `.ts` from the sources, `.js` compiled. */
function threadEntry(): string {
  return join(__dirname, `projections.thread${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
}

@Global()
@Module({})
export class LiveProjectionsModule {
  static forRoot(config: LiveProjectionsConfig): DynamicModule {
    return {
      module: LiveProjectionsModule,
      providers: [{ provide: LIVE_PROJECTIONS_CONFIG, useValue: config }, LiveProjections],
      exports: [LiveProjections],
    };
  }
}
