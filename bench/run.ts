/**
 * `npm run bench -- <name> [<name> …] [--runs N]` — runs the named benchmarks one after another, each N times
 * (default 1), so a closing note can give two runs of each from one command:
 *
 *   npm run bench -- store ingest deadlines peer --runs 2
 *
 * A name is a `bench:<name>` script of package.json (`all` means every one but soak, which runs until stopped by
 * its own settings and measures memory, not speed). Each run is its own `npm run bench:<name>` process, so it
 * starts from nothing and its own environment variables (BENCH_*, see docs/testing.md) apply as they would alone;
 * between runs nothing is shared but the machine. Figures only: the exit code says whether every run finished.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every benchmark package.json names as `bench:<name>`. */
function benchmarks(): string[] {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return Object.keys(manifest.scripts)
    .filter((script) => script.startsWith('bench:'))
    .map((script) => script.slice('bench:'.length));
}

interface Plan {
  names: string[];
  runs: number;
}

/** The names and run count of the command line, or the reason it is wrong (naming the argument). */
export function planOf(args: string[], known: string[]): Plan | { error: string } {
  const names: string[] = [];
  let runs = 1;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--runs') {
      const value = Number(args[i + 1]);
      if (!Number.isInteger(value) || value < 1)
        return { error: `--runs must be a whole number ≥ 1, got ${args[i + 1] ?? 'nothing'}` };
      runs = value;
      i += 1;
    } else if (arg === 'all') names.push(...known.filter((name) => name !== 'soak'));
    else if (known.includes(arg)) names.push(arg);
    else return { error: `no benchmark named "${arg}" (known: ${known.join(', ')}, all)` };
  }
  if (names.length === 0) return { error: `name at least one benchmark (known: ${known.join(', ')}, all)` };
  return { names: [...new Set(names)], runs };
}

function main(): void {
  const known = benchmarks();
  const plan = planOf(process.argv.slice(2), known);
  if ('error' in plan) {
    process.stderr.write(`npm run bench -- <name> [<name> …] [--runs N]: ${plan.error}\n`);
    process.exit(2);
  }
  // npm sets npm_execpath when it runs this script; run alone, the npm on PATH does.
  const npm = process.env.npm_execpath
    ? { command: process.execPath, prefix: [process.env.npm_execpath] }
    : { command: 'npm', prefix: [] };
  const failed: string[] = [];
  for (const name of plan.names)
    for (let run = 1; run <= plan.runs; run += 1) {
      const started = Date.now();
      process.stdout.write(
        `\n── bench:${name}, run ${run} of ${plan.runs}, ${new Date().toISOString()} ──\n`,
      );
      const { status } = spawnSync(npm.command, [...npm.prefix, 'run', '--silent', `bench:${name}`], {
        stdio: 'inherit',
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(
        `── bench:${name}, run ${run}: ${status === 0 ? 'done' : `exit ${status}`} in ${seconds} s ──\n`,
      );
      if (status !== 0) failed.push(`bench:${name} run ${run}`);
    }
  if (failed.length > 0) {
    process.stderr.write(`failed: ${failed.join(', ')}\n`);
    process.exit(1);
  }
}

if (require.main === module) main();
