import type { Language } from '../localize/language.js';
import type { EntryState } from '../localize/state.js';
import type { Finding } from '../model/finding.js';
import type { Inline } from '../model/inline.js';
import type { Entry } from '../model/translation.js';
import { CHECK_CATALOG, type CheckId } from './catalog.js';
import type { SegmentTerminology } from './terminology.js';

/** What one check looks at: one language's entry (or the lack of one) for one segment or interface string. */
export interface Subject {
  language: Language;
  /** The translation file, whether or not it exists yet. */
  file: string;
  /** The statement, or undefined for an interface string. */
  statement?: string;
  key: string;
  /** Where the entry is or belongs in the file: `statements.<id>`, `obsolete.<id>` or `interface`. */
  section: string;
  state: EntryState | 'obsolete';
  /** The canonical text now; undefined for an obsolete entry. */
  current?: string;
  entry?: Entry;
  /** Where to point when there is no entry: the section it belongs in. */
  sectionAt: { line: number; column: number };
  /** What the project's termbase says about this segment, when it has one that applies. */
  terminology?: SegmentTerminology;
}

/** A check: a pure function of one subject. */
export type Check = (subject: Subject) => Finding[];

/** The translation and the English it was made from, when there is a translation to inspect. */
export interface Pair {
  source: string;
  text: string;
  /** `source` and `text` as read. */
  sourceInline: Inline[];
  inline: Inline[];
  sourceBlocks: string[];
  blocks: string[];
  /** The text as written in the file, spacing included. */
  raw: string;
}

export function pairOf(subject: Subject): Pair | undefined {
  const { entry, state } = subject;
  if (!entry || state === 'obsolete' || state === 'missing') return undefined;
  return { source: entry.source, text: entry.text, sourceInline: entry.sourceInline, inline: entry.inline, sourceBlocks: entry.sourceBlocks, blocks: entry.blocks, raw: entry.raw ?? entry.text };
}

/** A finding about `subject` at its entry (or its section), with the check's default severity. */
export function report(subject: Subject, check: CheckId, message: string): Finding {
  const at = subject.entry ?? subject.sectionAt;
  const finding: Finding = {
    check,
    severity: CHECK_CATALOG[check].severity,
    message,
    file: subject.file,
    line: at.line,
    column: at.column,
    lang: subject.language.code,
    key: subject.statement === undefined ? `interface.${subject.key}` : subject.key,
  };
  if (subject.statement !== undefined) finding.statement = subject.statement;
  return finding;
}

/** Text quoted for a message, shortened at a word to about `max` characters. */
export function quote(text: string, max = 60): string {
  const chars = [...text];
  if (chars.length <= max) return `“${text}”`;
  const cut = chars.slice(0, max).join('');
  const atWord = cut.lastIndexOf(' ') > max / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return `“${atWord.trimEnd()}…”`;
}

/** Text around `index`, for pointing at a place inside a long segment. */
export function around(text: string, index: number, width = 20): string {
  const start = Math.max(0, index - width);
  const end = Math.min(text.length, index + width);
  return `“${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}”`;
}

/** Items of `a` not matched by an item of `b` with the same key, counting repeats. */
export function unmatched<T>(a: readonly T[], b: readonly T[], key: (item: T) => string = String): T[] {
  const rest = b.map(key);
  return a.filter((item) => {
    const at = rest.indexOf(key(item));
    if (at < 0) return true;
    rest.splice(at, 1);
    return false;
  });
}

/** "missing: …; not in the English: …" for two lists compared item by item, or undefined when they match. */
export function listDifference<T>(expected: readonly T[], actual: readonly T[], key: (item: T) => string = String, show: (item: T) => string = String): string | undefined {
  const lost = unmatched(expected, actual, key);
  const added = unmatched(actual, expected, key);
  const parts: string[] = [];
  if (lost.length) parts.push(`missing: ${listOf(lost.map(show))}`);
  if (added.length) parts.push(`not in the English: ${listOf(added.map(show))}`);
  return parts.length ? parts.join('; ') : undefined;
}

/** "a, b and c" for a message. */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
