import i18next, { type TFunction } from 'i18next';
import type { Inline } from '../model/inline.js';
import { segmentsOf, type Segment, type Statement } from '../model/statement.js';
import type { EntryMap, TranslationFile } from '../model/translation.js';
import { entryState, type EntryState } from './state.js';
import { formatDate, type Language } from './language.js';

export type SegmentState = EntryState | 'source';

export interface LocalizedSegment {
  key: string;
  /** Inline Markdown to show: the translation, or the source when there is none to publish. */
  text: string;
  /** `text` as read: the nodes writers render. */
  inline: Inline[];
  /** Language and direction of `text`: the source language's when it fell back. */
  lang: string;
  dir: Language['dir'];
  state: SegmentState;
}

export interface LocalizedStatement {
  statement: Statement;
  language: Language;
  source: Language;
  segment(segment: Segment): LocalizedSegment;
  t: TFunction;
  date: string;
  /** Segments and interface strings published in the source language instead (broken: markup or placeholders). */
  fallbacks: { missing: string[]; stale: string[]; broken: string[] };
}

export interface InterfaceStrings {
  file: string;
  strings: Map<string, string>;
}

/** Joins the canonical statement with one language's translation. Pure. */
export function localize(
  statement: Statement,
  language: Language,
  source: Language,
  interfaceStrings: InterfaceStrings,
  translation: TranslationFile | undefined,
  broken: ReadonlySet<string> = new Set(),
): LocalizedStatement {
  const entries: EntryMap = translation?.statements.get(statement.id) ?? new Map();
  const segments = new Map<string, LocalizedSegment>();
  const fallbacks = { missing: [] as string[], stale: [] as string[], broken: [] as string[] };
  for (const segment of segmentsOf(statement)) {
    if (language.isSource) {
      segments.set(segment.key, { key: segment.key, text: segment.source, inline: segment.inline, lang: language.code, dir: language.dir, state: 'source' });
      continue;
    }
    const entry = entries.get(segment.key);
    const state = entryState(segment.source, entry);
    if (state === 'translated' && broken.has(brokenKey(statement.id, segment.key))) {
      // Shown and marked as a missing one is: the reader gets the English, never broken markup.
      fallbacks.broken.push(segment.key);
      segments.set(segment.key, { key: segment.key, text: segment.source, inline: segment.inline, lang: source.code, dir: source.dir, state: 'missing' });
    } else if (state === 'translated') {
      segments.set(segment.key, { key: segment.key, text: entry!.text, inline: entry!.inline, lang: language.code, dir: language.dir, state });
    } else {
      fallbacks[state].push(segment.key);
      segments.set(segment.key, { key: segment.key, text: segment.source, inline: segment.inline, lang: source.code, dir: source.dir, state });
    }
  }
  const t = interfaceTranslator(language, source, interfaceStrings, translation?.interface, fallbacks, broken);
  return {
    statement,
    language,
    source,
    segment: (s) => segments.get(s.key)!,
    t,
    date: formatDate(statement.meta.date, language),
    fallbacks,
  };
}

/** How `localize` is told of a broken entry: `statement/key`, or `interface.key` for an interface string. */
export function brokenKey(statement: string | undefined, key: string): string {
  return statement === undefined ? `interface.${key}` : `${statement}/${key}`;
}

/** فارسی for fa, português for pt-BR, 繁體中文 for zh-Hant: the region is left out, a script kept. */
export function ownName(code: string): string {
  const { language, script } = new Intl.Locale(code);
  const name = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(script ? code : language);
  return name ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : code;
}

function interfaceTranslator(
  language: Language,
  source: Language,
  { strings }: InterfaceStrings,
  entries: EntryMap | undefined,
  fallbacks: LocalizedStatement['fallbacks'],
  broken: ReadonlySet<string>,
): TFunction {
  const translated: Record<string, string> = {};
  if (!language.isSource) {
    for (const [key, sourceText] of strings) {
      const entry = entries?.get(key);
      const state = entryState(sourceText, entry);
      if (state === 'translated' && broken.has(brokenKey(undefined, key))) fallbacks.broken.push(`interface.${key}`);
      else if (state === 'translated') translated[key] = entry!.text;
      // Not yet translated, the language's name is still known: the CLDR gives it in the language itself.
      else if (key === 'languageName') translated[key] = ownName(language.code);
      else fallbacks[state].push(`interface.${key}`);
    }
  }
  const instance = i18next.createInstance();
  void instance.init({
    lng: language.code,
    fallbackLng: source.code,
    initAsync: false,
    resources: { [source.code]: { translation: Object.fromEntries(strings) }, [language.code]: { translation: language.isSource ? Object.fromEntries(strings) : translated } },
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance.t;
}
