import type { Document } from 'yaml';
import { InputError, formatLocation } from '../errors.js';
import { normalizeInline } from '../model/keys.js';
import type { LinkDefinitions } from '../model/inline.js';
import type { TranslationFile } from '../model/translation.js';
import { forbiddenInline } from '../readers/characters.js';
import { parseInline } from '../readers/inline.js';
import { parseYamlSource } from '../readers/yaml-source.js';
import { NEW_SOURCE } from '../sync/apply.js';
import { ensureSection, field, insertInOrder, keyOf, newEntryPair, scopePaths, setField } from '../sync/document.js';
import type { Scope } from '../sync/scopes.js';
import { stringifyLike } from '../yaml/stringify.js';
import type { ReturnedUnit, ReturnedXliff } from './read.js';
import { hasCodes, sourceSignature, targetMarkdown } from './returned-codes.js';
import { markdownToParts } from './inline-codes.js';
import { parseUnitId } from './unit-id.js';

export interface ImportTarget {
  /** The XLIFF file's name, for messages. */
  file: string;
  /** The canonical: interface strings and statements, in document order. */
  scopes: Scope[];
  translation: TranslationFile | undefined;
  /** The translation file's text, edited in place. */
  yaml: string;
  yamlFile: string;
}

export interface ImportResult {
  text: string;
  /** Units whose translation was new or changed. */
  translated: string[];
  /** Stale units whose translation the tool marked finished unchanged: it now counts for the current source. */
  confirmed: string[];
  /** Units with the same translation as the file already has, or none. */
  unchanged: number;
  /** Units whose target is the English source and not marked final: left untranslated, never taken as a translation. */
  sameAsSource: string[];
}

/**
 * Writes the translations of a returned XLIFF file into the translation file's text. Pure. Every
 * unit is checked against the current canonical first, and nothing is written if any is wrong:
 * a unit for a passage that no longer exists, or whose source is not the current one (the file
 * was exported before the statement changed), would put a translation where it does not belong;
 * a changed translation must keep the source's inline codes.
 *
 * A target that differs from the translation file is the translator's edit, whatever its state
 * says (OmegaT never changes a state). A target equal to the English source is taken only when
 * marked final or signed off: otherwise it is the source copied to the target, not a translation.
 * An unchanged stale translation is confirmed for the current source when marked finished. An
 * empty target never erases a translation.
 */
export function importXliff(xliff: ReturnedXliff, target: ImportTarget): ImportResult {
  const sources = new Map(target.scopes.map((scope) => [scope.id, new Map(scope.units.map((u) => [u.key, u.source]))]));
  const definitions = new Map(target.scopes.map((scope) => [scope.id, scope.definitions]));
  const problems: Array<{ unit: ReturnedUnit; message: string }> = [];
  const seen = new Set<string>();
  const accepted: Array<{ unit: ReturnedUnit; scope: string; key: string; current: string; text: string }> = [];
  for (const unit of xliff.units) {
    const at = parseUnitId(unit.id);
    const current = at && sources.get(at.scope)?.get(at.key);
    const problem = (message: string): void => void problems.push({ unit, message });
    if (seen.has(unit.id)) problem('appears twice');
    else if (!at || current === undefined) problem('is not a passage of the current statements (it was removed or renamed since the export)');
    else if (!sameSource(unit, current, definitions.get(at.scope))) problem(`has a source that is not the current text (the statement changed since the export); it is now:\n      ${current}`);
    else {
      const entry = at.scope === 'interface' ? target.translation?.interface.get(at.key) : target.translation?.statements.get(at.scope)?.get(at.key);
      const { markdown, problems: codeProblems, unreadable } = targetMarkdown(unit.target ?? [], current, definitions.get(at.scope));
      const text = normalizeInline(markdown);
      if (unreadable || (text !== '' && text !== entry?.text)) for (const message of codeProblems) problem(`has a translation that cannot be taken: ${message}`);
      // Decoded as the model reads it: a control written as a Markdown reference (&amp;#x1b; in the XML) counts too.
      const forbidden = forbiddenInline(parseInline(text, definitions.get(at.scope)));
      if (forbidden) problem(`has a translation that cannot be taken: it holds an invisible character (${forbidden.description}, here written as a reference or an entity); delete it`);
      accepted.push({ unit, scope: at.scope, key: at.key, current, text });
    }
    seen.add(unit.id);
  }
  if (problems.length) {
    const first = problems[0]!.unit;
    const lines = problems.map(({ unit, message }) => `  ${formatLocation({ file: target.file, line: unit.line, column: unit.column })}: unit "${unit.id}" ${message}`);
    throw new InputError(
      `${problems.length} unit(s) cannot be imported; nothing was written:\n${lines.join('\n')}`,
      { file: target.file, line: first.line, column: first.column },
      problems.some((p) => p.message.startsWith('has a translation'))
        ? 'correct those translations in your tool (its tag check shows missing or misplaced tags), save the file again and import it.'
        : 'run `broadside sync`, export the file again and carry your translations over in your tool (its translation memory will offer them), then import the new file.',
    );
  }

  const { doc } = parseYamlSource(target.yaml, target.yamlFile);
  const result: ImportResult = { text: target.yaml, translated: [], confirmed: [], unchanged: 0, sameAsSource: [] };
  for (const { unit, scope, key, current, text } of accepted) {
    const entry = scope === 'interface' ? target.translation?.interface.get(key) : target.translation?.statements.get(scope)?.get(key);
    if (text === '') result.unchanged++;
    else if (text === entry?.text) {
      if (unit.done && entry.source !== current) {
        writeEntry(doc, scope, key, current, undefined, target.scopes);
        result.confirmed.push(unit.id);
      } else result.unchanged++;
    } else if (text === current && !unit.final) result.sameAsSource.push(unit.id);
    else {
      writeEntry(doc, scope, key, current, text, target.scopes);
      result.translated.push(unit.id);
    }
  }
  if (result.translated.length || result.confirmed.length) result.text = stringifyLike(doc, target.yaml);
  return result;
}

/** The returned source is the current one: the same text and codes, or the same Markdown when a tool flattened the codes. */
function sameSource(unit: ReturnedUnit, current: string, definitions: LinkDefinitions | undefined): boolean {
  if (!hasCodes(unit.source)) return normalizeInline(sourceSignature(unit.source)) === current;
  return normalizeInline(sourceSignature(unit.source)) === normalizeInline(sourceSignature(markdownToParts(current, definitions)));
}

/** The entry made current: `source` is the current text, `newSource` goes, and `text` is set when given. */
function writeEntry(doc: Document, scope: string, key: string, current: string, text: string | undefined, scopes: Scope[]): void {
  const paths = scopePaths(scope);
  const section = ensureSection(doc, paths.live);
  let pair = section.items.find((p) => keyOf(p) === key);
  if (!pair) {
    pair = newEntryPair(key, current, paths.blockStyle);
    insertInOrder(section, pair, scopes.find((s) => s.id === scope)!.units.map((u) => u.key));
  }
  const entry = pair.value!;
  if (text !== undefined) setField(entry, 'text', text, paths.blockStyle);
  if (field(entry, 'source') !== current) setField(entry, 'source', current, paths.blockStyle);
  entry.delete(NEW_SOURCE);
}
