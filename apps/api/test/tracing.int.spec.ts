import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { INestApplication } from '@nestjs/common';
import { headPosition } from '@app/projections';
import type { EventStoreConnection } from '@app/event-store';
import { DeadlinesReadSide } from '../src/contact-process/contact-process.providers';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { tracingRequested, UrlRedactingProcessor } from '../src/observability/tracing';
import { as, createTestApp, fact, integrationOf } from './test-app';

describe('traces', () => {
  it('are off unless the standard OTEL_* variables ask for them', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  describe('with a tracer provider exporting to memory', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new UrlRedactingProcessor(), new SimpleSpanProcessor(exporter)],
    });
    let app: INestApplication;

    beforeAll(async () => {
      trace.setGlobalTracerProvider(provider);
      app = await createTestApp();
    });
    afterAll(async () => {
      await app.close();
      trace.disable();
    });

    it('has a span for each projection batch, naming the projection and its events', async () => {
      const system = await as(app, integrationOf('akasse-3f'));
      await system.post('/persons/p-trace-1/facts').send(fact('PersonFactsRecorded')).expect(201);
      const { store } = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
      await app.get(DeadlinesReadSide).runner.waitFor((await headPosition(store))!, 5000);
      const batches = exporter.getFinishedSpans().filter((s) => s.name === 'projection deadlines batch');
      expect(batches.length).toBeGreaterThan(0);
      expect(batches.reduce((n, s) => n + Number(s.attributes.events), 0)).toBe(1);
    });

    it('keeps no URL (person ids, query values) in a span', () => {
      const span = provider.getTracer('t').startSpan('GET', {
        attributes: {
          'url.path': '/persons/p-trace-1/deadlines',
          'url.query': 'asOf=2024-03-01',
          'http.method': 'GET',
        },
      });
      span.end();
      const [ended] = exporter.getFinishedSpans().filter((s) => s.name === 'GET');
      expect(ended.attributes).toEqual({
        'url.path': '[redacted]',
        'url.query': '[redacted]',
        'http.method': 'GET',
      });
    });
  });
});
