/**
 * `npm run token -- --role <role> --org <org> [--user u] [--kind akasse|jobcenter] [--scope all|"org1 org2"]
 * [--purpose "…"] [--ttl 8h]`: a development token signed with the development key in the data folder (made
 * here if the service has not made it yet). Prints the token alone on stdout, so `$(npm run -s token -- …)`
 * can be used in a shell. Only for embedded defaults: a real deployment's tokens come from its identity provider.
 */
import { parseArgs } from 'node:util';
import {
  devKeyFileFromEnv,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKey,
  signToken,
  type TokenClaims,
  principalFromClaims,
  ROLES,
} from '@app/auth';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> --org <organisation id>
         [--user <sub>] [--kind akasse|jobcenter (integration)] [--scope all|"<org> <org>" (auditor)]
         [--purpose "<why>" (auditor: binds every read to it)] [--ttl 8h]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      user: { type: 'string' },
      kind: { type: 'string' },
      scope: { type: 'string' },
      purpose: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (process.env.AUTH_JWT_PUBLIC_KEY || process.env.AUTH_JWKS_URL)
    throw new Error(
      'a verification key is configured (AUTH_JWT_PUBLIC_KEY / AUTH_JWKS_URL): the service does not accept development tokens; get one from your identity provider',
    );
  if (!values.role || !values.org) throw new Error(`--role and --org are required\n${USAGE}`);
  const claims: TokenClaims = {
    sub: values.user ?? `${values.role}@${values.org}`,
    role: values.role,
    org: values.org,
    ...(values.role === 'integration'
      ? {
          org_kind: (values.kind ?? (values.org.startsWith('jc') ? 'jobcenter' : 'akasse')) as
            'akasse' | 'jobcenter',
        }
      : {}),
    ...(values.role === 'auditor' ? { scope: values.scope ?? 'all' } : {}),
    ...(values.purpose ? { purpose: values.purpose } : {}),
  };
  const checked = principalFromClaims(claims as unknown as Record<string, unknown>);
  if ('reason' in checked) throw new Error(`${checked.reason}\n${USAGE}`);
  const file = devKeyFileFromEnv();
  const key = await ensureDevKey(file);
  const token = await signToken(key, claims, {
    issuer: process.env.AUTH_JWT_ISSUER || DEV_ISSUER,
    audience: process.env.AUTH_JWT_AUDIENCE || DEV_AUDIENCE,
    expiresIn: values.ttl,
  });
  process.stderr.write(
    `development token for ${claims.role} of ${claims.org} (sub ${claims.sub}), valid ${values.ttl}, signed with ${file}\n`,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`token: ${error.message}\n`);
  process.exit(1);
});
