import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The README is the newcomer's first page and the docs are reached only through links: a moved or renamed page
// must fail here, not in a reader's browser.
const ROOT = resolve(__dirname, '..');
const README_MAX_LINES = 160;

const DOCS = [
  'README.md',
  'infra/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

interface Link {
  file: string;
  target: string;
}

/** Markdown without fenced blocks and inline code, where a `[x](y)` is text and not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

function linksOf(file: string): Link[] {
  const text = prose(readFileSync(join(ROOT, file), 'utf8'));
  return [...text.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => ({
    file,
    target: match[1],
  }));
}

const isRelative = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(path: string): Set<string> {
  const headings = prose(readFileSync(path, 'utf8')).match(/^#{1,6}\s+.+$/gm) ?? [];
  return new Set(headings.map((line) => anchorOf(line.replace(/^#+\s+/, ''))));
}

const relativeLinks = DOCS.flatMap(linksOf).filter((link) => isRelative(link.target));

describe('the README and docs/', () => {
  it('are linked to one another', () => {
    expect(relativeLinks.length).toBeGreaterThan(DOCS.length);
  });

  it('link only to files that exist', () => {
    const broken = relativeLinks
      .filter(({ file, target }) => {
        const path = target.split('#')[0];
        return path !== '' && !existsSync(resolve(ROOT, dirname(file), decodeURI(path)));
      })
      .map(({ file, target }) => `${file} → ${target}`);
    expect(broken).toEqual([]);
  });

  it('link only to headings that exist in the page they name', () => {
    const broken = relativeLinks
      .filter(({ target }) => target.includes('#'))
      .filter(({ file, target }) => {
        const [path, anchor] = target.split('#');
        const page = path === '' ? join(ROOT, file) : resolve(ROOT, dirname(file), decodeURI(path));
        if (!existsSync(page) || statSync(page).isDirectory()) return false; // the file check reports it
        return !anchorsOf(page).has(anchor);
      })
      .map(({ file, target }) => `${file} → ${target}`);
    expect(broken).toEqual([]);
  });

  it(`keep the README within ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length;
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('keep the two quick-start commands exactly as a newcomer types them', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/^npm install && npm start\b/m);
    expect(readme).toMatch(/^npm install && npm test\b/m);
  });

  it('reach every page of docs/ from the README', () => {
    const fromReadme = new Set(
      linksOf('README.md')
        .filter((link) => isRelative(link.target))
        .map((link) => relative(ROOT, resolve(ROOT, link.target.split('#')[0]))),
    );
    expect(DOCS.filter((doc) => doc.startsWith('docs/') && !fromReadme.has(doc))).toEqual([]);
  });
});
