import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { EventStoreConnection } from '@app/event-store';
import { createTestApp } from './test-app';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { DeadlinesReadSide } from '../src/contact-process/contact-process.providers';

describe('GET /health', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('reports the event store and the newest position in $all', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', eventStore: { embedded: true, lastPosition: '3' } });
  });

  it('says live and ready while everything answers', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'live' });
    await request(app.getHttpServer()).get('/health/ready').expect(200, { status: 'ready', reasons: [] });
  });

  it('answers 503 when the event store is gone', async () => {
    await app.get<EventStoreConnection>(EVENT_STORE_CONNECTION).embeddedNode!.stop();
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    expect(response.body.message).toMatch(/The event store does not answer/);
  });

  describe('while the event store is gone', () => {
    it('is live, not ready, with Retry-After and a reason that names no internal address', async () => {
      await request(app.getHttpServer()).get('/health/live').expect(200);
      const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(ready.headers['retry-after']).toBe('5');
      expect(ready.body).toEqual({ status: 'not-ready', reasons: ['the event store does not answer'] });
      const health = await request(app.getHttpServer()).get('/health').expect(503);
      expect(health.body).toMatchObject({ status: 'unavailable', eventStore: { reachable: false } });
      expect(JSON.stringify(health.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|UNAVAILABLE/);
    });
  });
});

describe('GET /health/ready, when a projection is further behind than allowed', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp({ health: { maxLagEvents: 0, maxLagSeconds: 3600, checkTimeoutMs: 2000 } });
  });
  afterAll(() => app.close());

  it('is not ready until the projection has caught up, and says which one', async () => {
    // Stopped, the deadlines projection no longer follows: a fact for it is then one event behind.
    await app.get(DeadlinesReadSide).runner.stop();
    const connection = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
    await connection.store.append('contact-process-p-lagging', [
      {
        type: 'Noted',
        schemaVersion: 1,
        data: {},
        metadata: {
          eventId: '7a0c2f34-5d54-4c36-9b0e-3d8a1c2b4e5f',
          occurredAt: '2024-01-01T00:00:00.000Z',
          actor: { organisation: 'test', role: 'test', user: 'test' },
          correlationId: '7a0c2f34-5d54-4c36-9b0e-3d8a1c2b4e60',
          causationId: null,
        },
      },
    ]);
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(ready.body.reasons).toEqual([expect.stringMatching(/^projection deadlines is 1 events/)]);
    const health = await request(app.getHttpServer()).get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'unavailable', eventStore: { reachable: true } });
  });
});
