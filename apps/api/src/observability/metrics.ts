/**
 * The process's Prometheus metrics, in a registry of its own (never prom-client's global one), so two app
 * instances in one jest process, or the API and the worker, count apart. No label ever holds a person id, a
 * stream name or a URL path: routes are their patterns, the store's calls their kind.
 */
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StoreCall, StoreObserver } from '@app/event-store';
import type { ProjectionInstrument } from '@app/projections';

/** Seconds: from a cached read (1 ms) to a request that waited for a slow store (10 s). */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the projection gauges are read from at each scrape. */
export interface ProjectionSample {
  name: string;
  checkpoint: bigint | null;
  leading: boolean;
  lag: { events: number; seconds: number } | null;
}

export class Metrics implements StoreObserver, ProjectionInstrument {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'sagsforloeb_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'sagsforloeb_http_request_duration_seconds',
    help: 'Time from the request arriving to the response finishing, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly storeCalls = new Histogram({
    name: 'sagsforloeb_event_store_call_duration_seconds',
    help: 'Event-store appends and reads (read-stream, read-all), by outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly storeEvents = new Counter({
    name: 'sagsforloeb_event_store_events_total',
    help: 'Events appended to or read from the event store, by operation',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  readonly projectionEvents = new Counter({
    name: 'sagsforloeb_projection_events_applied_total',
    help: 'Events applied by this process to each projection (committed with its checkpoint)',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  readonly projectionBatches = new Histogram({
    name: 'sagsforloeb_projection_batch_duration_seconds',
    help: 'Time to apply and commit one batch of events with its checkpoint, by projection',
    labelNames: ['projection'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly projectionErrors = new Counter({
    name: 'sagsforloeb_projection_errors_total',
    help: 'Projection failures: transient (the store went away; it retries) or fatal (it stopped)',
    labelNames: ['projection', 'kind'] as const,
    registers: [this.registry],
  });
  readonly sweepRuns = new Counter({
    name: 'sagsforloeb_deadline_sweep_runs_total',
    help: 'Deadline sweeps run by this process, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly sweepCandidates = new Counter({
    name: 'sagsforloeb_deadline_sweep_candidates_total',
    help: 'Persons the sweeps looked at (a passed, unmet deadline in the read model)',
    registers: [this.registry],
  });
  readonly sweepMisses = new Counter({
    name: 'sagsforloeb_deadline_sweep_misses_recorded_total',
    help: 'DeadlineMissed events the sweeps appended',
    registers: [this.registry],
  });
  readonly sweepReminders = new Counter({
    name: 'sagsforloeb_deadline_sweep_reminders_recorded_total',
    help: 'DeadlineDueSoon events the sweeps appended (duties come within their organisation’s reminder window)',
    registers: [this.registry],
  });
  readonly sweepSkipped = new Counter({
    name: 'sagsforloeb_deadline_sweep_skipped_total',
    help: 'Persons a sweep skipped because their stream moved while it decided (the next sweep looks again)',
    registers: [this.registry],
  });
  readonly accessLogAppends = new Counter({
    name: 'sagsforloeb_access_log_entries_total',
    help: 'Entries appended to the access log (one per request that read persons’ data, naming them all)',
    registers: [this.registry],
  });
  private projectionSources: Array<() => Promise<ProjectionSample[]>> = [];

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'sagsforloeb_' });
    const samples = () => this.sampleProjections();
    new Gauge({
      name: 'sagsforloeb_projection_checkpoint',
      help: 'Commit position in $all the projection’s read model includes (-1 before its first batch)',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const s of await samples()) this.set({ projection: s.name }, Number(s.checkpoint ?? -1n));
      },
    });
    new Gauge({
      name: 'sagsforloeb_projection_lag_events',
      help: 'Events its filter takes after the checkpoint, among the next 1,000 in $all (absent: store not answering)',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const s of await samples()) if (s.lag) this.set({ projection: s.name }, s.lag.events);
      },
    });
    new Gauge({
      name: 'sagsforloeb_projection_lag_seconds',
      help: 'How long the oldest event the projection is yet to apply has waited',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const s of await samples()) if (s.lag) this.set({ projection: s.name }, s.lag.seconds);
      },
    });
    new Gauge({
      name: 'sagsforloeb_projection_leading',
      help: '1 while this process writes the projection’s read model (holds its lease), 0 while it follows',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const s of await samples()) this.set({ projection: s.name }, s.leading ? 1 : 0);
      },
    });
  }

  /** Where the projection gauges come from (read at each scrape). */
  watchProjections(source: () => Promise<ProjectionSample[]>): void {
    this.projectionSources.push(source);
  }

  /** One sample per scrape, however many gauges read it. */
  private sampling: Promise<ProjectionSample[]> | undefined;
  private sampleProjections(): Promise<ProjectionSample[]> {
    this.sampling ??= Promise.all(this.projectionSources.map((source) => source()))
      .then((all) => all.flat())
      .finally(() => setImmediate(() => (this.sampling = undefined)));
    return this.sampling;
  }

  observe(call: StoreCall): void {
    this.storeCalls.observe({ operation: call.operation, outcome: call.outcome }, call.seconds);
    if (call.events > 0) this.storeEvents.inc({ operation: call.operation }, call.events);
  }

  /** Timed, counted and — when tracing is on (tracing.ts) — a span of its own; a no-op tracer otherwise. */
  async commitBatch(projection: string, events: number, commit: () => Promise<void>): Promise<void> {
    const stop = this.projectionBatches.startTimer({ projection });
    await trace
      .getTracer('sagsforloeb')
      .startActiveSpan(
        `projection ${projection} batch`,
        { attributes: { projection, events } },
        async (span) => {
          try {
            await commit();
          } catch (error) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).name });
            throw error;
          } finally {
            span.end();
          }
        },
      );
    stop();
    this.projectionEvents.inc({ projection }, events);
  }

  /** A batch committed where this registry could not time it (the projection thread): counted as commitBatch's. */
  batchCommitted(projection: string, events: number, seconds: number): void {
    this.projectionBatches.observe({ projection }, seconds);
    this.projectionEvents.inc({ projection }, events);
  }

  failed(projection: string, transient: boolean): void {
    this.projectionErrors.inc({ projection, kind: transient ? 'transient' : 'fatal' });
  }

  /** The Prometheus text exposition of everything above. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
