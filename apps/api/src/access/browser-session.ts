/**
 * Browser sessions for the HTML pages (issue #20): the bearer token the caller signed in with, sealed
 * (AES-256-GCM under a key derived from SESSION_SECRET) into an HttpOnly, SameSite=Lax cookie. Nothing is kept
 * on the server, so every API instance that shares SESSION_SECRET reads every session, and a second instance
 * needs no session table. Each request unseals the token and verifies it again, exactly as a bearer token is:
 * its claims decide the role, organisation and purpose, its `exp` ends the session.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  applyDecorators,
  Catch,
  ForbiddenException,
  HttpException,
  SetMetadata,
  UnauthorizedException,
  UseFilters,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { messagePage } from './dev-sign-in';

export const SESSION_COOKIE = 'sagsforloeb_session';
/** The state of a sign-in in progress (PKCE verifier, state, nonce, where to go back to), for 10 minutes. */
export const SIGN_IN_COOKIE = 'sagsforloeb_sign_in';
export const SIGN_IN_MINUTES = 10;
export const BROWSER_PAGE_KEY = 'access:browser-page';
/** A session never outlives this, even when the token would (a working day). */
export const SESSION_MAX_HOURS = 8;

/** What the cookies hold: one sealed value per purpose, so a sign-in cookie never passes as a session. */
type Purpose = typeof SESSION_COOKIE | typeof SIGN_IN_COOKIE;

/** Seals and opens cookie values; a value sealed under another secret, tampered with or expired opens to null. */
export class CookieSealer {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    if (secret.length < 32) throw new Error('SESSION_SECRET must be at least 32 bytes (base64)');
    this.key = Buffer.from(hkdfSync('sha256', secret, 'sagsforloeb', 'browser-session-cookie', 32));
  }

  seal(purpose: Purpose, value: unknown, expiresAt: Date): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const plain = Buffer.from(JSON.stringify({ v: value, exp: expiresAt.getTime() }));
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    return [iv, sealed, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
  }

  open<T>(purpose: Purpose, text: string | undefined, now: Date): T | null {
    const parts = text?.split('.');
    if (!parts || parts.length !== 3) return null;
    try {
      const [iv, sealed, tag] = parts.map((p) => Buffer.from(p, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
      const { v, exp } = JSON.parse(plain.toString('utf8')) as { v: T; exp: number };
      return exp > now.getTime() ? v : null;
    } catch {
      return null;
    }
  }
}

/** The cookies a request sent, by name (the first of a repeated name wins). */
export function cookiesOf(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const pair of text.split(';')) {
    const at = pair.indexOf('=');
    if (at < 1) continue;
    const name = pair.slice(0, at).trim();
    if (!cookies.has(name)) cookies.set(name, pair.slice(at + 1).trim());
  }
  return cookies;
}

/** A Set-Cookie value: HttpOnly and SameSite=Lax always, Secure when the site is served over https. */
export function setCookie(
  name: string,
  value: string,
  options: { maxAgeSeconds: number; secure: boolean; path?: string },
): string {
  return [
    `${name}=${value}`,
    `Path=${options.path ?? '/'}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** A path on this site to return to after sign-in; anything else (another site, `//host`) becomes /dashboard. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(value)) return '/dashboard';
  return value;
}

/** Raised by the guard on a browser page without a session: the page's filter sends the browser to sign in. */
export class SignInRequired extends UnauthorizedException {
  constructor(reason: string) {
    super({ statusCode: 401, error: 'Unauthorized', message: reason });
  }
}

/** A refusal of a page to a browser session: the same 403 and code, shown as a page with a way to sign out. */
export class PageForbidden extends ForbiddenException {
  constructor(refusal: HttpException) {
    super(refusal.getResponse());
  }
}

interface PageRequest {
  method: string;
  originalUrl?: string;
  url: string;
}
interface PageResponse {
  status(code: number): PageResponse;
  setHeader(name: string, value: string): void;
  end(body?: string): void;
}

/**
 * A GET of a page without a session goes to the sign-in (303); anything else answers 401 as the API does. A
 * refusal of a session's caller is shown as a page saying why, with a sign-out to come back as someone else.
 */
@Catch(SignInRequired, PageForbidden)
export class SignInRedirect implements ExceptionFilter {
  catch(exception: SignInRequired | PageForbidden, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<PageRequest>();
    const response = host.switchToHttp().getResponse<PageResponse>();
    if (exception instanceof PageForbidden) {
      const { message, code } = exception.getResponse() as { message?: unknown; code?: unknown };
      response.status(403).setHeader('Content-Type', 'text/html; charset=utf-8');
      return response.end(
        messagePage(
          'Not for this sign-in',
          `${String(message ?? 'refused')} (${String(code ?? 'forbidden')})`,
          { href: '/auth/signin', text: 'Sign in' },
          {
            signOut: true,
          },
        ),
      );
    }
    if (request.method !== 'GET') {
      response.status(401).setHeader('Content-Type', 'application/json; charset=utf-8');
      return response.end(JSON.stringify(exception.getResponse()));
    }
    const returnTo = safeReturnTo(request.originalUrl ?? request.url);
    response.status(303).setHeader('Location', `/auth/signin?returnTo=${encodeURIComponent(returnTo)}`);
    response.setHeader('Cache-Control', 'no-store');
    response.end();
  }
}

/**
 * An HTML page a person opens in a browser: besides a bearer token it accepts the browser session, and sends a
 * browser without one to sign in. The JSON API never carries this, so it keeps bearer tokens only.
 */
export const BrowserPage = () =>
  applyDecorators(SetMetadata(BROWSER_PAGE_KEY, true), UseFilters(SignInRedirect));
