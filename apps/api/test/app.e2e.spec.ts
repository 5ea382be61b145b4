import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDevKey, signToken } from '@app/auth';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..', '..');

describe('the service started as a user starts it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sagsforloeb-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /health and /docs on embedded defaults, the API to development tokens only, and shuts both down on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: '0',
          EVENTSTORE_PORT: '0',
          EVENTSTORE_DATA_DIR: dataDir,
          READ_MODEL_SQLITE_PATH: join(dataDir, 'read-models.sqlite'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));

    const started = Date.now();
    while (!/OpenAPI: (\S+)/.test(output)) {
      if (Date.now() - started > 45_000 || child.exitCode !== null)
        throw new Error(`did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const health = /health:\s+(\S+)/.exec(output)![1];
    const docs = /OpenAPI: (\S+)/.exec(output)![1];
    expect(output).toMatch(/embedded EventStoreDB node at esdb:\/\/127\.0\.0\.1:\d+\?tls=false/);

    const healthResponse = await fetch(health);
    expect(healthResponse.status).toBe(200);
    expect(await healthResponse.json()).toMatchObject({ status: 'ok', eventStore: { embedded: true } });

    const docsPage = await fetch(docs);
    expect(docsPage.status).toBe(200);
    expect(await docsPage.text()).toContain('swagger');
    const openApi = (await (await fetch(`${docs}/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openApi.paths)).toContain('/health');

    // Every other endpoint needs a token: the service made a development key and says how to mint one.
    expect(output).toContain('npm run token -- --role akasse-caseworker --org akasse-3f');
    const keyFile = join(dataDir, 'dev-jwt-key.json');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const base = health.replace(/\/health$/, '');
    const unauthenticated = await fetch(`${base}/persons/p-e2e/deadlines`);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('www-authenticate')).toMatch(/^Bearer/);

    // The token CLI, as `npm run token` runs it, on the same data folder.
    const minted = spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/token/src/main.ts',
        '--role',
        'akasse-caseworker',
        '--org',
        'akasse-3f',
      ],
      { cwd: ROOT, env: { ...process.env, EVENTSTORE_DATA_DIR: dataDir }, encoding: 'utf8' },
    );
    expect(minted.status).toBe(0);
    const caseworker = minted.stdout.trim();
    const system = await signToken(readDevKey(keyFile), {
      sub: 'system-1',
      role: 'integration',
      org: 'akasse-3f',
      org_kind: 'akasse',
    });
    const record = (factType: string, data: object) =>
      fetch(`${base}/persons/p-e2e/facts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${system}`, 'content-type': 'application/json' },
        body: JSON.stringify({ eventId: randomUUID(), factType, recordedBy: 'akasse', data }),
      });
    expect(
      (
        await record('PlacedInBenefitPeriod', {
          benefitPeriodId: 'bp-e2e',
          akasseId: 'akasse-3f',
          insurance: 'full-time',
          placedOn: '2024-03-01',
          continuingPlacement: false,
        })
      ).status,
    ).toBe(201);
    const deadlines = await fetch(`${base}/persons/p-e2e/deadlines`, {
      headers: { authorization: `Bearer ${caseworker}` },
    });
    expect(deadlines.status).toBe(200);
    expect(((await deadlines.json()) as { personId: string }).personId).toBe('p-e2e');

    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);
  });
});
