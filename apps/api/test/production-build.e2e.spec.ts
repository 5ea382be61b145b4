import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledApiArgs, compiledAppArgs, startApiProcess } from '../../../test/support/api-process';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..', '..');
const APPS = ['api', 'eventstore-node', 'projections', 'token', 'demo'];

/** `npm run build` with its output sent to `outDir` instead of `dist/`, so the spec leaves the checkout as it was. */
function build(outDir: string): Promise<void> {
  const child = spawn('npm', ['run', '-s', 'build', '--', '--outDir', outDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`build failed (${code}):\n${output}`)),
    ),
  );
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' });
}

/** The npm packages the compiled files require (`@scope/name` or `name`), neither built-ins nor our aliases. */
function packagesRequiredBy(outDir: string): Set<string> {
  const required = new Set<string>();
  for (const file of filesUnder(outDir).filter(
    (name) => name.endsWith('.js') && !name.startsWith('node_modules'),
  )) {
    for (const [, specifier] of readFileSync(join(outDir, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
      if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('@app/'))
        continue;
      const name = specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
      if (!builtinModules.includes(name)) required.add(name);
    }
  }
  return required;
}

describe('the production build', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'sagsforloeb-build-'));
  beforeAll(async () => {
    await build(outDir);
    // As in the container image: the build beside node_modules, with no sources and no ts-node hook.
    symlinkSync(join(ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('compiles every app to JavaScript, without the specs and their helpers', () => {
    for (const app of APPS) expect(existsSync(join(outDir, 'apps', app, 'src', 'main.js'))).toBe(true);
    expect(existsSync(join(outDir, 'apps', 'api', 'test'))).toBe(false);
    const files = filesUnder(join(outDir, 'apps')).concat(filesUnder(join(outDir, 'libs')));
    expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
    expect(files.filter((file) => file.includes('.spec.'))).toEqual([]);
  });

  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
  };

  it('is what `npm run start:prod` runs', () => {
    expect(manifest.scripts['start:prod']).toBe(['node', ...compiledApiArgs('./dist')].join(' '));
  });

  it('requires nothing but the production dependencies (the image installs only those: npm ci --omit=dev)', () => {
    const required = [...packagesRequiredBy(outDir)];
    expect(required).toEqual(expect.arrayContaining(['@nestjs/core', 'better-sqlite3', 'tsconfig-paths']));
    expect(required.filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });

  it('runs the compiled API on an in-memory node: /health answers, a compiled CLI’s token is accepted, SIGTERM stops it', async () => {
    const api = await startApiProcess(
      { EVENTSTORE_DATA_DIR: ':memory:', EVENTSTORE_PORT: '0', READ_MODEL_SQLITE_PATH: ':memory:' },
      { run: { kind: 'compiled', outDir } },
    );
    try {
      const health = await fetch(`${api.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ eventStore: { embedded: true } });

      // The compiled token CLI, on the API's data folder, signs with the development key the API made there.
      const minted = spawnSync(
        process.execPath,
        [
          ...compiledAppArgs(outDir, 'token'),
          '--role',
          'auditor',
          '--org',
          'rigsrevisionen',
          '--scope',
          'all',
          '--purpose',
          'production build check',
        ],
        { cwd: api.workDir, encoding: 'utf8', env: { PATH: process.env.PATH } },
      );
      expect(minted.stderr).toContain('development token for auditor');
      const unknownPerson = await fetch(`${api.url}/persons/p-build-1/deadlines`, {
        headers: { authorization: `Bearer ${minted.stdout.trim()}` },
      });
      // An auditor with scope `all` is told a person with no facts is unknown: the token was verified.
      expect(unknownPerson.status).toBe(404);
    } finally {
      const { code } = await api.stop();
      expect(code).toBe(0);
      expect(api.stdout()).toContain('SIGTERM: shutting down');
    }
  });
});
