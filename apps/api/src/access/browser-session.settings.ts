import { dirname, join } from 'node:path';
import { secretFromEnvOrDevFile } from '@app/personal-data';
import { type AuthSettings, readDevKey, type DevKey } from '@app/auth';

/** The organisation's identity provider, for the authorisation-code flow with PKCE. */
export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  /** Left out, the client is public (PKCE only, token_endpoint_auth_method "none"). */
  clientSecret?: string;
  /** This service's public /auth/callback, as registered at the provider. */
  redirectUrl: string;
  scope: string;
}

/** How people sign in to the HTML pages; left out, the pages take bearer tokens only. */
export interface BrowserSignInSettings {
  sessionSecret: Buffer;
  /** Secure cookies: on whenever the public URL is https. */
  secureCookies: boolean;
  oidc?: OidcSettings;
  /** The development sign-in page: embedded defaults only, never beside a real issuer. */
  dev?: { key: DevKey; issuer: string; audience: string; akasser: string[] };
}

/**
 * OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_REDIRECT_URL (with OIDC_CLIENT_SECRET and OIDC_SCOPE, default
 * "openid") and SESSION_SECRET (≥ 32 bytes, base64) turn on sign-in through the identity provider. On embedded
 * defaults (`devKeyFile`) without them, the development sign-in page signs tokens with the development key and
 * the session key is made once beside it (`dev-session-key`), so instances on the same data folder share it.
 */
export function browserSignInFromEnv(
  env: NodeJS.ProcessEnv,
  options: { auth: AuthSettings; devKeyFile?: string },
): BrowserSignInSettings | undefined {
  const oidc = oidcFromEnv(env);
  if (oidc && options.devKeyFile)
    throw new Error(
      'OIDC_ISSUER_URL is set, but bearer tokens are verified with the development key: set AUTH_JWKS_URL (the provider’s jwks_uri), AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE',
    );
  if (oidc && !env.SESSION_SECRET)
    throw new Error(
      'SESSION_SECRET (≥ 32 bytes, base64) must be set with OIDC_ISSUER_URL: it seals the sessions',
    );
  const devKeyFile = oidc ? undefined : options.devKeyFile;
  const sessionSecret = secretFromEnvOrDevFile(
    env.SESSION_SECRET,
    devKeyFile ? join(dirname(devKeyFile), 'dev-session-key') : undefined,
  );
  if (!sessionSecret) return undefined;
  // Secure whenever the public address is https; SESSION_COOKIE_SECURE=true for https ahead of the dev page.
  const secureCookies =
    env.SESSION_COOKIE_SECURE !== undefined
      ? env.SESSION_COOKIE_SECURE === 'true'
      : (oidc?.redirectUrl.startsWith('https:') ?? false);
  return {
    sessionSecret,
    secureCookies,
    ...(oidc ? { oidc } : {}),
    ...(devKeyFile
      ? {
          dev: {
            key: readDevKey(devKeyFile),
            issuer: options.auth.issuer,
            audience: options.auth.audience,
            // The a-kasser offered as one-click caseworker sign-ins (the demo names its own).
            akasser: (env.DEV_SIGN_IN_AKASSER || 'akasse-3f').split(',').filter((id) => id !== ''),
          },
        }
      : {}),
  };
}

function oidcFromEnv(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const { OIDC_ISSUER_URL: issuerUrl, OIDC_CLIENT_ID: clientId, OIDC_REDIRECT_URL: redirectUrl } = env;
  if (!issuerUrl && !clientId && !redirectUrl) return undefined;
  if (!issuerUrl || !clientId || !redirectUrl)
    throw new Error('OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_REDIRECT_URL are set together');
  const redirect = new URL(redirectUrl);
  if (
    redirect.protocol !== 'https:' &&
    redirect.hostname !== 'localhost' &&
    redirect.hostname !== '127.0.0.1'
  )
    throw new Error('OIDC_REDIRECT_URL must be https (plain http only for localhost)');
  if (!redirect.pathname.endsWith('/auth/callback'))
    throw new Error('OIDC_REDIRECT_URL must end in /auth/callback');
  return {
    issuerUrl,
    clientId,
    ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}),
    redirectUrl: redirect.toString(),
    scope: env.OIDC_SCOPE || 'openid',
  };
}
