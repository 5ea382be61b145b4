/**
 * The development sign-in page (embedded defaults only): pick a role and an organisation, get a session holding
 * a token signed by the development key — the same token `npm run token` prints, so the same guard decides.
 */
import { type TokenClaims, isPurpose, ORGANISATION_ID, type Role } from '@app/auth';

/** The roles a person signs in with in a browser (integrations are systems: they send bearer tokens). */
export const DEV_ROLES: ReadonlyArray<{ role: Role; label: string; org: string }> = [
  { role: 'star-analyst', label: 'STAR analyst', org: 'star' },
  { role: 'auditor', label: 'Auditor (every organisation)', org: 'audit' },
  { role: 'akasse-caseworker', label: 'a-kasse caseworker', org: 'akasse-3f' },
  { role: 'jobcenter-caseworker', label: 'Jobcentre caseworker', org: 'jc-101' },
];
const DEFAULT_PURPOSE = 'development: review of case handling';
const FORM_LIMIT = 4096;

const esc = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The claims the form asks for; the reason names the field that is wrong. */
export function devTokenFor(form: URLSearchParams): TokenClaims | { reason: string } {
  const role = form.get('role') ?? '';
  const org = (form.get('org') ?? '').trim();
  if (!DEV_ROLES.some((r) => r.role === role))
    return { reason: `role must be one of: ${DEV_ROLES.map((r) => r.role).join(', ')}` };
  if (!ORGANISATION_ID.test(org))
    return { reason: 'organisation must be 1–64 letters, digits, ".", ":", "-" or "_" (e.g. akasse-3f)' };
  const sub = `dev-${role}-of-${org}`;
  if (role !== 'auditor') return { sub, role, org };
  const purpose = (form.get('purpose') ?? '').trim() || DEFAULT_PURPOSE;
  if (!isPurpose(purpose)) return { reason: 'purpose must be 3–200 printable characters' };
  return { sub, role, org, scope: 'all', purpose };
}

/** The urlencoded body of a form post, at most FORM_LIMIT bytes. */
export async function readForm(stream: AsyncIterable<Buffer>): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of stream) {
    text += chunk.toString('utf8');
    if (text.length > FORM_LIMIT) return new URLSearchParams();
  }
  return new URLSearchParams(text);
}

const STYLE = `body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2430;background:#f4f6fa}
main{max-width:560px;margin:40px auto;background:#fff;border:1px solid #e3e7ee;border-radius:8px;padding:20px 28px}
h1{font-size:20px;margin:0 0 8px}.dev{background:#8a4b00;color:#fff;padding:8px 16px;font-weight:600;text-align:center}
.quick{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0 20px}button{font:inherit;padding:6px 14px;cursor:pointer}
label{display:block;margin:10px 0 2px}select,input{font:inherit;width:100%;box-sizing:border-box;padding:4px}
.error{color:#b3261e;font-weight:600}`;

export function devSignInPage(returnTo: string, akasser: readonly string[], error?: string): string {
  const hidden = `<input type="hidden" name="returnTo" value="${esc(returnTo)}">`;
  const choices = DEV_ROLES.flatMap((r) =>
    r.role === 'akasse-caseworker' ? akasser.map((org) => ({ ...r, org })) : [r],
  );
  const quick = choices
    .map(
      (r) =>
        `<form method="post" action="/auth/dev">${hidden}<input type="hidden" name="role" value="${r.role}"><input type="hidden" name="org" value="${esc(r.org)}"><button type="submit" data-role="${r.role}" data-org="${esc(r.org)}">${esc(r.label)} (${esc(r.org)})</button></form>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Development sign-in — Sagsforløb</title><style>${STYLE}</style></head>
<body>
<div class="dev" role="alert">DEVELOPMENT SIGN-IN — embedded defaults only. Anyone here may act as anyone; a configured identity provider turns this page off.</div>
<main>
<h1>Sign in to Sagsforløb (development)</h1>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<p>One click signs in with a development token for that role:</p>
<div class="quick">${quick}</div>
<form method="post" action="/auth/dev" id="custom">${hidden}
<label for="role">Role</label>
<select id="role" name="role">${DEV_ROLES.map((r) => `<option value="${r.role}">${esc(r.label)}</option>`).join('')}</select>
<label for="org">Organisation (a-kasse, jobcentre, or any id for STAR and auditors)</label>
<input id="org" name="org" value="star" required maxlength="64">
<label for="purpose">Purpose (auditors: stored in every access log entry)</label>
<input id="purpose" name="purpose" placeholder="${esc(DEFAULT_PURPOSE)}" maxlength="200">
<p><button type="submit">Sign in</button></p>
</form>
</main>
</body>
</html>
`;
}

/** A short page for the end of a flow (signed out, sign-in failed, refused), with a way on. */
export function messagePage(
  title: string,
  text: string,
  link: { href: string; text: string } = { href: '/auth/signin', text: 'Try again' },
  options: { signOut?: boolean } = {},
): string {
  const signOut = options.signOut
    ? '<form method="post" action="/auth/signout"><button type="submit" id="sign-out">Sign out</button></form>'
    : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)} — Sagsforløb</title><style>${STYLE}</style></head>
<body><main><h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="${esc(link.href)}">${esc(link.text)}</a></p>${signOut}</main></body>
</html>
`;
}
