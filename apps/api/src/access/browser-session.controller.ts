import {
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Optional,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from './caller';
import { safeReturnTo } from './browser-session';
import { BROWSER_SESSIONS, type BrowserSessions } from './browser-sessions';
import { devSignInPage, devTokenFor, messagePage, readForm } from './dev-sign-in';
import { signToken, type Principal } from '@app/auth';

interface Request {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  secure?: boolean;
  [Symbol.asyncIterator](): AsyncIterator<Buffer>;
}
interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string | string[]): void;
  end(body?: string): void;
}

/** No network from these pages either; the forms post only to this site. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'";

/**
 * Sign-in and sign-out of the HTML pages (issue #20): through the organisation's identity provider, or on
 * embedded defaults through the development page. Public: these routes are how a browser gets a session.
 */
@ApiExcludeController()
@Public()
@Controller('auth')
export class BrowserSessionController {
  constructor(@Optional() @Inject(BROWSER_SESSIONS) private readonly sessions: BrowserSessions | null) {}

  /** Where a page without a session sends the browser: the identity provider, else the development page. */
  @Get('signin')
  async signIn(
    @Query('returnTo') returnTo: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const sessions = this.configured();
    const back = safeReturnTo(returnTo);
    if (sessions.oidc) {
      const { url, pending } = await sessions.oidc.begin(back);
      res.setHeader('Set-Cookie', sessions.pendingCookie(req, pending));
      return redirect(res, url);
    }
    if (sessions.settings.dev) return redirect(res, `/auth/dev?returnTo=${encodeURIComponent(back)}`);
    throw new NotFoundException('browser sign-in is not configured');
  }

  /** The identity provider sends the browser back here with the code. */
  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const sessions = this.configured();
    if (!sessions.oidc) throw new NotFoundException('no identity provider is configured');
    const pending = sessions.pendingOf(req);
    if (!pending)
      return page(
        res,
        400,
        messagePage('Sign-in failed', 'The sign-in took too long or was not started here.'),
      );
    let token: string;
    try {
      token = await sessions.oidc.complete(req.originalUrl, pending);
    } catch (error) {
      return page(res, 401, messagePage('Sign-in failed', (error as Error).message), [
        sessions.endPending(req),
      ]);
    }
    await this.startSession(sessions, req, res, token, pending.returnTo, [sessions.endPending(req)]);
  }

  @Get('dev')
  devPage(@Query('returnTo') returnTo: unknown, @Res() res: Response): void {
    page(res, 200, devSignInPage(safeReturnTo(returnTo), this.devSettings().akasser));
  }

  /** The development page's form: a token for the chosen role and organisation, signed by the development key. */
  @Post('dev')
  async devSignIn(@Req() req: Request, @Res() res: Response): Promise<void> {
    const dev = this.devSettings();
    sameOrigin(req);
    const form = await readForm(req);
    const claims = devTokenFor(form);
    if ('reason' in claims)
      return page(res, 400, devSignInPage(safeReturnTo(form.get('returnTo')), dev.akasser, claims.reason));
    const token = await signToken(dev.key, claims, {
      issuer: dev.issuer,
      audience: dev.audience,
      expiresIn: '8h',
    });
    await this.startSession(this.configured(), req, res, token, safeReturnTo(form.get('returnTo')));
  }

  /** Ends the session here, and at the identity provider when it offers RP-initiated logout. */
  @Post('signout')
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    const sessions = this.configured();
    sameOrigin(req);
    res.setHeader('Set-Cookie', sessions.end(req));
    const atProvider = await sessions.oidc?.endSessionUrl();
    redirect(res, atProvider ?? '/auth/signed-out');
  }

  @Get('signed-out')
  signedOut(@Res() res: Response): void {
    page(
      res,
      200,
      messagePage('Signed out', 'You are signed out.', { href: '/auth/signin', text: 'Sign in again' }),
    );
  }

  private async startSession(
    sessions: BrowserSessions,
    req: Request,
    res: Response,
    token: string,
    returnTo: string,
    cookies: string[] = [],
  ): Promise<void> {
    const started = await sessions.start(req, token);
    if ('reason' in started)
      return page(
        res,
        401,
        messagePage('Sign-in refused', `The token was not accepted: ${started.reason}.`),
        cookies,
      );
    res.setHeader('Set-Cookie', [...cookies, started.cookie]);
    redirect(res, homeOf(started.principal, returnTo));
  }

  private configured(): BrowserSessions {
    if (!this.sessions) throw new NotFoundException('browser sign-in is not configured');
    return this.sessions;
  }

  /** The development page exists on embedded defaults only, never beside a configured identity provider. */
  private devSettings() {
    const dev = this.sessions?.settings.dev;
    if (!dev)
      throw new NotFoundException(
        'the development sign-in is off: an identity provider or real keys are configured',
      );
    return dev;
  }
}

/** An a-kasse caseworker sent to STAR's overview lands on their own a-kasse's page instead (two clicks, not a 403). */
function homeOf(principal: Principal, returnTo: string): string {
  if (principal.role !== 'akasse-caseworker' || !/^\/dashboard(\?lang=(da|en))?$/.test(returnTo))
    return returnTo;
  const lang = returnTo.includes('?') ? returnTo.slice(returnTo.indexOf('?')) : '';
  return `/dashboard/akasser/${encodeURIComponent(principal.organisation)}${lang}`;
}

function redirect(res: Response, location: string): void {
  res.status(303).setHeader('Location', location);
  res.setHeader('Cache-Control', 'no-store');
  res.end();
}

function page(res: Response, status: number, html: string, cookies: string[] = []): void {
  res.status(status).setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', 'no-store');
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  res.end(html);
}

/** A form posted from another site (when the browser says so) is refused: no sign-in or sign-out by CSRF. */
function sameOrigin(req: Request): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const host = typeof origin === 'string' && URL.canParse(origin) ? new URL(origin).host : null;
  if (host !== req.headers.host) throw new ForbiddenException('this form is only accepted from this site');
}
