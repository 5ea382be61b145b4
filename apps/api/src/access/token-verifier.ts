import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { type AuthSettings, principalFromClaims, type Principal } from '@app/auth';
import { LruCache } from '@app/event-store';

/** Asymmetric algorithms only: a shared-secret (HS*) or unsigned token never verifies. */
const ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'];

/** Seconds past `exp` a token is still accepted: the clock skew allowed between the issuer and us. */
const CLOCK_TOLERANCE_S = 30;
/** Distinct tokens remembered: far more than the caseworker systems and users active within a token's lifetime. */
const VERIFIED_TOKENS = 10_000;

/**
 * Verifies bearer tokens with `jose` against the configured keys; the reason of a failure is safe to show.
 * A token that verified is remembered until it expires: a caseworker system sends the same token with every
 * request, and checking its signature again each time was a tenth of a request's CPU (bench:ingest). Only
 * successes are kept, each until `exp` (plus the same tolerance `jwtVerify` allows), so a cached answer is one
 * `jwtVerify` would give at that moment too; nothing revokes a token before its expiry in this service.
 */
export class TokenVerifier {
  private readonly key: KeyLike | JWTVerifyGetKey | undefined;
  private readonly verified = new LruCache<string, { principal: Principal; expiresAtMs: number }>(
    VERIFIED_TOKENS,
  );

  constructor(private readonly settings: AuthSettings | undefined) {
    this.key = !settings
      ? undefined
      : settings.keys.kind === 'key'
        ? settings.keys.key
        : createRemoteJWKSet(settings.keys.url, { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<{ principal: Principal } | { reason: string }> {
    const cached = this.verified.get(token);
    if (cached && Date.now() < cached.expiresAtMs) return { principal: cached.principal };
    if (cached) this.verified.delete(token);
    const result = await this.verifyNow(token);
    if ('principal' in result) this.verified.set(token, result);
    return 'principal' in result ? { principal: result.principal } : result;
  }

  private async verifyNow(
    token: string,
  ): Promise<{ principal: Principal; expiresAtMs: number } | { reason: string }> {
    if (!this.settings || !this.key) return { reason: 'no key is configured to verify tokens' };
    try {
      const { payload } = await jwtVerify(token, this.key as KeyLike, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      const claims = principalFromClaims(payload as Record<string, unknown>);
      if (!('principal' in claims)) return claims;
      // requiredClaims made `exp` present and jwtVerify checked it is a number.
      return { principal: claims.principal, expiresAtMs: (payload.exp! + CLOCK_TOLERANCE_S) * 1000 };
    } catch (error) {
      return { reason: reasonOf(error) };
    }
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's "${error.claim}" claim is not accepted (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the token’s signature does not verify against the configured keys';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return 'the token’s algorithm is not accepted (asymmetric signatures only)';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no configured key matches the token’s key id';
  if (
    error instanceof errors.JWKSTimeout ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')
  )
    return 'the key set could not be fetched to verify the token';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return 'the token is malformed (not a signed JWT)';
  if (error instanceof TypeError) return 'the token cannot be verified with the configured key';
  return 'the token could not be verified';
}
