import { isUtf8 } from 'node:buffer';
import { idHoldsCpr } from '../identity/cpr';
import { apiErrorBody, problemsOf } from './api-error';

/** The little of Express these middlewares touch (no @types/express needed). */
interface Request {
  body?: unknown;
}
interface Response {
  status(code: number): { json(body: unknown): void };
}
type NextFunction = (error?: unknown) => void;

/** The largest JSON body accepted, in bytes: a fact with a full Min Plan is well under 30 kB. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** The same limit as body-parser reads it (kb are 1024 bytes there). */
export const BODY_LIMIT = `${BODY_LIMIT_BYTES / 1024}kb`;
/** Objects and arrays nested deeper than this are refused before anything walks them recursively. */
export const MAX_JSON_DEPTH = 16;

/**
 * body-parser's `verify`: runs on the raw bytes before they are decoded. JSON is UTF-8 (RFC 8259 §8.1); bytes
 * that are not would otherwise be decoded as U+FFFD and stored as if the client had sent that.
 */
export function refuseUnlessUtf8(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase().replace('-', '') !== 'utf8')
    throw Object.assign(new Error('not UTF-8'), { type: 'charset.not.utf8' });
  if (!isUtf8(body)) throw Object.assign(new Error('invalid UTF-8'), { type: 'entity.invalid.utf8' });
}

/** How the JSON body is read: size-limited, UTF-8 only (checked before parsing). */
export const JSON_BODY = { limit: BODY_LIMIT, verify: refuseUnlessUtf8 };

/**
 * These run before Nest routes the request, so its exception filter never sees them: they answer the API's
 * error shape themselves, naming the field when the sentence does.
 */
function reply(res: Response, status: number, code: string, message: string): void {
  const problems = status === 400 ? problemsOf([message]) : [];
  const field = problems[0]?.field;
  res.status(status).json(apiErrorBody(status, code, [message], field ? { field, errors: problems } : {}));
}

/** Turns body-parser's errors into the API's error shape (413 too large, 400 malformed), never a 500. */
export function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const e = error as { type?: string; status?: number } | undefined;
  if (!e || typeof e !== 'object' || typeof e.type !== 'string') return next(error);
  if (e.type === 'entity.too.large')
    return void reply(res, 413, 'payload-too-large', `the body must be at most ${BODY_LIMIT}`);
  if (e.type === 'entity.parse.failed')
    return void reply(res, 400, 'invalid-json', 'the body is not valid JSON');
  if (e.type === 'entity.invalid.utf8')
    return void reply(res, 400, 'invalid-utf8', 'the body is not valid UTF-8');
  if (e.type === 'charset.not.utf8' || e.type === 'charset.unsupported')
    return void reply(res, 415, 'unsupported-media-type', 'the body must be JSON in UTF-8');
  const status = e.status && e.status >= 400 && e.status < 500 ? e.status : 400;
  return void reply(
    res,
    status,
    'unreadable-body',
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
  const problem = shapeProblem(req.body, MAX_JSON_DEPTH) ?? unreadableText(req.body);
  if (problem) return void reply(res, 400, 'invalid-input', problem);
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

/**
 * What no text of a request may hold: control characters (NUL, C0 and C1; tab and line breaks are text),
 * unpaired surrogates (not Unicode at all: JSON's `\ud800` escape makes one), and the bidirectional embedding,
 * override and isolate characters, which make stored text read differently from what it holds.
 */
const TEXT_RULES: ReadonlyArray<[RegExp, string]> = [
  [
    /[^\P{Cc}\t\n\r]/u,
    'must not contain control characters (NUL, C0 or C1; tab and line breaks are allowed)',
  ],
  [/\p{Cs}/u, 'must not contain an unpaired surrogate (text must be valid Unicode)'],
  [
    /[\u202A-\u202E\u2066-\u2069]/,
    'must not contain bidirectional embedding, override or isolate characters',
  ],
];

/** Printable ASCII breaks none of the rules: most texts and every key are told so by one cheap test. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const textRuleBroken = (text: string): string | undefined =>
  PRINTABLE_ASCII.test(text) ? undefined : TEXT_RULES.find(([pattern]) => pattern.test(text))?.[1];

/** A key as it may appear in a message: plain names only (a key may itself be hostile, or a CPR number). */
const shown = (key: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) && !idHoldsCpr(key) ? key : '(a property)';

/** The first string (or property name) of the body breaking a text rule, named by its path (`data.reason`). */
export function unreadableText(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const broken = textRuleBroken(v);
      if (broken) return `${path || 'the body'} ${broken}`;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    for (const [key, child] of Object.entries(v)) {
      const broken = textRuleBroken(key);
      if (broken) return `a property name in ${path || 'the body'} ${broken}`;
      const name = Array.isArray(v) ? `${path}[${key}]` : path ? `${path}.${shown(key)}` : shown(key);
      stack.push([child, name]);
    }
  }
  return undefined;
}
