import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface NodeProcess {
  child: ChildProcess;
  connectionString: string;
  output: () => string;
}

/** Starts `apps/eventstore-node` as its own OS process (as `npm run start:node` does). */
export function spawnNodeProcess(env: Record<string, string>, nodeArgs: string[] = []): Promise<NodeProcess> {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'apps/eventstore-node/src/main.ts',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^listening (\S+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, connectionString: match[1], output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`node exited with ${code}: ${output}`), { code, output }));
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}
