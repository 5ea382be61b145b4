/**
 * The auditor's timeline in Danish (the default) and English: its words, and how it writes days and instants.
 * Danish days and instants come from Intl's da-DK data (`15. marts 2024`, in Copenhagen time); the English page
 * keeps ISO dates and UTC instants, as it always showed them. What the domain and the people who recorded the
 * facts wrote (event type names, rule ids, reasons) is shown as stored.
 */
import type { ObligationStatus, OwnershipBasis } from '@app/contact-process';
import { LOCALE, type Lang } from '../common/lang';

export type Kind = 'fact' | 'derived' | 'correction' | 'retraction' | 'erasure';

export interface TimelineTexts {
  title: (personId: string) => string;
  pageTitle: (personId: string) => string;
  signedInAs: (role: string, organisation: string) => string;
  signOut: string;
  language: string;
  readFor: (purpose: string) => string;
  deadlinesAsOf: (asOf: string, knownAt: string | null) => string;
  asOfField: string;
  knownAtField: string;
  show: string;
  kinds: Record<Kind, string>;
  changesLegend: string;
  derivedLegend: string;
  plotLabel: string;
  happenedAxis: string;
  recordedAxis: string;
  ownersTitle: (asOf: string) => string;
  ownersColumns: [string, string, string, string];
  owner: Record<string, string>;
  basis: Record<OwnershipBasis, string>;
  deadlinesTitle: (asOf: string, knownAt: string | null) => string;
  deadlinesColumns: [string, string, string, string, string];
  status: Record<ObligationStatus, string>;
  eventsTitle: string;
  eventsColumns: [string, string, string, string, string, string];
  dotTitle: (type: string, happened: string, recorded: string) => string;
  changes: string;
  retractedBy: string;
  correctedBy: string;
  derivedBy: (ruleId: string) => string;
  from: string;
}

export const TIMELINE_TEXTS: Record<Lang, TimelineTexts> = {
  da: {
    title: (id) => `Tidslinje for ${id}`,
    pageTitle: (id) => `Tidslinje for ${id} — revision`,
    signedInAs: (role, org) => `Logget ind som ${role} (${org})`,
    signOut: 'Log ud',
    language: 'In English',
    readFor: (purpose) => `Læst med formålet “${purpose}” — læsningen står i personens adgangslog.`,
    deadlinesAsOf: (asOf, knownAt) =>
      `Frister, som de stod den ${asOf}, ${knownAt ? `som kendt ved udgangen af ${knownAt}` : 'som kendt nu'}.`,
    asOfField: 'Frister pr. (gyldighedstid)',
    knownAtField: 'Som kendt den (registreringstid)',
    show: 'Vis',
    kinds: {
      fact: 'faktum',
      derived: 'afledt',
      correction: 'rettelse',
      retraction: 'tilbagetrækning',
      erasure: 'sletning',
    },
    changesLegend: '— en rettelse eller tilbagetrækning til det faktum, den ændrede',
    derivedLegend: '┄ en afledt hændelse til de fakta, den bygger på',
    plotLabel: 'hændelser efter hvornår de skete (vandret) og hvornår de blev registreret (lodret)',
    happenedAxis: 'skete (gyldighedstid) →',
    recordedAxis: 'registreret (registreringstid) →',
    ownersTitle: (asOf) => `Hvem har kontaktforløbet den ${asOf}`,
    ownersColumns: ['Dagpengeperiode', 'Varetages af', 'Siden', 'Hvorfor'],
    owner: { akasse: 'a-kassen', jobcenter: 'jobcentret' },
    basis: {
      placement: 'placering',
      handover: 'overdragelse',
      'education-injunction-group': 'uddannelsespålæg',
      transition: 'overgangsregel',
    },
    deadlinesTitle: (asOf, knownAt) => `Frister den ${asOf}${knownAt ? `, som kendt den ${knownAt}` : ''}`,
    deadlinesColumns: ['Regel', 'Status', 'Frist', 'Regelsæt', 'Retsgrundlag'],
    status: {
      open: 'åben',
      met: 'opfyldt',
      overdue: 'overskredet',
      missed: 'forsømt',
      waived: 'fritaget',
      lapsed: 'bortfaldet',
      'not-applicable': 'ikke relevant',
    },
    eventsTitle: 'Hændelser',
    eventsColumns: ['#', 'Hændelse', 'Skete', 'Registreret (dansk tid)', 'Af', 'Henvisninger'],
    dotTitle: (type, happened, recorded) => `${type} · skete ${happened} · registreret ${recorded}`,
    changes: 'ændrer',
    retractedBy: 'trukket tilbage af',
    correctedBy: 'rettet af',
    derivedBy: (ruleId) => `afledt efter ${ruleId}`,
    from: 'af',
  },
  en: {
    title: (id) => `Timeline of ${id}`,
    pageTitle: (id) => `Timeline of ${id} — audit`,
    signedInAs: (role, org) => `Signed in as ${role} (${org})`,
    signOut: 'Sign out',
    language: 'På dansk',
    readFor: (purpose) => `Read for the purpose “${purpose}” — this read is in the person’s access log.`,
    deadlinesAsOf: (asOf, knownAt) =>
      `Deadlines as they stood on ${asOf}, ${knownAt ? `as known at the end of ${knownAt}` : 'as known now'}.`,
    asOfField: 'Deadlines as of (valid time)',
    knownAtField: 'As known at (recorded time)',
    show: 'Show',
    kinds: {
      fact: 'fact',
      derived: 'derived',
      correction: 'correction',
      retraction: 'retraction',
      erasure: 'erasure',
    },
    changesLegend: '— a correction or retraction to the fact it changed',
    derivedLegend: '┄ a derived event to the facts behind it',
    plotLabel: 'events by when they happened (across) and when they were recorded (up)',
    happenedAxis: 'happened (valid time) →',
    recordedAxis: 'recorded (recorded time) →',
    ownersTitle: (asOf) => `Who holds the contact process on ${asOf}`,
    ownersColumns: ['Benefit period', 'Held by', 'Since', 'Why'],
    owner: { akasse: 'akasse', jobcenter: 'jobcenter' },
    basis: {
      placement: 'placement',
      handover: 'handover',
      'education-injunction-group': 'education injunction',
      transition: 'transition',
    },
    deadlinesTitle: (asOf, knownAt) => `Deadlines on ${asOf}${knownAt ? `, as known at ${knownAt}` : ''}`,
    deadlinesColumns: ['Rule', 'Status', 'Due', 'Rule set', 'Legal reference'],
    status: {
      open: 'open',
      met: 'met',
      overdue: 'overdue',
      missed: 'missed',
      waived: 'waived',
      lapsed: 'lapsed',
      'not-applicable': 'not-applicable',
    },
    eventsTitle: 'Events',
    eventsColumns: ['#', 'Event', 'Happened', 'Recorded (UTC)', 'By', 'Links'],
    dotTitle: (type, happened, recorded) => `${type} · happened ${happened} · recorded ${recorded}`,
    changes: 'changes',
    retractedBy: 'retracted by',
    correctedBy: 'corrected by',
    derivedBy: (ruleId) => `derived by ${ruleId}`,
    from: 'from',
  },
};

/** How the page writes a day (`YYYY-MM-DD`) and an instant (ISO, UTC) in its language. */
export class TimelineFormats {
  private readonly longDay: Intl.DateTimeFormat;
  private readonly shortDay: Intl.DateTimeFormat;
  private readonly instant: Intl.DateTimeFormat;
  private readonly shortInstant: Intl.DateTimeFormat;

  constructor(readonly lang: Lang) {
    const locale = LOCALE[lang];
    // A day is a calendar date: formatted at UTC midnight in UTC, so no zone can shift it.
    this.longDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    this.shortDay = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const copenhagen = { timeZone: 'Europe/Copenhagen' } as const;
    this.instant = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      ...copenhagen,
    });
    this.shortInstant = new Intl.DateTimeFormat(locale, {
      dateStyle: 'short',
      timeStyle: 'medium',
      ...copenhagen,
    });
  }

  /** A day in the text: `15. marts 2024`; in English as ISO. */
  day(date: string): string {
    return this.lang === 'en' ? date : this.longDay.format(new Date(`${date}T00:00:00Z`));
  }

  /**
   * A day as markup: Danish in `<time datetime>`, so its ISO value stays readable by machines; the English page
   * writes the ISO day itself.
   */
  dayHtml(date: string): string {
    const safe = date.replace(/[^\d-]/g, '');
    return this.lang === 'en' ? safe : `<time datetime="${safe}">${this.day(safe)}</time>`;
  }

  /** A day on the axis: `15. mar. 2024`. */
  axisDay(date: string): string {
    return this.lang === 'en' ? date : this.shortDay.format(new Date(`${date}T00:00:00Z`));
  }

  /** When the store wrote an event, to the second: Copenhagen time in Danish, UTC in English. */
  recorded(iso: string): string {
    return this.lang === 'en' ? iso.replace('T', ' ').slice(0, 19) : this.instant.format(new Date(iso));
  }

  /** An instant on the axis, to the second: events recorded the same minute still stand apart. */
  axisInstant(iso: string): string {
    return this.lang === 'en' ? iso.slice(0, 19).replace('T', ' ') : this.shortInstant.format(new Date(iso));
  }
}
