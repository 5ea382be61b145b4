import { randomBytes } from 'node:crypto';
import { secretsEnv, startApiProcess, type ApiProcess } from '../../../test/support/api-process';
import { fact, integrationOf, TEST_AUTH, tokenFor, type Who } from './test-app';

jest.setTimeout(120_000);

/** What a seeded run sends that must never reach a log: a CPR number, free texts, and (below) tokens and ids. */
const CPR = '010190-1234';
const NOTE = 'member-said-this-in-confidence-7f3a';
const REASON = 'wrong-person-retraction-text-91c2';

describe('the logs of a seeded run of the API process', () => {
  let api: ApiProcess;
  const tokens: string[] = [];
  const personIds: string[] = [];
  const correlationId = 'corr-logs-0001';

  const call = async (who: Who, path: string, body?: object, headers: Record<string, string> = {}) => {
    const token = await tokenFor(who);
    tokens.push(token);
    return fetch(`${api.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body && JSON.stringify(body),
    });
  };

  beforeAll(async () => {
    if (TEST_AUTH.keys.kind !== 'key') throw new Error('the test key is a key');
    api = await startApiProcess({
      EVENTSTORE_DATA_DIR: ':memory:',
      EVENTSTORE_PORT: '0',
      DEADLINE_SWEEP_INTERVAL_MINUTES: '0',
      ...secretsEnv({
        publicKey: TEST_AUTH.keys.key,
        issuer: TEST_AUTH.issuer,
        audience: TEST_AUTH.audience,
        personalDataKey: randomBytes(32),
        cprKey: randomBytes(32),
      }),
    });
    const system = integrationOf('akasse-3f');
    const identified = await call(system, '/persons/identify', { cpr: CPR });
    expect(identified.status).toBe(200);
    personIds.push(((await identified.json()) as { personId: string }).personId, 'p-logs-2');
    for (const personId of personIds) {
      for (const body of [
        fact('PersonFactsRecorded'),
        fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01' }),
        fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }),
        fact('MinPlanPrepared', { preparedOn: '2024-03-15', jobGoals: [NOTE] }),
      ]) {
        const response = await call(system, `/persons/${personId}/facts`, body, {
          'X-Correlation-Id': correlationId,
        });
        expect(response.status).toBe(201);
      }
      const caseworker: Who = { role: 'akasse-caseworker', org: 'akasse-3f' };
      expect((await call(caseworker, `/persons/${personId}/deadlines`)).status).toBe(200);
      // Refusals and bad requests are logged too: still without the id, the CPR number or the text.
      expect(
        (await call({ role: 'akasse-caseworker', org: 'akasse-other' }, `/persons/${personId}/deadlines`))
          .status,
      ).toBe(403);
      expect(
        (await call(system, `/persons/${personId}/facts`, fact('FactRetracted', { reason: REASON }))).status,
      ).toBeGreaterThanOrEqual(400);
    }
    expect((await call(system, `/persons/${CPR}/deadlines`)).status).toBe(400);
    const unauthenticated = await fetch(`${api.url}/persons/${personIds[1]}/deadlines`, {
      headers: { authorization: 'Bearer not.a-valid.token' },
    });
    expect(unauthenticated.status).toBe(401);
    // Stopped, so every line is written out.
    await api.stop();
  });

  const lines = () =>
    api
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));

  it('writes JSON lines with time, level, request id, correlation id, route, status and duration', () => {
    const completed = lines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => typeof entry.responseTime === 'number');
    expect(completed.length).toBeGreaterThan(10);
    const recorded = completed.find(
      (e) => e.route === '/persons/:personId/facts' && (e.res as { statusCode: number }).statusCode === 201,
    );
    expect(recorded).toMatchObject({
      time: expect.any(Number),
      level: 30,
      correlationId,
      req: { id: expect.any(String), method: 'POST' },
      res: { statusCode: 201 },
    });
    const refused = completed.find((e) => (e.res as { statusCode: number }).statusCode === 403);
    expect(refused).toMatchObject({ level: 40, route: '/persons/:personId/deadlines' });
  });

  it('holds no token, person id, CPR number or free text', () => {
    const output = api.output();
    expect(output.length).toBeGreaterThan(0);
    for (const token of tokens) {
      expect(output).not.toContain(token);
      expect(output).not.toContain(token.split('.')[2]);
    }
    for (const personId of personIds) expect(output).not.toContain(personId);
    expect(output).not.toContain(CPR);
    expect(output).not.toContain(CPR.replace('-', ''));
    expect(output).not.toContain(NOTE);
    expect(output).not.toContain(REASON);
    expect(output).not.toMatch(/authorization/i);
  });
});
