import { get } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { EventStoreConnection, RecordedEvent } from '@app/event-store';
import { headPosition } from '@app/projections';
import { DeadlinesReadSide } from '../src/contact-process/contact-process.providers';
import { DeadlineSweeper } from '../src/contact-process/deadline-sweeper';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { MetricsEndpoint } from '../src/observability/metrics-endpoint';
import { as, createTestApp, fact, integrationOf } from './test-app';

// Seeding through HTTP takes seconds on a loaded machine: the default 5 s is a unit test's.
jest.setTimeout(60_000);

/** GET on the metrics port: status and body. */
function scrape(app: INestApplication, path = '/metrics'): Promise<{ status: number; body: string }> {
  const { host, port } = app.get(MetricsEndpoint).address()!;
  return new Promise((resolve, reject) =>
    get({ host, port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject),
  );
}

/** The value of one sample (`name{labels} value`), or undefined when the exposition has none. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of body.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((w) => present.includes(w))) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics after a seeded run', () => {
  let app: INestApplication;
  let now = new Date('2024-03-05T09:00:00Z');
  const persons = ['p-metrics-1', 'p-metrics-2', 'p-metrics-3'];
  let written: RecordedEvent[];
  let body: string;

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => now }, metrics: { port: 0 } });
    const system = await as(app, integrationOf('akasse-3f'));
    for (const personId of persons) {
      for (const body of [
        fact('PersonFactsRecorded', {}),
        fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01' }),
        fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }),
      ])
        await system.post(`/persons/${personId}/facts`).send(body).expect(201);
      await system.get(`/persons/${personId}/deadlines`).expect(200);
    }
    await system.get('/persons/p-metrics-1/deadlines?asOf=not-a-day').expect(400);
    await system.get('/worklists/akasser/akasse-3f').expect(200);
    now = new Date('2024-03-25T09:00:00Z');
    await app.get(DeadlineSweeper).sweep();

    const { store } = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
    await app.get(DeadlinesReadSide).runner.waitFor((await headPosition(store))!, 5000);
    written = [];
    for await (const event of store.readAll()) if (!event.isSystem) written.push(event);
    const scraped = await scrape(app);
    expect(scraped.status).toBe(200);
    body = scraped.body;
  });
  afterAll(() => app.close());

  it('counts every event appended, as the store holds them', () => {
    expect(written.length).toBeGreaterThan(0);
    expect(sample(body, 'sagsforloeb_event_store_events_total', { operation: 'append' })).toBe(
      written.length,
    );
    expect(
      sample(body, 'sagsforloeb_event_store_call_duration_seconds_count', {
        operation: 'append',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
  });

  it('counts requests by route pattern, method and status, with their latency', () => {
    const facts = { route: '/persons/:personId/facts', method: 'POST', status: '201' };
    expect(sample(body, 'sagsforloeb_http_requests_total', facts)).toBe(persons.length * 3);
    expect(sample(body, 'sagsforloeb_http_request_duration_seconds_count', facts)).toBe(persons.length * 3);
    const deadlines = { route: '/persons/:personId/deadlines', method: 'GET' };
    expect(sample(body, 'sagsforloeb_http_requests_total', { ...deadlines, status: '200' })).toBe(3);
    expect(sample(body, 'sagsforloeb_http_requests_total', { ...deadlines, status: '400' })).toBe(1);
  });

  it('counts the access-log entries and the sweep’s candidates and recorded misses as the store has them', () => {
    const reads = written.filter((e) => e.type === 'PersonDataRead');
    expect(reads.length).toBeGreaterThan(0);
    expect(sample(body, 'sagsforloeb_access_log_entries_total')).toBe(reads.length);
    const missed = written.filter((e) => e.type === 'DeadlineMissed');
    expect(missed.length).toBeGreaterThan(0);
    expect(sample(body, 'sagsforloeb_deadline_sweep_misses_recorded_total')).toBe(missed.length);
    expect(sample(body, 'sagsforloeb_deadline_sweep_candidates_total')).toBe(persons.length);
    expect(sample(body, 'sagsforloeb_deadline_sweep_runs_total', { outcome: 'ok' })).toBe(1);
  });

  it('shows each projection’s checkpoint, lag and events applied', () => {
    const contactProcess = written.filter((e) => e.streamName.startsWith('contact-process-'));
    const checkpoint = app.get(DeadlinesReadSide).runner.status().checkpoint!.commit;
    expect(sample(body, 'sagsforloeb_projection_checkpoint', { projection: 'deadlines' })).toBe(
      Number(checkpoint),
    );
    expect(sample(body, 'sagsforloeb_projection_events_applied_total', { projection: 'deadlines' })).toBe(
      contactProcess.length,
    );
    expect(sample(body, 'sagsforloeb_projection_lag_events', { projection: 'deadlines' })).toBe(0);
    expect(sample(body, 'sagsforloeb_projection_lag_seconds', { projection: 'supervision' })).toBe(0);
    expect(sample(body, 'sagsforloeb_projection_errors_total', { projection: 'deadlines' })).toBeUndefined();
  });

  it('names no person and no path in any label', () => {
    for (const personId of persons) expect(body).not.toContain(personId);
    expect(body).not.toContain('asOf');
  });

  it('serves nothing else on its port', async () => {
    expect((await scrape(app, '/health')).status).toBe(404);
  });

  it('keeps each app’s figures apart (no global registry)', async () => {
    const other = await createTestApp({ metrics: { port: 0 } });
    try {
      const fresh = await scrape(other);
      expect(
        sample(fresh.body, 'sagsforloeb_event_store_events_total', { operation: 'append' }),
      ).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
