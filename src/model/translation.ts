/** One translated unit: the source it was made from, kept next to the translation. */
export interface Entry {
  key: string;
  source: string;
  /** Empty when the translator has not written it yet. */
  text: string;
  note?: string;
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
}
