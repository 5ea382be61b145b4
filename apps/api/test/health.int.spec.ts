import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { EventStoreConnection } from '@app/event-store';
import { createTestApp } from './test-app';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';

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

  it('answers 503 when the event store is gone', async () => {
    await app.get<EventStoreConnection>(EVENT_STORE_CONNECTION).embeddedNode!.stop();
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    expect(response.body.message).toMatch(/The event store does not answer/);
  });
});
