/**
 * The API (or another app, such as the worker) as its own OS process, as an operator runs each instance: for
 * specs that need several instances over one event store and one read database, a kill -9 of one of them, or
 * the compiled build.
 *
 * Each process gets its own fresh working folder, so whatever an instance keeps on local disk (the `./data`
 * defaults: SQLite read models, keyring, development keys) is its own, as on separate machines; what the
 * instances share is only what the spec passes in `env` (EVENTSTORE_CONNECTION_STRING, READ_MODEL_DATABASE_URL,
 * the keys). The service's own settings are never inherited from whoever runs the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** How an app is run: from the sources as `npm start` does, or from a build as `npm run start:prod` does. */
export type AppRun = { kind: 'ts-node' } | { kind: 'compiled'; outDir: string };

export interface ServiceProcessOptions {
  run?: AppRun;
  /** How long to wait for the line that says the app is running (default 60 s: ts-node compiles it first). */
  startTimeoutMs?: number;
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface ServiceProcess {
  child: ChildProcess;
  /** The process's working folder (its `./data` lies in it); removed by `stop()`. */
  workDir: string;
  stdout: () => string;
  stderr: () => string;
  /** stdout and stderr interleaved as they arrived. */
  output: () => string;
  /** Resolves once the process has exited, with its code (null when a signal ended it) and signal. */
  exited: Promise<Exit>;
  /** Sends `signal` (SIGTERM by default; SIGKILL for a crash) and resolves once the process has exited. */
  kill: (signal?: NodeJS.Signals) => Promise<Exit>;
  /** SIGTERM, waits for the graceful shutdown, removes the working folder; SIGKILL and an error if it hangs. */
  stop: (timeoutMs?: number) => Promise<Exit>;
}

export interface ApiProcess extends ServiceProcess {
  /** `http://127.0.0.1:<port>`, the port the process printed (PORT=0 by default, so a free one). */
  url: string;
}

/** The node arguments that run a compiled app from `outDir`: `npm run start:prod`'s, with `./dist`, for the API. */
export function compiledAppArgs(outDir: string, app: string): string[] {
  return [
    '--enable-source-maps',
    '-r',
    `${outDir}/apps/register-paths.js`,
    `${outDir}/apps/${app}/src/main.js`,
  ];
}

export const compiledApiArgs = (outDir: string) => compiledAppArgs(outDir, 'api');

function nodeArgs(run: AppRun, app: string): string[] {
  if (run.kind === 'compiled') return compiledAppArgs(run.outDir, app);
  // Resolved here: node resolves `-r` from the working folder, which is not the repository.
  return [
    '-r',
    require.resolve('ts-node/register/transpile-only'),
    '-r',
    require.resolve('tsconfig-paths/register'),
    join(ROOT, 'apps', app, 'src', 'main.ts'),
  ];
}

const SERVICE_SETTING =
  /^(PORT|HOST|EVENTSTORE_|READ_MODEL_|PERSONAL_DATA_|PERSON_KEY|CPR_KEY|AUTH_|PROJECTIONS|DEADLINE_SWEEP_|HEALTH_)/;

function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !SERVICE_SETTING.test(entry[0]),
    ),
  );
}

// A spec that fails before it stops its processes must not leave them running after the test worker ends.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `apps/<app>` with `env` over a clean environment (PORT=0 and HOST=127.0.0.1 unless given) and resolves
 * once its output matches `ready` (with the match); rejects with its output if it exits first or does not get
 * there in time.
 */
export async function startServiceProcess(
  app: string,
  env: Record<string, string>,
  ready: RegExp,
  options: ServiceProcessOptions = {},
): Promise<ServiceProcess & { ready: RegExpExecArray }> {
  const run = options.run ?? { kind: 'ts-node' };
  const workDir = mkdtempSync(join(tmpdir(), `sagsforloeb-${app}-`));
  const child = spawn(process.execPath, nodeArgs(run, app), {
    cwd: workDir,
    env: {
      ...inheritedEnv(),
      // ts-node and tsconfig-paths find the project from there, not from the working folder.
      ...(run.kind === 'ts-node' ? { TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } : {}),
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const stop = async (timeoutMs = 15_000) => {
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const result = await kill('SIGTERM');
    clearTimeout(timer);
    rmSync(workDir, { recursive: true, force: true });
    if (forced) throw new Error(`${app} did not stop within ${timeoutMs} ms of SIGTERM:\n${output}`);
    return result;
  };
  const handle = {
    child,
    workDir,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => output,
    exited,
    kill,
    stop,
  };

  try {
    const match = await outputMatching(app, () => output, ready, exited, options.startTimeoutMs ?? 60_000);
    return { ...handle, ready: match };
  } catch (error) {
    await kill('SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

/** main.ts's "  health:  http://host:port/health" line, printed once the API listens and handles signals. */
const API_RUNNING = /^ {2}health: +(http:\/\/\S+)\/health$/m;

/** The API as its own process; resolves once it prints that it is running, with the URL it listens on. */
export async function startApiProcess(
  env: Record<string, string>,
  options: ServiceProcessOptions = {},
): Promise<ApiProcess> {
  const { ready, ...started } = await startServiceProcess('api', env, API_RUNNING, options);
  return { ...started, url: ready[1] };
}

function outputMatching(
  app: string,
  output: () => string,
  ready: RegExp,
  exited: Promise<Exit>,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      settle();
    };
    const poll = setInterval(() => {
      const match = ready.exec(output());
      if (match) finish(() => resolve(match));
    }, 25);
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${app} did not start within ${timeoutMs} ms:\n${output()}`))),
      timeoutMs,
    );
    void exited.then(({ code, signal }) =>
      finish(() =>
        reject(new Error(`${app} exited (${code ?? signal}) before it was running:\n${output()}`)),
      ),
    );
  });
}

/**
 * The variables that configure the keys of a production-like instance: the public key and issuer/audience
 * tokens are verified with (AUTH_JWT_PUBLIC_KEY, as PEM), PERSONAL_DATA_KEY and CPR_KEY. Give every instance of
 * a spec the same ones, as an operator gives every instance the same secrets; sign tokens with the private half
 * (`tokenFor` in apps/api/test/test-app.ts signs with the key of `TEST_AUTH`).
 */
export function secretsEnv(secrets: {
  publicKey: KeyObject;
  issuer: string;
  audience: string;
  personalDataKey: Buffer;
  cprKey: Buffer;
}): Record<string, string> {
  return {
    AUTH_JWT_PUBLIC_KEY: secrets.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    AUTH_JWT_ISSUER: secrets.issuer,
    AUTH_JWT_AUDIENCE: secrets.audience,
    PERSONAL_DATA_KEY: secrets.personalDataKey.toString('base64'),
    CPR_KEY: secrets.cprKey.toString('base64'),
  };
}
