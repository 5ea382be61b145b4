/**
 * The rule ids of the law digest, `shared/domain/RULES.md`, for the catalogue specs. The digest lives beside the
 * repository (`../shared/domain/RULES.md`) or where `RULES_MD` points. Without it the catalogue cannot be checked,
 * and a spec that then compared the catalogue with a copy of itself would pass while checking nothing: so a
 * missing digest is an error that says where it was looked for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPOSITORY_ROOT = join(__dirname, '..', '..', '..', '..');

export function rulesDigestPath(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.RULES_MD
    ? [env.RULES_MD]
    : [join(REPOSITORY_ROOT, '..', 'shared', 'domain', 'RULES.md')];
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
