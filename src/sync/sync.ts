import { writeFileAtomic } from '../io/atomic-write.js';
import { selectStatements, type Canonical } from '../model/project.js';
import { loadCanonical, readTranslationSource } from '../io/translation-files.js';
import type { SyncChange } from './apply.js';
import { interfaceScope, statementScope } from './scopes.js';
import { emptyTranslationText, syncTranslationText } from './sync-text.js';
import { translatedLanguages } from '../model/translated-languages.js';

export interface SyncOptions {
  root: string;
  /** Statement ids; default all (and then sections of deleted statements move to `obsolete:`). */
  statements?: string[];
  langs?: string[];
  /** Report only; write nothing. */
  check?: boolean;
}

export interface FileSync {
  lang: string;
  file: string;
  /** The language had no translation file; sync creates it. */
  created: boolean;
  changes: SyncChange[];
}

/**
 * `broadside sync`: every selected translation file in line with the canonical. All files are
 * worked out (and validated) before any is written, and each is replaced atomically.
 */
export async function syncProject(options: SyncOptions): Promise<FileSync[]> {
  const canonical = await loadCanonical(options.root);
  const langs = translatedLanguages(canonical.config, options.langs ?? []).map((l) => l.code);
  const pending: Array<FileSync & { path: string; text: string }> = [];
  for (const lang of langs) pending.push({ lang, ...(await syncLanguage(canonical, lang, options.statements ?? [])) });
  if (!options.check) {
    for (const file of pending) if (file.created || file.changes.length) await writeFileAtomic(file.path, file.text);
  }
  return pending.map(({ lang, file, created, changes }) => ({ lang, file, created, changes }));
}

/** The new text of one language's file; the file itself is not touched. */
export async function syncLanguage(canonical: Canonical, lang: string, statementIds: string[] = []): Promise<{ path: string; file: string; created: boolean; text: string; changes: SyncChange[] }> {
  const statements = selectStatements(canonical, statementIds);
  const source = await readTranslationSource(canonical.root, canonical.config, lang);
  const original = source.text ?? emptyTranslationText(lang, canonical.config.sourceLanguage);
  const { text, changes } = syncTranslationText(original, {
    lang,
    file: source.file,
    scopes: [interfaceScope(canonical.interfaceStrings), ...statements.map(statementScope)],
    allStatements: statementIds.length ? undefined : new Set(canonical.statements.map((s) => s.id)),
  });
  return { path: source.path, file: source.file, created: source.text === undefined, text, changes };
}
