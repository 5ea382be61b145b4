/**
 * infra/compose.yaml, the Dockerfile and the Caddyfile cannot be run here (no Docker engine), so what can be
 * checked without one is checked: that the compose file parses, and that the files agree with each other and
 * with package.json — the commands the containers run, the secrets each one is given and reads, the instances
 * the proxy sends requests to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// js-yaml comes with @nestjs/swagger (a dependency); no YAML parser is added for this spec.
import { load } from 'js-yaml';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  networks?: string[] | Record<string, unknown>;
}
interface Compose {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
}

/** YAML merge keys (`<<: *anchor`), which compose applies and js-yaml leaves as a key named `<<`. */
function mergeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mergeKeys);
  if (value === null || typeof value !== 'object') return value;
  const { '<<': base, ...own } = value as Record<string, unknown>;
  const bases = (Array.isArray(base) ? base : base === undefined ? [] : [base]).map(mergeKeys);
  const resolved = Object.fromEntries(Object.entries(own).map(([key, item]) => [key, mergeKeys(item)]));
  return Object.assign({}, ...bases, resolved);
}

const compose = mergeKeys(load(read('infra/compose.yaml'))) as Compose;
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const serviceImage = compose.services['api-1'].image;
const ours = Object.entries(compose.services).filter(([, service]) => service.image === serviceImage);
const dockerfile = read('Dockerfile');

/** The variables the image's entry point reads from NAME_FILE. */
function entrypointSecrets(): string[] {
  const loop = /for name in ([^;]+); do/.exec(read('infra/docker-entrypoint.sh'))![1];
  return loop.replace(/\\\n/g, ' ').trim().split(/\s+/);
}

describe('the deployment description', () => {
  it('runs two API instances and one worker from the service image, beside three event-store nodes, PostgreSQL and a proxy', () => {
    expect(ours.map(([name]) => name)).toEqual(['api-1', 'api-2', 'worker']);
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['eventstore-1', 'eventstore-2', 'eventstore-3', 'postgres', 'proxy']),
    );
  });

  it('starts the API as `npm run start:prod` does and the worker as `npm run start:worker:prod` does', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    expect(cmd.join(' ')).toBe(scripts['start:prod']);
    expect(compose.services.worker.command!.join(' ')).toBe(scripts['start:worker:prod']);
  });

  it('gives each container the secrets its _FILE settings name, and the entry point reads every one of them', () => {
    const readable = entrypointSecrets();
    for (const [name, service] of ours) {
      const files = Object.entries(service.environment ?? {}).filter(([key]) => key.endsWith('_FILE'));
      expect([name, files.length > 0]).toEqual([name, true]);
      for (const [key, path] of files) {
        expect([name, key, readable.includes(key.replace(/_FILE$/, ''))]).toEqual([name, key, true]);
        const secret = /^\/run\/secrets\/(.+)$/.exec(path)?.[1];
        expect([name, key, secret && service.secrets?.includes(secret)]).toEqual([name, key, true]);
      }
    }
    for (const service of Object.values(compose.services))
      for (const secret of service.secrets ?? [])
        expect(compose.secrets[secret]?.file).toMatch(/^\.\/secrets\//);
  });

  it('leaves the projections and the sweep to the worker: the API instances turn both off', () => {
    for (const name of ['api-1', 'api-2'])
      expect(compose.services[name].environment).toMatchObject({
        PROJECTIONS: 'off',
        DEADLINE_SWEEP_INTERVAL_MINUTES: '0',
      });
    expect(compose.services.worker.environment).not.toHaveProperty('PROJECTIONS');
  });

  it('sends the engine every file the image is built from (.dockerignore is an allowlist)', () => {
    const allowed = read('.dockerignore')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1));
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap(([, paths]) =>
      paths.split(' '),
    );
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'apps', 'infra/docker-entrypoint.sh']));
    for (const source of sources)
      expect([source, allowed.some((entry) => source === entry || source.startsWith(`${entry}/`))]).toEqual([
        source,
        true,
      ]);
  });

  it('has the proxy send requests to exactly the API instances, on the port the image listens on', () => {
    const port = /^ {4}PORT=(\d+)$/m.exec(dockerfile)![1];
    const upstreams = /reverse_proxy ([^{]+)\{/.exec(read('infra/Caddyfile'))![1].trim().split(/\s+/);
    expect(upstreams).toEqual(['api-1', 'api-2'].map((name) => `${name}:${port}`));
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
  });
});
