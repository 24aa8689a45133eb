import type { InterfaceStrings } from '../localize/localize.js';
import type { Language } from '../localize/language.js';
import { interfaceStatuses, segmentStatuses, type UnitStatus } from '../localize/statuses.js';
import type { EntryState } from '../localize/state.js';
import type { Finding } from '../model/finding.js';
import type { Inline } from '../model/inline.js';
import type { Statement } from '../model/statement.js';
import type { TranslationFile } from '../model/translation.js';
import { plainText } from '../render/inline.js';

/** Everything a bilingual review document shows, worked out before any HTML is written. */
export interface ReviewDocument {
  source: ReviewLanguage;
  target: ReviewLanguage;
  sections: ReviewSection[];
  counts: Record<EntryState, number> & { errors: number; warnings: number };
  /** When the document was made (YYYY-MM-DD). */
  date: string;
  generator: string;
}

export interface ReviewLanguage {
  code: string;
  dir: Language['dir'];
  /** The language's name in English (Hebrew) and in itself (עברית). */
  englishName: string;
  ownName: string;
}

export interface ReviewSection {
  id: string;
  title: string;
  rows: ReviewRow[];
  /** Findings about entries that are not passages any more (obsolete translations). */
  otherFindings: Finding[];
}

export interface ReviewRow {
  key: string;
  state: EntryState;
  /** The current canonical text, as written and as read. */
  source: string;
  sourceInline: Inline[];
  /** The translation in the file (for a stale row, the one to revise); empty when missing. */
  translation: string;
  translationInline: Inline[];
  /** For a stale row: the source the translation was made from. */
  previousSource?: string;
  findings: Finding[];
}

export interface ReviewInput {
  statements: Statement[];
  interfaceStrings: InterfaceStrings;
  translation: TranslationFile | undefined;
  source: Language;
  target: Language;
  findings: Finding[];
  date: string;
  generator: string;
}

/** Pure: the canonical, one language's translation and its check findings in; the review's content out. */
export function reviewDocument(input: ReviewInput): ReviewDocument {
  const { findings } = input;
  const sections: ReviewSection[] = input.statements.map((statement) =>
    section(statement.id, plainText(statement.meta.title.inline), segmentStatuses(statement, input.translation), findings.filter((f) => f.statement === statement.id), (key) => key),
  );
  // Checks name interface strings `interface.<key>`.
  const interfaceFindings = findings.filter((f) => f.statement === undefined);
  sections.push(section('interface', 'Interface strings', interfaceStatuses(input.interfaceStrings, input.translation), interfaceFindings, (key) => `interface.${key}`));
  const rows = sections.flatMap((s) => s.rows);
  const count = (state: EntryState): number => rows.filter((r) => r.state === state).length;
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    source: reviewLanguage(input.source),
    target: reviewLanguage(input.target, input.translation?.interface.get('languageName')?.text),
    sections,
    counts: { translated: count('translated'), stale: count('stale'), missing: count('missing'), errors, warnings: findings.length - errors },
    date: input.date,
    generator: input.generator,
  };
}

function section(id: string, title: string, statuses: UnitStatus[], findings: Finding[], findingKey: (key: string) => string): ReviewSection {
  const keys = new Set(statuses.map((s) => findingKey(s.key)));
  const rows = statuses.map((status): ReviewRow => {
    const findingsOf = findings.filter((f) => f.key === findingKey(status.key));
    const row: ReviewRow = {
      key: status.key,
      state: status.state,
      source: status.source,
      sourceInline: status.sourceInline,
      translation: status.entry?.text ?? '',
      translationInline: status.entry?.inline ?? [],
      findings: findingsOf,
    };
    if (status.state === 'stale') row.previousSource = status.entry!.source;
    return row;
  });
  return { id, title, rows, otherFindings: findings.filter((f) => f.key === undefined || !keys.has(f.key)) };
}

/** `ownName`: what the translator calls the language (its `languageName` interface string), if written. */
function reviewLanguage(language: Language, ownName?: string): ReviewLanguage {
  const name = (locale: string): string => new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(language.code) ?? language.code;
  return { code: language.code, dir: language.dir, englishName: name('en'), ownName: ownName || name(language.code) };
}
