// A throw-away PostgreSQL cluster for the test suite (jest globalSetup / globalTeardown).
//
// When TEST_DATABASE_URL is set (CI may start its own server, an operator may point at one), it is used as it
// is. Otherwise Debian's `postgresql` binaries are found under /usr/lib/postgresql/<version>/bin (installed
// with `apt-get install -y postgresql` when missing and we are root, as the project's own install step),
// a cluster is initialised in a temporary folder on a free loopback port, owned by an unprivileged user
// (PostgreSQL refuses to run as root), started, and stopped with its folder removed at the end.
//
// The specs read TEST_DATABASE_URL (an admin URL to the `postgres` database) through test/support/postgres.ts,
// which makes one fresh database per spec file.
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const STATE = join(tmpdir(), `sagsforloeb-test-pg-${process.pid}.json`);

function findBinaries() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function installWhenMissing() {
  if (findBinaries()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('which', ['apt-get']).status !== 0) {
    throw new Error(
      "The PostgreSQL specs need a PostgreSQL server: install Debian's package (apt-get install -y postgresql) " +
        'or set TEST_DATABASE_URL=postgres://user:password@host:port/postgres',
    );
  }
  process.stderr.write("\n[test] installing Debian's postgresql for the PostgreSQL specs (apt-get)…\n");
  execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary as the unprivileged `postgres` user when we are root. */
function run(bin, args, options = {}) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const [command, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

module.exports = async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) return;
  installWhenMissing();
  const bin = findBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'sagsforloeb-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) execFileSync('chown', ['postgres', dir]);
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=200`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  writeFileSync(STATE, JSON.stringify({ bin, dir, data }));
  process.env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
};

module.exports.teardown = async function globalTeardown() {
  if (!existsSync(STATE)) return;
  const { bin, dir, data } = JSON.parse(require('node:fs').readFileSync(STATE, 'utf8'));
  try {
    run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(STATE, { force: true });
  }
};
