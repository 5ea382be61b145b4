import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENTRYPOINT = join(__dirname, '..', '..', '..', 'infra', 'docker-entrypoint.sh');

/** Runs the image's entry point with /bin/sh (as the image does), printing the environment the service gets. */
function entrypoint(env: Record<string, string>) {
  const result = spawnSync(
    '/bin/sh',
    [ENTRYPOINT, process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.env))'],
    { env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8' },
  );
  return {
    status: result.status,
    stderr: result.stderr,
    env: result.status === 0 ? (JSON.parse(result.stdout) as Record<string, string>) : {},
  };
}

describe('the image’s entry point', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sagsforloeb-secrets-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const secret = (name: string, content: string) => {
    writeFileSync(join(folder, name), content);
    return join(folder, name);
  };

  it('sets each secret setting from the file its _FILE names, without the trailing newline, and drops the _FILE', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----';
    const { status, env } = entrypoint({
      PERSONAL_DATA_KEY_FILE: secret('personal_data_key', 'a2V5LW9uZQ==\n'),
      AUTH_JWT_PUBLIC_KEY_FILE: secret('auth.pem', `${pem}\n`),
      READ_MODEL_DATABASE_URL_FILE: secret('db', 'postgres://sagsforloeb:pw@postgres/sagsforloeb\n'),
    });
    expect(status).toBe(0);
    expect(env).toMatchObject({
      PERSONAL_DATA_KEY: 'a2V5LW9uZQ==',
      AUTH_JWT_PUBLIC_KEY: pem,
      READ_MODEL_DATABASE_URL: 'postgres://sagsforloeb:pw@postgres/sagsforloeb',
    });
    expect(Object.keys(env).filter((name) => name.endsWith('_FILE'))).toEqual([]);
  });

  it('leaves other *_FILE variables as the paths they are', () => {
    const { status, env } = entrypoint({ SSL_CERT_FILE: secret('bundle.pem', 'not a secret of ours') });
    expect(status).toBe(0);
    expect(env.SSL_CERT_FILE).toBe(join(folder, 'bundle.pem'));
    expect(env.SSL_CERT).toBeUndefined();
  });

  it('refuses a setting given both ways, and a file it cannot read, naming the variable', () => {
    const both = entrypoint({ CPR_KEY: 'x', CPR_KEY_FILE: secret('cpr_key', 'y') });
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('both CPR_KEY and CPR_KEY_FILE are set');
    const missing = entrypoint({ EVENTSTORE_CONNECTION_STRING_FILE: join(folder, 'absent') });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('EVENTSTORE_CONNECTION_STRING_FILE is');
  });
});
