import { selectStatements, type Project } from '../model/project.js';
import type { Language } from '../localize/language.js';
import { interfaceStatuses, obsoleteEntries, segmentStatuses, wordCount, type UnitStatus } from '../localize/statuses.js';
import type { Statement } from '../model/statement.js';
import { proseOf } from '../render/prose.js';
import { translatedLanguages } from '../model/translated-languages.js';

/** Bumped only when a field changes meaning or disappears; new fields may be added within a version. */
export const STATUS_SCHEMA_VERSION = 1;

export interface Counts {
  total: number;
  translated: number;
  stale: number;
  missing: number;
}

export interface LanguageStatus {
  lang: string;
  file: string;
  /** Translated segments and interface strings as a percentage of all of them, rounded down. */
  percent: number;
  /** The threshold that applies to this language, or null when there is none. */
  minimum: number | null;
  belowMinimum: boolean;
  segments: Counts;
  /** Words of the English of the segments in each state. */
  words: Counts;
  interface: Counts;
  /** Entries for segments that no longer exist (in `statements:` or kept under `obsolete:`). */
  obsolete: number;
}

export interface StatementStatus {
  statement: string;
  segments: number;
  words: number;
  interfaceStrings: number;
  languages: LanguageStatus[];
}

export interface StatusReport {
  schemaVersion: typeof STATUS_SCHEMA_VERSION;
  sourceLanguage: string;
  statements: StatementStatus[];
}

export interface StatusOptions {
  statements?: string[];
  langs?: string[];
  /** Threshold for languages without their own `minComplete` in the configuration. */
  min?: number;
}

/** How far each translation is, per statement and language. Pure: the project is already loaded. */
export function translationStatus(project: Project, options: StatusOptions = {}): StatusReport {
  const { config } = project;
  const statements = selectStatements(project, options.statements ?? []);
  const languages = translatedLanguages(config, options.langs ?? []);
  const locale = config.sourceLanguage;
  const words = (unit: UnitStatus): number => wordCount(proseOf(unit.sourceInline), locale);
  return {
    schemaVersion: STATUS_SCHEMA_VERSION,
    sourceLanguage: config.sourceLanguage,
    statements: statements.map((statement) => {
      const units = segmentStatuses(statement, undefined);
      return {
        statement: statement.id,
        segments: units.length,
        words: sum(units.map(words)),
        interfaceStrings: project.interfaceStrings.strings.size,
        languages: languages.map((language) => languageStatus(project, statement, language, words, options.min)),
      };
    }),
  };
}

function languageStatus(project: Project, statement: Statement, language: Language, words: (unit: UnitStatus) => number, min: number | undefined): LanguageStatus {
  const { config } = project;
  const translation = project.translations.get(language.code);
  const segments = segmentStatuses(statement, translation);
  const strings = interfaceStatuses(project.interfaceStrings, translation);
  const done = segments.filter((u) => u.state === 'translated').length + strings.filter((u) => u.state === 'translated').length;
  const all = segments.length + strings.length;
  const percent = all === 0 ? 100 : Math.floor((done * 100) / all);
  const minimum = config.languages.find((l) => l.code === language.code)?.minComplete ?? min ?? config.minComplete ?? null;
  return {
    lang: language.code,
    file: translation?.file ?? `${config.translations}/${language.code}.yaml`,
    percent,
    minimum,
    belowMinimum: minimum !== null && percent < minimum,
    segments: counts(segments, () => 1),
    words: counts(segments, words),
    interface: counts(strings, () => 1),
    obsolete: obsoleteEntries(statement, translation).length,
  };
}

function counts(units: UnitStatus[], weight: (unit: UnitStatus) => number): Counts {
  const of = (state: UnitStatus['state']): number => sum(units.filter((u) => u.state === state).map(weight));
  return { total: sum(units.map(weight)), translated: of('translated'), stale: of('stale'), missing: of('missing') };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
