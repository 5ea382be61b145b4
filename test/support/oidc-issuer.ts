/**
 * A small OpenID Connect provider for specs: discovery, /authorize (signs the configured user in at once),
 * /token (authorisation code with PKCE S256 only), /jwks and /logout. Tokens are ES256 JWTs signed with jose.
 * It checks what a real provider checks for this flow — client, redirect URI, code challenge, one-time codes —
 * so a client that skips PKCE or sends the wrong verifier fails here as it would there.
 */
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface TestIssuer {
  url: string;
  clientId: string;
  /** The audience of the access tokens it issues (the API's). */
  audience: string;
  /** Who /authorize signs in next: the access token's claims besides iss, aud, iat, exp. */
  signInAs(claims: Record<string, unknown> & { sub: string }): void;
  /** What each endpoint was asked, in order: for assertions about the flow. */
  requests: Array<{ path: string; params: Record<string, string> }>;
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | undefined;
  claims: Record<string, unknown> & { sub: string };
}

export async function startTestIssuer(
  options: { clientId?: string; audience?: string } = {},
): Promise<TestIssuer> {
  const clientId = options.clientId ?? 'sagsforloeb-web';
  const audience = options.audience ?? 'sagsforloeb-api';
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-issuer-1', alg: 'ES256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const requests: TestIssuer['requests'] = [];
  let user: Grant['claims'] = { sub: 'nobody' };
  let url = '';

  const sign = (payload: Record<string, unknown>, aud: string) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' })
      .setIssuer(url)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey as KeyObject);

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error) =>
      json(res, 500, { error: 'server_error', error_description: error.message }),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = new URL(req.url ?? '/', url);
    const params = Object.fromEntries(
      req.method === 'POST' ? new URLSearchParams(await body(req)) : at.searchParams,
    );
    requests.push({ path: at.pathname, params });
    switch (at.pathname) {
      case '/.well-known/openid-configuration':
        return json(res, 200, {
          issuer: url,
          authorization_endpoint: `${url}/authorize`,
          token_endpoint: `${url}/token`,
          jwks_uri: `${url}/jwks`,
          end_session_endpoint: `${url}/logout`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['none'],
        });
      case '/jwks':
        return json(res, 200, { keys: [jwk] });
      case '/authorize': {
        if (params.client_id !== clientId || params.response_type !== 'code' || !params.redirect_uri)
          return json(res, 400, { error: 'invalid_request' });
        if (params.code_challenge_method !== 'S256' || !params.code_challenge)
          return json(res, 400, { error: 'invalid_request', error_description: 'PKCE S256 is required' });
        const code = randomBytes(16).toString('base64url');
        grants.set(code, {
          clientId,
          redirectUri: params.redirect_uri,
          challenge: params.code_challenge,
          nonce: params.nonce,
          claims: user,
        });
        const back = new URL(params.redirect_uri);
        back.searchParams.set('code', code);
        if (params.state) back.searchParams.set('state', params.state);
        res.writeHead(302, { Location: back.toString() }).end();
        return;
      }
      case '/token': {
        const grant = grants.get(params.code ?? '');
        grants.delete(params.code ?? ''); // one use only
        const verifier = params.code_verifier ?? '';
        if (
          params.grant_type !== 'authorization_code' ||
          !grant ||
          params.client_id !== grant.clientId ||
          params.redirect_uri !== grant.redirectUri ||
          createHash('sha256').update(verifier).digest('base64url') !== grant.challenge
        )
          return json(res, 400, { error: 'invalid_grant' });
        const { sub, ...claims } = grant.claims;
        return json(res, 200, {
          token_type: 'Bearer',
          expires_in: 600,
          access_token: await sign({ sub, ...claims }, audience),
          id_token: await sign({ sub, ...(grant.nonce ? { nonce: grant.nonce } : {}) }, grant.clientId),
        });
      }
      case '/logout':
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('signed out at the provider');
        return;
      default:
        return json(res, 404, { error: 'not_found' });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    clientId,
    audience,
    requests,
    signInAs: (claims) => (user = claims),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += (chunk as Buffer).toString('utf8');
  return text;
}
