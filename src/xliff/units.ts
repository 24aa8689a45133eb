import type { InterfaceStrings } from '../localize/localize.js';
import type { Language } from '../localize/language.js';
import { interfaceStatuses, segmentStatuses, type UnitStatus } from '../localize/statuses.js';
import type { EntryState } from '../localize/state.js';
import type { LinkDefinitions } from '../model/inline.js';
import type { SegmentKind, Statement } from '../model/statement.js';
import type { TranslationFile } from '../model/translation.js';
import { plainText } from '../render/inline.js';
import { INTERFACE_SCOPE } from '../sync/document.js';
import { unitId } from './unit-id.js';

/** What an XLIFF file holds, whichever version it is written in. */
export interface XliffDocument {
  source: Pick<Language, 'code' | 'dir'>;
  target: Pick<Language, 'code' | 'dir'>;
  files: XliffFile[];
}

/** One statement, or the interface strings. */
export interface XliffFile {
  id: string;
  /** The canonical file it comes from, relative to the project. */
  original: string;
  /** Shown to translators: the statement's title, or what interface strings are. */
  description: string;
  units: XliffUnit[];
}

export interface XliffUnit {
  id: string;
  key: string;
  /** The current canonical text (inline Markdown, kept as text). */
  source: string;
  /** The translation in the file; empty when there is none. A stale one is included, to revise. */
  target: string;
  state: EntryState;
  /** For a stale unit: the source the translation was made from. */
  previousSource?: string;
  /** Where the passage is, for translators. */
  context: string;
  /** The translator's own note from the translation file. */
  note?: string;
  /** Its statement's `[label]: href` definitions, which reference links in `source` and `target` use. */
  definitions?: LinkDefinitions;
}

const KIND_NAMES: Record<SegmentKind, string> = { meta: 'document information', heading: 'heading', paragraph: 'paragraph', item: 'list item', cell: 'table cell' };

/** The units of one language, from the canonical and its translation file. Pure. */
export function xliffDocument(
  statements: Statement[],
  interfaceStrings: InterfaceStrings,
  translation: TranslationFile | undefined,
  source: Language,
  target: Language,
): XliffDocument {
  const files: XliffFile[] = statements.map((statement) => {
    const title = plainText(statement.meta.title.inline);
    return {
      id: statement.id,
      original: statement.file,
      description: `Statement “${title}”`,
      units: segmentStatuses(statement, translation).map((status) =>
        unit(statement.id, status, `${title} › ${KIND_NAMES[status.segment!.kind]} (${statement.file}, line ${status.segment!.line})`, statement.definitions),
      ),
    };
  });
  files.push({
    id: INTERFACE_SCOPE,
    original: 'templates/strings.yaml',
    description: 'Interface strings: the words around every statement (links, dates, notes); keep {{placeholders}} unchanged',
    units: interfaceStatuses(interfaceStrings, translation).map((status) => unit(INTERFACE_SCOPE, status, `Interface string “${status.key}”`)),
  });
  return { source: { code: source.code, dir: source.dir }, target: { code: target.code, dir: target.dir }, files };
}

function unit(scope: string, status: UnitStatus, context: string, definitions?: LinkDefinitions): XliffUnit {
  const out: XliffUnit = { id: unitId(scope, status.key), key: status.key, source: status.source, target: status.entry?.text ?? '', state: status.state, context };
  if (definitions?.size) out.definitions = definitions;
  if (status.state === 'stale') out.previousSource = status.entry!.source;
  if (status.entry?.note) out.note = status.entry.note;
  return out;
}
