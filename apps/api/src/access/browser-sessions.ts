import { decodeJwt } from 'jose';
import type { Clock } from '@app/legal-time';
import {
  CookieSealer,
  cookiesOf,
  SESSION_COOKIE,
  SESSION_MAX_HOURS,
  setCookie,
  SIGN_IN_COOKIE,
  SIGN_IN_MINUTES,
} from './browser-session';
import type { BrowserSignInSettings } from './browser-session.settings';
import { OidcSignIn, type PendingSignIn } from './oidc-sign-in';
import type { TokenVerifier } from './token-verifier';
import type { Principal } from '@app/auth';

export const BROWSER_SESSIONS = Symbol('BROWSER_SESSIONS');

interface CookieRequest {
  headers: Record<string, string | string[] | undefined>;
  secure?: boolean;
}

/** The sessions of the HTML pages: the sealed token in, the sealed token out, and the sign-in in progress. */
export class BrowserSessions {
  private readonly sealer: CookieSealer;
  readonly oidc: OidcSignIn | undefined;

  constructor(
    readonly settings: BrowserSignInSettings,
    private readonly verifier: TokenVerifier,
    private readonly clock: Clock,
  ) {
    this.sealer = new CookieSealer(settings.sessionSecret);
    this.oidc = settings.oidc ? new OidcSignIn(settings.oidc) : undefined;
  }

  /** The bearer token of the request's session, or null when it has none (or one that no longer opens). */
  tokenOf(request: CookieRequest): string | null {
    const sealed = cookiesOf(request.headers.cookie).get(SESSION_COOKIE);
    return this.sealer.open<string>(SESSION_COOKIE, sealed, this.clock.now());
  }

  /**
   * Verifies the token as the bearer API would, then seals it into the session cookie for as long as the token
   * holds (at most SESSION_MAX_HOURS). A token the API would refuse never becomes a session.
   */
  async start(
    request: CookieRequest,
    token: string,
  ): Promise<{ principal: Principal; cookie: string } | { reason: string }> {
    const verified = await this.verifier.verify(token);
    if ('reason' in verified) return verified;
    const now = this.clock.now().getTime();
    const exp = (decodeJwt(token).exp ?? 0) * 1000;
    const until = new Date(Math.min(exp, now + SESSION_MAX_HOURS * 3_600_000));
    const cookie = setCookie(SESSION_COOKIE, this.sealer.seal(SESSION_COOKIE, token, until), {
      maxAgeSeconds: (until.getTime() - now) / 1000,
      secure: this.secure(request),
    });
    return { principal: verified.principal, cookie };
  }

  /** The Set-Cookie that ends the session in this browser. */
  end(request: CookieRequest): string {
    return setCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: this.secure(request) });
  }

  pendingCookie(request: CookieRequest, pending: PendingSignIn): string {
    const until = new Date(this.clock.now().getTime() + SIGN_IN_MINUTES * 60_000);
    return setCookie(SIGN_IN_COOKIE, this.sealer.seal(SIGN_IN_COOKIE, pending, until), {
      maxAgeSeconds: SIGN_IN_MINUTES * 60,
      secure: this.secure(request),
      path: '/auth',
    });
  }

  pendingOf(request: CookieRequest): PendingSignIn | null {
    const sealed = cookiesOf(request.headers.cookie).get(SIGN_IN_COOKIE);
    return this.sealer.open<PendingSignIn>(SIGN_IN_COOKIE, sealed, this.clock.now());
  }

  endPending(request: CookieRequest): string {
    return setCookie(SIGN_IN_COOKIE, '', { maxAgeSeconds: 0, secure: this.secure(request), path: '/auth' });
  }

  private secure(request: CookieRequest): boolean {
    return this.settings.secureCookies || request.secure === true;
  }
}
