import { createParamDecorator, Logger, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from '@app/auth';
import {
  ApiError,
  invalidField,
  refused,
  unauthenticated as unauthenticatedError,
} from '../common/api-error';

/** The verified caller of one request, with what its headers state. */
export type Caller = Principal & {
  /** Why the caller reads (header X-Purpose, or an auditor token's `purpose` claim); stored in access logs. */
  purpose: string | null;
  /** The concrete recruitment an a-kasse caseworker names (header X-Job-Order) for C24-JOBORDER. */
  jobOrderId: string | null;
  /** `METHOD /route/:pattern` — what the access log and the refusal log name (never the URL: it holds ids). */
  endpoint: string;
};

export interface CallerRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  route?: { path?: string };
  caller?: Caller;
}

export const PUBLIC_KEY = 'access:public';
export const ROLES_KEY = 'access:roles';

/** No token needed (only /health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles that may call an endpoint at all, and why the others may not; finer checks follow per person. */
export const Allow = (roles: Role[], whyOthersNot: string) => SetMetadata(ROLES_KEY, { roles, whyOthersNot });
export interface AllowedRoles {
  roles: Role[];
  whyOthersNot: string;
}

/** The verified caller; the guard has put it on the request. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<CallerRequest>().caller;
  if (!caller) throw unauthenticatedError('no verified caller');
  return caller;
});

const refusals = new Logger('Access');

/**
 * A refusal: 403 with its code and reason. The log names the role, organisation, endpoint pattern and code,
 * never a person id, purpose or token.
 */
export function forbidden(
  caller: Pick<Caller, 'role' | 'organisation' | 'endpoint'>,
  code: string,
  reason: string,
): ApiError {
  refusals.warn(`refused ${caller.role} of ${caller.organisation}: ${caller.endpoint} (${code})`);
  return refused(code, reason);
}

export function unauthenticated(endpoint: string, reason: string): ApiError {
  refusals.warn(`unauthenticated: ${endpoint} (${reason})`);
  return unauthenticatedError(reason);
}

/** 400 for a request header (`X-Purpose`, `X-Job-Order`) that is malformed. */
export const badHeader = (header: string, check: string, message: string) =>
  invalidField(header, check, message);
