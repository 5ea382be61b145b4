import {
  HttpException,
  Inject,
  Injectable,
  Optional,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  badHeader,
  forbidden,
  unauthenticated,
  PUBLIC_KEY,
  ROLES_KEY,
  type AllowedRoles,
  type CallerRequest,
} from './caller';
import { isPurpose, type Principal } from '@app/auth';
import { BROWSER_PAGE_KEY, PageForbidden, SignInRequired } from './browser-session';
import { BROWSER_SESSIONS, type BrowserSessions } from './browser-sessions';
import { TokenVerifier } from './token-verifier';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
/** A job order's id, as named in X-Job-Order and when a member is attached to it. */
export const JOB_ORDER_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/**
 * Every endpoint but the @Public ones needs a bearer JWT verified against the configured keys; then the
 * endpoint's @Allow roles; auditors only read, and always with a stated purpose. An endpoint without @Allow is
 * refused to everyone: a forgotten declaration fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Optional() @Inject(BROWSER_SESSIONS) private readonly sessions: BrowserSessions | null = null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<CallerRequest>();
    const endpoint = `${request.method} ${request.route?.path ?? '?'}`;
    const header = request.headers.authorization;
    const page = this.reflector.getAllAndOverride<boolean>(BROWSER_PAGE_KEY, targets) === true;
    // A browser page without a bearer header reads the token from its session; the JSON API never does.
    if (page && (header === undefined || header === '') && this.sessions) {
      const token = this.sessions.tokenOf(request);
      if (!token) throw new SignInRequired('no session: sign in at /auth/signin');
      const verified = await this.verifier.verify(token);
      if ('reason' in verified) throw new SignInRequired(`the session ended: ${verified.reason}`);
      try {
        return this.authorise(request, targets, endpoint, verified.principal);
      } catch (error) {
        // A 403 in either form (Nest's exception or the one error shape's ApiError) is shown to a browser as a page.
        throw error instanceof HttpException && error.getStatus() === 403 ? new PageForbidden(error) : error;
      }
    }
    if (typeof header !== 'string' || header === '')
      throw unauthenticated(
        endpoint,
        'no bearer token: send "Authorization: Bearer <JWT>" (see npm run token)',
      );
    const token = BEARER.exec(header)?.[1];
    if (!token) throw unauthenticated(endpoint, 'the Authorization header must be "Bearer <JWT>"');
    const verified = await this.verifier.verify(token);
    if ('reason' in verified) throw unauthenticated(endpoint, verified.reason);
    return this.authorise(request, targets, endpoint, verified.principal);
  }

  /** The same rules whichever way the token came: roles, auditors read-only with a purpose, headers. */
  private authorise(
    request: CallerRequest,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
    endpoint: string,
    principal: Principal,
  ): boolean {
    const who = { role: principal.role, organisation: principal.organisation, endpoint };

    const allowed = this.reflector.getAllAndOverride<AllowedRoles | undefined>(ROLES_KEY, targets);
    if (!allowed) throw forbidden(who, 'no-role-declared', 'no role may call this endpoint');
    if (principal.role === 'auditor' && request.method !== 'GET')
      throw forbidden(who, 'auditor-read-only', 'auditors read; they never record or change anything');
    if (!allowed.roles.includes(principal.role))
      throw forbidden(
        who,
        'not-for-this-role',
        `the ${principal.role} role may not call this endpoint: ${allowed.whyOthersNot}`,
      );

    const purposeHeader = single(request.headers['x-purpose'], 'X-Purpose');
    if (purposeHeader !== null && !isPurpose(purposeHeader))
      throw badHeader(
        'X-Purpose',
        'isPurpose',
        'X-Purpose must be 3–200 printable characters stating why the data is read',
      );
    let purpose = purposeHeader;
    if (principal.role === 'auditor') {
      if (principal.purpose !== null && purposeHeader !== null && purposeHeader !== principal.purpose)
        throw forbidden(
          who,
          'purpose-mismatch',
          'X-Purpose differs from the purpose the auditor’s token was issued for',
        );
      purpose = principal.purpose ?? purposeHeader;
      if (purpose === null)
        throw forbidden(
          who,
          'purpose-missing',
          'auditors state the purpose of every read in the X-Purpose header',
        );
    }
    const jobOrderId = single(request.headers['x-job-order'], 'X-Job-Order');
    if (jobOrderId !== null && !JOB_ORDER_ID.test(jobOrderId))
      throw badHeader(
        'X-Job-Order',
        'isOpaqueId',
        'X-Job-Order must be a job order id: 1–64 letters, digits, ".", ":", "-" or "_"',
      );
    request.caller = { ...principal, purpose, jobOrderId, endpoint };
    return true;
  }
}

function single(value: string | string[] | undefined, name: string): string | null {
  if (value === undefined) return null;
  if (Array.isArray(value)) throw badHeader(name, 'isSingleHeader', `${name} must be sent once`);
  return value;
}
