/**
 * The dashboard's words and number formats in Danish (STAR's analysts' language, the default) and English.
 * Numbers, percentages and months go through Intl for da-DK / en-GB, so `12,5 %`, `1.234` and `januar 2026`
 * come from the locale data, not from hand-written rules.
 */
import { LOCALE, type Lang } from '../common/lang';

// The page language is shared with the other HTML pages; the dashboard's importers keep finding it here.
export { langOf, LANGS, type Lang } from '../common/lang';

/** The formats of one language. */
export class Formats {
  private readonly integer: Intl.NumberFormat;
  private readonly oneDecimal: Intl.NumberFormat;
  private readonly longMonth: Intl.DateTimeFormat;
  private readonly shortMonth: Intl.DateTimeFormat;
  private readonly stamp: Intl.DateTimeFormat;

  constructor(readonly lang: Lang) {
    const locale = LOCALE[lang];
    this.integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    this.oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.longMonth = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    this.shortMonth = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    this.stamp = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Copenhagen',
    });
  }

  count(n: number): string {
    return this.integer.format(n);
  }

  /** A share 0–1 as a percentage with one decimal and a space before the sign (both languages write it so). */
  percent(share: number): string {
    return `${this.oneDecimal.format(share * 100)} %`;
  }

  /** A threshold that is a whole percent (20 %, 25 %). */
  wholePercent(percent: number): string {
    return `${this.integer.format(percent)} %`;
  }

  /** A share as a plain decimal percent for a spreadsheet cell: `12,5` in Danish, `12.5` in English. */
  csvPercent(share: number): string {
    return this.oneDecimal.format(share * 100).replace(/[^\d,.-]/g, '');
  }

  month(month: string): string {
    return this.longMonth.format(monthDate(month));
  }

  shortMonthName(month: string): string {
    return this.shortMonth.format(monthDate(month));
  }

  timestamp(iso: string): string {
    return this.stamp.format(new Date(iso));
  }
}

const monthDate = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));

export interface DashboardTexts {
  title: { akasse: string; jobcentre: string };
  who: { akasse: string; jobcentre: string };
  whoPlural: { akasse: string; jobcentre: string };
  meta: (from: string, to: string, generatedAt: string, checkpoint: string) => string;
  ruleSetsTitle: string;
  calendarLabel: string;
  noRuleSet: string;
  ruleSetColumns: [string, string, string, string, string, string, string];
  monthsInARow: (n: number) => string;
  yes: string;
  no: string;
  overviewTitle: string;
  population: string;
  below: string;
  share: string;
  flaggedSummary: (whoPlural: string) => string;
  latestMonth: string;
  latestShare: string;
  deficientMonths: string;
  currentStreak: string;
  dialogue: string;
  chartsTitle: (who: string) => string;
  legend: [string, string, string, string];
  overPeriod: string;
  streak: string;
  chartLabel: (id: string) => string;
  bar: (m: {
    month: string;
    numerator: string;
    population: string;
    required: number;
    share: string;
    ruleSetId: string;
    threshold: string;
  }) => string;
  barDeficient: (streak: number) => string;
  barFlagged: string;
  download: string;
  csvMonthsColumns: string[];
  signOut: string;
  signedInAs: (role: string, organisation: string) => string;
  language: string;
  /** The drill-down pages: one a-kasse's months, and the persons behind one month's numerator. */
  akasseTitle: (id: string) => string;
  month: string;
  deficient: string;
  ruleSet: string;
  toOverview: string;
  toAkasse: (id: string) => string;
  personsTitle: (id: string, month: string) => string;
  personsNote: string;
  person: string;
  benefitPeriod: string;
  group: string;
  interviewsHeld: string;
  required: string;
  noPersons: string;
}

export const TEXTS: Record<Lang, DashboardTexts> = {
  da: {
    title: {
      akasse: 'STAR-tilsyn: a-kassernes jobsamtaler i de første 3 måneder',
      jobcentre: 'STAR-opfølgning: jobcentrenes tidlige indsats efter overdragelsen',
    },
    who: { akasse: 'a-kasse', jobcentre: 'jobcenter' },
    whoPlural: { akasse: 'a-kasser', jobcentre: 'jobcentre' },
    meta: (from, to, at, checkpoint) =>
      `Måneder fra ${from} til ${to} · STAR tilsyn (002 §13) · dannet ${at} fra tilsynets læsemodel ved position ${checkpoint}`,
    ruleSetsTitle: 'Regelsæt i kraft pr. måned',
    calendarLabel: 'regelsæt i kraft pr. måned',
    noRuleSet: 'intet regelsæt',
    ruleSetColumns: [
      'Regelsæt',
      'Måneder i visningen',
      'Krævede jobsamtaler',
      'Utilstrækkelig når andelen er over',
      'Dialog efter',
      'Retsgrundlag',
      'Bekræftet',
    ],
    monthsInARow: (n) => `${n} måneder i træk`,
    yes: 'ja',
    no: 'nej',
    overviewTitle: 'Landsoversigt',
    population: 'Population',
    below: 'Under kravet',
    share: 'Andel',
    flaggedSummary: (who) => `${who} med dialog (utilstrækkelige måneder i træk)`,
    latestMonth: 'Seneste måned',
    latestShare: 'Seneste andel',
    deficientMonths: 'Utilstrækkelige måneder',
    currentStreak: 'Aktuel stribe',
    dialogue: 'dialog',
    chartsTitle: (who) => `Månedlig andel mod tærsklen, pr. ${who}`,
    legend: [
      'månedens andel',
      'utilstrækkelig måned',
      'utilstrækkelige måneder i træk, der nåede dialoggrænsen',
      'tærsklen i det gældende regelsæt',
    ],
    overPeriod: 'over perioden',
    streak: 'stribe',
    chartLabel: (id) => `${id}: månedlig andel mod tærsklen`,
    bar: (m) =>
      `${m.month}: ${m.numerator} af ${m.population} under ${m.required} samtaler = ${m.share} (${m.ruleSetId}: utilstrækkelig over ${m.threshold})`,
    barDeficient: (n) => ` — utilstrækkelig, ${n} i træk`,
    barFlagged: ' — dialog med ledelsen',
    download: 'Hent som CSV',
    csvMonthsColumns: [
      'Måned',
      'Population',
      'Under kravet',
      'Andel (%)',
      'Krævede samtaler',
      'Utilstrækkelig',
      'Stribe',
      'Dialog',
      'Regelsæt',
    ],
    signOut: 'Log ud',
    signedInAs: (role, org) => `Logget ind som ${role} (${org})`,
    language: 'In English',
    akasseTitle: (id) => `${id}: jobsamtaler i de første 3 måneder, pr. måned`,
    month: 'Måned',
    deficient: 'Utilstrækkelig',
    ruleSet: 'Regelsæt',
    toOverview: '← Landsoversigt',
    toAkasse: (id) => `← ${id}`,
    personsTitle: (id, month) => `${id}, ${month}: personer under kravet`,
    personsNote: 'Hver person, der vises her, får en post i sin adgangslog.',
    person: 'Person',
    benefitPeriod: 'Dagpengeperiode',
    group: 'Gruppe',
    interviewsHeld: 'Afholdte samtaler',
    required: 'Krævet',
    noPersons: 'Ingen personer under kravet i denne måned.',
  },
  en: {
    title: {
      akasse: 'STAR supervision: the a-kasser’s job interviews in the first 3 months',
      jobcentre: 'STAR follow-up: the jobcentres’ early effort after the handover',
    },
    who: { akasse: 'a-kasse', jobcentre: 'jobcentre' },
    whoPlural: { akasse: 'a-kasser', jobcentre: 'jobcentres' },
    meta: (from, to, at, checkpoint) =>
      `Months ${from} to ${to} · STAR tilsyn (002 §13) · generated ${at} from the supervision read model at position ${checkpoint}`,
    ruleSetsTitle: 'Rule set in force per month',
    calendarLabel: 'rule set in force per month',
    noRuleSet: 'no rule set',
    ruleSetColumns: [
      'Rule set',
      'Months in view',
      'Required interviews',
      'Deficient when share is above',
      'Dialogue after',
      'Legal reference',
      'Verified',
    ],
    monthsInARow: (n) => `${n} months in a row`,
    yes: 'yes',
    no: 'no',
    overviewTitle: 'National overview',
    population: 'Population',
    below: 'Below requirement',
    share: 'Share',
    flaggedSummary: (who) => `${who} flagged (deficient months in a row)`,
    latestMonth: 'Latest month',
    latestShare: 'Latest share',
    deficientMonths: 'Deficient months',
    currentStreak: 'Current streak',
    dialogue: 'dialogue',
    chartsTitle: (who) => `Monthly share against the threshold, per ${who}`,
    legend: [
      'share of the month',
      'deficient month',
      'deficient months in a row that reached the dialogue limit',
      'threshold of the rule set in force',
    ],
    overPeriod: 'over the period',
    streak: 'streak',
    chartLabel: (id) => `${id}: monthly share against the threshold`,
    bar: (m) =>
      `${m.month}: ${m.numerator} of ${m.population} below ${m.required} interviews = ${m.share} (${m.ruleSetId}: deficient above ${m.threshold})`,
    barDeficient: (n) => ` — deficient, ${n} in a row`,
    barFlagged: ' — dialogue with the management',
    download: 'Download as CSV',
    csvMonthsColumns: [
      'Month',
      'Population',
      'Below requirement',
      'Share (%)',
      'Required interviews',
      'Deficient',
      'Streak',
      'Dialogue',
      'Rule set',
    ],
    signOut: 'Sign out',
    signedInAs: (role, org) => `Signed in as ${role} (${org})`,
    language: 'På dansk',
    akasseTitle: (id) => `${id}: job interviews in the first 3 months, per month`,
    month: 'Month',
    deficient: 'Deficient',
    ruleSet: 'Rule set',
    toOverview: '← National overview',
    toAkasse: (id) => `← ${id}`,
    personsTitle: (id, month) => `${id}, ${month}: persons below the requirement`,
    personsNote: 'Each person shown here gets an entry in their access log.',
    person: 'Person',
    benefitPeriod: 'Benefit period',
    group: 'Group',
    interviewsHeld: 'Interviews held',
    required: 'Required',
    noPersons: 'No one was below the requirement in this month.',
  },
};
