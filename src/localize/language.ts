import type { Config } from '../config/schema.js';
import { directionOf, formattingLocale, scriptOf, type Direction } from '../model/languages.js';

export interface Language {
  code: string;
  dir: Direction;
  script: string;
  /** Locale for Intl formatting, with the configured numbering system. */
  locale: string;
  /** Locale for the dateline: `locale`, or the configured date style's calendar and month names in the same digits. */
  readonly dateLocale: string;
  readonly numbering: string;
  paper: Config['pdf']['paper'];
  isSource: boolean;
}

export function languagesOf(config: Config): Language[] {
  return config.languages.map((lang) => {
    const locale = formattingLocale(lang.code, lang.numbering);
    let numbering: string | undefined;
    let dateLocale: string | undefined;
    return {
      code: lang.code,
      dir: directionOf(lang.code),
      script: scriptOf(lang.code),
      locale,
      get numbering() {
        return (numbering ??= dateFormat(locale).resolvedOptions().numberingSystem);
      },
      get dateLocale() {
        if (!lang.date) return locale;
        return (dateLocale ??= new Intl.Locale(lang.date.locale ?? lang.code, { calendar: lang.date.calendar, numberingSystem: this.numbering }).toString());
      },
      paper: lang.paper ?? config.pdf.paper,
      isSource: lang.code === config.sourceLanguage,
    };
  });
}

/** A date written as the language writes it: 11 בפברואר 2020, ١١ فبراير ٢٠٢٠, 11 février 2020. */
export function formatDate(isoDate: string, language: Language): string {
  return dateFormat(language.dateLocale).format(new Date(`${isoDate}T00:00:00Z`));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * One date format per locale: making one loads the locale's data, so it also answers which digits
 * the locale uses (the same numbering system its number format would give).
 */
function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })));
  return format;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number in the language's digits (list numbers, link references), with one formatter per locale: making one is slow. */
export function formatNumber(value: number, language: Language): string {
  let format = numberFormats.get(language.locale);
  if (!format) numberFormats.set(language.locale, (format = new Intl.NumberFormat(language.locale, { useGrouping: false })));
  return format.format(value);
}
