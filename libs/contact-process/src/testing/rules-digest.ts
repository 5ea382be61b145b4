/**
 * The rule ids of the law digest, `shared/domain/RULES.md`, for the catalogue specs. The digest lives beside the
 * repository (`../shared/domain/RULES.md`); the repository keeps a copy (`docs/law/RULES.md`) so that the suite
 * runs on a machine that has only the clone, and the copy must equal the digest wherever both are present (a
 * stale copy fails here, loudly). `RULES_MD` points elsewhere. Without any of them the catalogue cannot be
 * checked, and a spec that then compared the catalogue with a copy of itself would pass while checking nothing:
 * so a missing digest is an error that says where it was looked for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPOSITORY_ROOT = join(__dirname, '..', '..', '..', '..');
export const SHARED_DIGEST = join(REPOSITORY_ROOT, '..', 'shared', 'domain', 'RULES.md');
export const REPOSITORY_COPY = join(REPOSITORY_ROOT, 'docs', 'law', 'RULES.md');

export function rulesDigestPath(
  env: NodeJS.ProcessEnv = process.env,
  shared: string = SHARED_DIGEST,
  copy: string = REPOSITORY_COPY,
): string {
  if (existsSync(shared) && existsSync(copy) && readFileSync(shared, 'utf8') !== readFileSync(copy, 'utf8'))
    throw new Error(
      `${copy} differs from the law digest ${shared}: copy the digest over it (cp ${shared} ${copy})`,
    );
  const candidates = env.RULES_MD ? [env.RULES_MD] : [shared, copy];
  const found = candidates.find((path) => existsSync(path));
  if (!found)
    throw new Error(
      `the law digest RULES.md is missing (looked for ${candidates.join(', ')}): the rule catalogue cannot be checked against it. Put shared/domain/RULES.md beside the repository or set RULES_MD to its path.`,
    );
  return found;
}

/** The ids of one regime (`C24`, `G03`, `HP`, …) that head a row of the digest's tables, each once. */
export function rulesDigestIds(regime: string, path: string = rulesDigestPath()): string[] {
  const rows = readFileSync(path, 'utf8').match(new RegExp(`^\\| (${regime}-[A-Z0-9]+) \\|`, 'gm')) ?? [];
  const ids = [...new Set(rows.map((row) => row.slice(2, -2)))];
  if (ids.length === 0) throw new Error(`the law digest ${path} lists no ${regime} rule ids`);
  return ids;
}
