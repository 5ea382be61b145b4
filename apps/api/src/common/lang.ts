/**
 * The languages of the HTML pages (the dashboard, the auditor's timeline): Danish by default — the language of
 * the a-kasser, the jobcentres and STAR — and English on `?lang=en` or when the browser prefers it.
 */
export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];

/** `?lang=` wins; else the first of da / en the browser prefers (Accept-Language, by q); else Danish. */
export function langOf(query: string | undefined, acceptLanguage: string | string[] | undefined): Lang {
  if (query === 'da' || query === 'en') return query;
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.split('-')[0], q: q === undefined ? 1 : Number(q), order };
    })
    .filter((t) => t.q > 0 && (t.base === 'da' || t.base === 'en'))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return (ranked[0]?.base as Lang | undefined) ?? 'da';
}

/** The Intl locale of each language: Danish as written in Denmark, English as in the UK (day before month). */
export const LOCALE: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };
