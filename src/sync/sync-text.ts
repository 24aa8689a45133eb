import { isMap } from 'yaml';
import { readTranslation } from '../readers/translation.js';
import { parseYamlSource } from '../readers/yaml-source.js';
import { stringifyLike } from '../yaml/stringify.js';
import { syncScope, type SyncChange } from './apply.js';
import { keyOf } from './document.js';
import type { Scope } from './scopes.js';

export interface SyncTarget {
  lang: string;
  /** The file's name in messages. */
  file: string;
  /** Interface strings and the statements to sync. */
  scopes: Scope[];
  /** Every statement that exists; a section for any other moves to `obsolete:`. Omit to leave such sections alone. */
  allStatements?: ReadonlySet<string>;
}

export interface SyncResult {
  text: string;
  changes: SyncChange[];
}

/**
 * Brings one translation file in line with the canonical, like msgmerge. Pure: the file's text in,
 * the new text out. The text comes back unchanged, byte for byte, when there is nothing to do.
 */
export function syncTranslationText(text: string, target: SyncTarget): SyncResult {
  const { doc } = parseYamlSource(text, target.file);
  const sections = statementSections(doc.getIn(['statements'], true));
  readTranslation(target.lang, target.file, text, new Set([...(target.allStatements ?? []), ...sections]));
  const changes = target.scopes.flatMap((scope) => syncScope(doc, scope.id, scope.units));
  if (target.allStatements) {
    for (const id of sections) if (!target.allStatements.has(id)) changes.push(...syncScope(doc, id, []));
  }
  return changes.length ? { text: stringifyLike(doc, text), changes } : { text, changes };
}

function statementSections(node: unknown): string[] {
  return isMap(node) ? node.items.map(keyOf) : [];
}

/** The start of a translation file for a language that has none yet; sync fills in the entries. */
export function emptyTranslationText(lang: string, sourceLang: string): string {
  const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
  return [
    `# Broadside translation: ${names.of(lang)} (${lang}), from ${names.of(sourceLang)} (${sourceLang}).`,
    '# Each entry keeps the `source` text it was translated from next to its `text`.',
    '# When the source changes, `broadside sync` marks the entry stale and adds the current text as',
    '# `newSource`; once `text` is updated, replace `source` with `newSource`.',
    `language: ${lang}`,
    '',
  ].join('\n');
}
