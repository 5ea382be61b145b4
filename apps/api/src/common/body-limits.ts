/** The little of Express these middlewares touch (no @types/express needed). */
interface Request {
  body?: unknown;
}
interface Response {
  status(code: number): { json(body: unknown): void };
}
type NextFunction = (error?: unknown) => void;

/** The largest JSON body accepted: a fact with a full Min Plan is well under 30 kB. */
export const BODY_LIMIT = '64kb';
/** Objects and arrays nested deeper than this are refused before anything walks them recursively. */
export const MAX_JSON_DEPTH = 16;

const reply = (res: Response, status: number, error: string, message: string) =>
  res.status(status).json({ statusCode: status, error, message: [message] });

/** Turns body-parser's errors into the API's error shape (413 too large, 400 malformed), never a 500. */
export function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const e = error as { type?: string; status?: number } | undefined;
  if (!e || typeof e !== 'object' || typeof e.type !== 'string') return next(error);
  if (e.type === 'entity.too.large')
    return void reply(res, 413, 'Payload Too Large', `the body must be at most ${BODY_LIMIT}`);
  if (e.type === 'entity.parse.failed')
    return void reply(res, 400, 'Bad Request', 'the body is not valid JSON');
  const status = e.status && e.status >= 400 && e.status < 500 ? e.status : 400;
  return void reply(
    res,
    status,
    'Bad Request',
    'the body could not be read as JSON (UTF-8, application/json)',
  );
}

/** Keys no request field has; class-transformer would drop them silently, so they are refused instead. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses JSON nested deeper than MAX_JSON_DEPTH, and prototype keys anywhere; walked without recursion, so no
 * input can exhaust the stack.
 */
export function jsonShapeLimit(req: Request, res: Response, next: NextFunction): void {
  const problem = shapeProblem(req.body, MAX_JSON_DEPTH);
  if (problem) return void reply(res, 400, 'Bad Request', problem);
  next();
}

export function shapeProblem(value: unknown, maxDepth: number): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return `the body is nested more than ${maxDepth} levels deep`;
    for (const key of Object.keys(v)) if (FORBIDDEN_KEYS.has(key)) return `property ${key} should not exist`;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return undefined;
}
