import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..', '..');

describe('the service started as a user starts it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sagsforloeb-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /health and /docs on embedded defaults, and shuts both down on SIGTERM', async () => {
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

    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);
  });
});
