import { generators, Issuer, type BaseClient } from 'openid-client';
import type { OidcSettings } from './browser-session.settings';

/** What a sign-in in progress must remember until the provider sends the browser back. */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/**
 * The authorisation-code flow with PKCE (S256), state and nonce, through `openid-client`. The provider's
 * metadata is discovered on first use, not at start, so the API starts while the provider is down; a failed
 * discovery is tried again on the next sign-in.
 */
export class OidcSignIn {
  private client: Promise<BaseClient> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  async begin(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
    const client = await this.clientOnce();
    const pending: PendingSignIn = {
      codeVerifier: generators.codeVerifier(),
      state: generators.state(),
      nonce: generators.nonce(),
      returnTo,
    };
    const url = client.authorizationUrl({
      scope: this.settings.scope,
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Exchanges the code (checking state, nonce and the ID token); the access token is what the API verifies. */
  async complete(callbackUrl: string, pending: PendingSignIn): Promise<string> {
    const client = await this.clientOnce();
    const tokens = await client.callback(this.settings.redirectUrl, client.callbackParams(callbackUrl), {
      code_verifier: pending.codeVerifier,
      state: pending.state,
      nonce: pending.nonce,
    });
    if (!tokens.access_token) throw new Error('the identity provider sent no access token');
    return tokens.access_token;
  }

  /** Where the provider ends its own session, when it says (RP-initiated logout); else null. */
  async endSessionUrl(): Promise<string | null> {
    const client = await this.clientOnce().catch(() => undefined);
    if (!client?.issuer.metadata.end_session_endpoint) return null;
    return client.endSessionUrl({ client_id: this.settings.clientId });
  }

  private clientOnce(): Promise<BaseClient> {
    this.client ??= Issuer.discover(this.settings.issuerUrl).then(
      (issuer) =>
        new issuer.Client({
          client_id: this.settings.clientId,
          ...(this.settings.clientSecret
            ? { client_secret: this.settings.clientSecret }
            : { token_endpoint_auth_method: 'none' as const }),
          redirect_uris: [this.settings.redirectUrl],
          id_token_signed_response_alg: idTokenAlgorithm(
            issuer.metadata.id_token_signing_alg_values_supported,
          ),
          response_types: ['code'],
        }),
    );
    this.client.catch(() => (this.client = undefined));
    return this.client;
  }
}

/** RS256 is what OIDC requires every provider to offer; a provider that lists only others gets its first. */
function idTokenAlgorithm(supported: unknown): string {
  const listed = Array.isArray(supported) ? supported.filter((a): a is string => typeof a === 'string') : [];
  return listed.length === 0 || listed.includes('RS256') ? 'RS256' : listed[0];
}
