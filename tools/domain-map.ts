/**
 * The shape of the domain, read from its source: which folder of `libs/contact-process/src` imports which
 * (`npm run map` prints it), and every function longer than a limit. The domain-shape spec holds both to the
 * layout of issue #17: a neutral engine no regime owns, one folder per regime, small functions.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';

export const REPOSITORY_ROOT = join(__dirname, '..');
export const DOMAIN = join(REPOSITORY_ROOT, 'libs', 'contact-process', 'src');

const isSpec = (file: string) => /\.spec\.ts$/.test(file);

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !isSpec(path) ? [path] : [];
  });
}

/** The top folder of `libs/contact-process/src` a file sits in (`.` for the files directly in it). */
const folderOf = (file: string) => {
  const parts = relative(DOMAIN, file).split(sep);
  return parts.length > 1 ? parts[0] : '.';
};

/** Folder → the other folders its (non-spec) files import, each once, sorted. */
export function folderImports(): Map<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const file of sourceFiles(DOMAIN)) {
    const from = folderOf(file);
    const targets = map.get(from) ?? new Set<string>();
    map.set(from, targets);
    const specifiers = readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g);
    for (const [, specifier] of specifiers) {
      const to = folderOf(join(file, '..', specifier));
      if (to !== from) targets.add(to);
    }
  }
  return new Map([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}

export interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
}

/** Every function, method or arrow function with a body longer than `limit` lines in `dirs`' non-spec files. */
export function longFunctions(dirs: string[], limit: number): LongFunction[] {
  const found: LongFunction[] = [];
  for (const file of dirs.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const lines = source.getLineAndCharacterOfPosition(node.end).line - start + 1;
        if (lines > limit)
          found.push({ file: relative(REPOSITORY_ROOT, file), line: start + 1, name: nameOf(node), lines });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function nameOf(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name) return named.name.getText();
  const parent = node.parent as { name?: ts.Node } | undefined;
  return parent?.name?.getText() ?? '(anonymous)';
}

if (require.main === module) {
  for (const [folder, imports] of folderImports())
    console.log(`${folder.padEnd(8)} → ${imports.join(', ') || '—'}`);
}
