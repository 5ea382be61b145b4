import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Lints each snippet as if it were the file at its path, with the repository's own eslint.config.mjs, in a
 * child process (ESLint and its config are ES modules, which jest's CommonJS runtime does not load); answers
 * the no-restricted-imports messages per file.
 */
function restrictedImports(files: Array<[path: string, code: string]>): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const files = JSON.parse(await new Promise((resolve) => {
      let input = '';
      process.stdin.on('data', (chunk) => (input += chunk)).on('end', () => resolve(input));
    }));
    const eslint = new ESLint({ cwd: process.cwd() });
    const answers = [];
    for (const [filePath, code] of files) {
      const [result] = await eslint.lintText(code, { filePath });
      answers.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(answers));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    input: JSON.stringify(files),
    encoding: 'utf8',
  });
  return JSON.parse(out) as string[][];
}

const importing = (from: string) => `import * as probe from '${from}';\nexport const used = probe;\n`;

/** [the importing file, what it imports, the message expected (undefined: allowed)] */
const CASES: Array<[file: string, imports: string, refused: RegExp | undefined]> = [
  // The libs' order: each imports only the libs below it.
  ['libs/personal-data/src/probe.ts', '@app/contact-process', /personal-data imports only the libs below it/],
  ['libs/personal-data/src/probe.ts', '@app/supervision', /personal-data imports only the libs below it/],
  ['libs/legal-time/src/probe.ts', '@app/event-store', /legal-time imports only the libs below it \(none\)/],
  ['libs/event-store/src/probe.ts', '@app/legal-time', undefined],
  ['libs/event-store/src/probe.ts', '@app/contact-process', /event-store imports only the libs below it/],
  ['libs/contact-process/src/process/probe.ts', '@app/deadlines', /contact-process imports only/],
  ['libs/contact-process/src/probe.ts', '@app/personal-data', undefined],
  ['libs/deadlines/src/probe.ts', '@app/supervision', /deadlines imports only/],
  ['libs/supervision/src/probe.ts', '@app/contact-process/testing', undefined],
  ['libs/projections/src/probe.ts', '@app/contact-process', /projections imports only/],
  // Libs never import an app or test/ (their specs may use test/support).
  ['libs/projections/src/probe.ts', '../../../test/support/eventually', /never imports test\//],
  ['libs/projections/src/probe.int.spec.ts', '../../../test/support/eventually', undefined],
  ['libs/deadlines/src/probe.ts', '../../../apps/api/src/app', /A lib never imports an app/],
  ['libs/deadlines/src/probe.ts', '../../supervision/src/supervision.rules', /use its @app\/\.\.\. alias/],
  // Only libs/event-store imports the client.
  ['libs/contact-process/src/probe.ts', '@eventstore/db-client', /Only libs\/event-store imports/],
  ['apps/api/src/probe.ts', '@eventstore/db-client', /Only libs\/event-store imports/],
  ['libs/event-store/src/probe.ts', '@eventstore/db-client', undefined],
  ['libs/event-store/src/probe.unit.spec.ts', '@eventstore/db-client/generated/shared_pb', undefined],
  // Apps never import another app's sources or test/.
  ['apps/token/src/probe.ts', '../../api/src/access/caller', /never imports another app's sources/],
  ['apps/demo/src/probe.ts', '../../../test/support/population', /never imports test\//],
  ['apps/demo/src/probe.ts', '../../api/src/main', undefined],
  ['apps/demo/src/probe.ts', '../../api/src/app', /never imports another app's sources/],
  ['apps/worker/src/probe.ts', '../../api/src/app.module', undefined],
  ['apps/worker/src/probe.ts', '../../api/src/access/caller', /never imports another app's sources/],
  ['apps/api/src/access/probe.ts', '../../../../test/support/browser', /never imports test\//],
  ['apps/api/test/probe.int.spec.ts', '../../../test/support/browser', undefined],
  ['apps/api/src/access/probe.ts', '@app/auth', undefined],
];

describe('import boundaries (eslint.config.mjs)', () => {
  const answers = restrictedImports(CASES.map(([file, from]) => [file, importing(from)]));

  it.each(CASES.map((c, i) => [...c, i] as const))('%s importing %s', (_file, _from, refused, i) => {
    if (refused === undefined) expect(answers[i]).toEqual([]);
    else expect(answers[i]).toEqual([expect.stringMatching(refused)]);
  });
});
