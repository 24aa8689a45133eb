import type { Inline } from '../model/inline.js';
import { segmentsOf, type Segment, type Statement } from '../model/statement.js';
import type { Entry, TranslationFile } from '../model/translation.js';
import type { InterfaceStrings } from './localize.js';
import { entryState, type EntryState } from './state.js';

/** One unit a translator owns: a statement segment or an interface string, with its state. */
export interface UnitStatus {
  /** Statement id, or `interface` for interface strings. */
  scope: string;
  key: string;
  /** The current canonical text. */
  source: string;
  /** `source` as read (an interface string is plain text, one text node). */
  sourceInline: Inline[];
  segment?: Segment;
  entry?: Entry;
  state: EntryState;
}

export function segmentStatuses(statement: Statement, translation: TranslationFile | undefined): UnitStatus[] {
  const entries = translation?.statements.get(statement.id);
  return segmentsOf(statement).map((segment) => {
    const entry = entries?.get(segment.key);
    return { scope: statement.id, key: segment.key, source: segment.source, sourceInline: segment.inline, segment, entry, state: entryState(segment.source, entry) };
  });
}

export function interfaceStatuses({ strings }: InterfaceStrings, translation: TranslationFile | undefined): UnitStatus[] {
  return [...strings].map(([key, source]) => {
    const entry = translation?.interface.get(key);
    return { scope: 'interface', key, source, sourceInline: [{ type: 'text', text: source, at: 0, end: source.length }], entry, state: entryState(source, entry) };
  });
}

/** Translations whose segment no longer exists: left in `statements:` or already moved to `obsolete:`. */
export function obsoleteEntries(statement: Statement, translation: TranslationFile | undefined): Entry[] {
  if (!translation) return [];
  const live = new Set(segmentsOf(statement).map((s) => s.key));
  const stray = [...(translation.statements.get(statement.id)?.values() ?? [])].filter((e) => !live.has(e.key));
  return [...stray, ...(translation.obsolete.get(statement.id)?.values() ?? [])];
}

export function wordCount(text: string, locale: string): number {
  let words = 0;
  for (const part of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) if (part.isWordLike) words++;
  return words;
}
