/**
 * `npm run import -- <file.ndjson> --org <org> --kind akasse|jobcenter [--user <sub>]`: the facts of many
 * persons recorded as POST /imports records them (the same use case, in the API's module without HTTP), as the
 * caseworker system the options name. Progress on stderr, the report (refused lines and all) as JSON on stdout;
 * exit code 0 when every line was recorded or already there, 2 when a line was refused, 1 when it could not run.
 */
import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { principalFromClaims } from '@app/auth';
import { eventStoreConfigFromEnv } from '@app/event-store';
import { personalDataSettingsFromEnv } from '@app/personal-data';
import type { Caller } from './access/caller';
import { AppModule } from './app.module';
import { ImportFacts, type ImportReport } from './contact-process/import-facts';
import { importLines } from './contact-process/import-lines';
import { readModelSettingsFromEnv } from './contact-process/read-model.settings';

export interface ImportCliIo {
  env: NodeJS.ProcessEnv;
  stdout: Pick<NodeJS.WriteStream, 'write'>;
  stderr: Pick<NodeJS.WriteStream, 'write'>;
}

const USAGE = 'usage: npm run import -- <file.ndjson> --org <org> --kind akasse|jobcenter [--user <sub>]';

/** The file and the caseworker system it is imported as, or the reason the arguments say neither. */
export function importArguments(
  argv: readonly string[],
): { file: string; caller: Caller } | { reason: string } {
  const options = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) options.set(argv[i].slice(2), argv[++i] ?? '');
    else files.push(argv[i]);
  }
  if (files.length !== 1) return { reason: `name one file of newline-delimited facts\n${USAGE}` };
  const unknown = [...options.keys()].filter((o) => !['org', 'kind', 'user'].includes(o));
  if (unknown.length > 0) return { reason: `unknown option --${unknown[0]}\n${USAGE}` };
  // The options are read as a token's claims are, so the import's caller is held to the same checks.
  const read = principalFromClaims({
    sub: options.get('user') ?? 'import-cli',
    role: 'integration',
    org: options.get('org'),
    org_kind: options.get('kind'),
  });
  if ('reason' in read)
    return { reason: `${read.reason.replace(/the token('s)?/g, 'the options')}\n${USAGE}` };
  return {
    file: files[0],
    caller: { ...read.principal, purpose: null, jobOrderId: null, endpoint: 'CLI import' },
  };
}

const progressLine = (r: ImportReport, started: number) => {
  const seconds = (Date.now() - started) / 1000;
  const done = r.recorded + r.duplicates;
  return `${r.lines} lines read: ${r.recorded} recorded, ${r.duplicates} already there, ${r.refused.length} refused (${Math.round(done / Math.max(seconds, 0.001))} facts/s)\n`;
};

export async function runImportCli(argv: readonly string[], io: ImportCliIo): Promise<number> {
  const parsed = importArguments(argv);
  if ('reason' in parsed) {
    io.stderr.write(`${parsed.reason}\n`);
    return 1;
  }
  const context = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      eventStore: eventStoreConfigFromEnv(io.env),
      personalData: personalDataSettingsFromEnv(io.env, { embedded: !io.env.EVENTSTORE_CONNECTION_STRING }),
      // The import only writes: the service (or the worker) projects what it stored.
      readModel: {
        ...readModelSettingsFromEnv(io.env, resolve('data', 'read-models.sqlite')),
        projections: 'off',
      },
      clock: { now: () => new Date() },
      deadlineSweep: { intervalMinutes: 0 },
    }),
    { logger: ['error', 'warn'] },
  );
  try {
    const started = Date.now();
    // Bytes, not text: each line is held to the body limit and to UTF-8 before it is decoded (importLines).
    const lines = importLines(createReadStream(parsed.file));
    const report = await context
      .get(ImportFacts)
      .execute(lines, parsed.caller, (r) => io.stderr.write(progressLine(r, started)));
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.refused.length > 0 ? 2 : 0;
  } finally {
    await context.close();
  }
}
