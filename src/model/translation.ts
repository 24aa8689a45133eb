import type { CheckId } from '../checks/catalog.js';
import type { Inline } from './inline.js';

/** One translated unit: the source it was made from, kept next to the translation. */
export interface Entry {
  key: string;
  source: string;
  /** Empty when the translator has not written it yet. Whitespace-normalised, as it is published. */
  text: string;
  /** `source` and `text` as read, once, with the statement's link definitions. */
  sourceInline: Inline[];
  inline: Inline[];
  /** The Markdown blocks other than a paragraph that `source` and `text` would start (heading, list, …). */
  sourceBlocks: string[];
  blocks: string[];
  /** `text` exactly as written in the file, for checks that look at spacing; absent when not read from a file. */
  raw?: string;
  note?: string;
  /** Checks the translator set aside for this entry. */
  ignore?: CheckId[];
  /** Where `text` (or the entry) is in the translation file. */
  line: number;
  column: number;
}

export type EntryMap = Map<string, Entry>;

export interface TranslationFile {
  lang: string;
  file: string;
  interface: EntryMap;
  statements: Map<string, EntryMap>;
  /** Entries whose segment no longer exists, kept so no translation is ever lost. */
  obsolete: Map<string, EntryMap>;
  /**
   * Where each section is in the file (`interface`, `statements.<id>`; for a statement without a
   * section, the nearest enclosing one), to point at when an entry is missing. Absent when not read from a file.
   */
  sections?: Map<string, { line: number; column: number }>;
}
