import { randomBytes } from 'node:crypto';
import { fact, integrationOf, TEST_AUTH, tokenFor, type Who } from '../../apps/api/test/test-app';
import { secretsEnv, startApiProcess, type ApiProcess } from './api-process';
import { exited, spawnNodeProcess, type NodeProcess } from './node-process';

jest.setTimeout(120_000);

const caseworker: Who = { role: 'akasse-caseworker', org: 'akasse-3f' };

describe('the API as its own process over an event-store node started alone', () => {
  let node: NodeProcess;
  let api: ApiProcess;

  beforeAll(async () => {
    node = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: ':memory:', EVENTSTORE_PORT: '0' });
    if (TEST_AUTH.keys.kind !== 'key') throw new Error('the test key is a key');
    api = await startApiProcess({
      EVENTSTORE_CONNECTION_STRING: node.connectionString,
      ...secretsEnv({
        publicKey: TEST_AUTH.keys.key,
        issuer: TEST_AUTH.issuer,
        audience: TEST_AUTH.audience,
        personalDataKey: randomBytes(32),
        cprKey: randomBytes(32),
      }),
    });
  });
  afterAll(async () => {
    await api?.stop();
    node?.child.kill('SIGTERM');
    if (node) await exited(node.child);
  });

  const call = async (who: Who, path: string, body?: object) =>
    fetch(`${api.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${await tokenFor(who)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body && JSON.stringify(body),
    });

  it('is running on the port it printed, against the node, not an embedded one', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.stdout()).toContain('events:  EventStoreDB at EVENTSTORE_CONNECTION_STRING');
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ eventStore: { embedded: false } });
  });

  it('reads back the personal data of a fact it recorded, with the tokens the spec signs', async () => {
    const system = integrationOf('akasse-3f');
    const placed = await call(system, '/persons/p-proc-1/facts', fact('PlacedInBenefitPeriod'));
    expect(placed.status).toBe(201);
    // The birth date is a personal field: stored under the person's key, put back on read.
    const facts = await call(
      system,
      '/persons/p-proc-1/facts',
      fact('PersonFactsRecorded', { birthDate: '1987-11-23' }),
    );
    expect(facts.status).toBe(201);

    const history = await call(caseworker, '/persons/p-proc-1/history');
    expect(history.status).toBe(200);
    const { events } = (await history.json()) as { events: { type: string; data: object }[] };
    expect(events.find((event) => event.type === 'PersonFactsRecorded')?.data).toMatchObject({
      birthDate: '1987-11-23',
    });
  });

  it('rejects with what the service said when it cannot start', async () => {
    const start = startApiProcess({ EVENTSTORE_CONNECTION_STRING: node.connectionString });
    await expect(start).rejects.toThrow(
      /exited \(1\) before it was running:\n[^]*no key verifies bearer tokens/,
    );
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const { code } = await api.kill('SIGTERM');
    expect(code).toBe(0);
    expect(api.stdout()).toContain('SIGTERM: shutting down');
  });
});
