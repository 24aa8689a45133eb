import type { EditionConfig } from '../config/editions.js';
import type { Language } from '../localize/language.js';
import type { LocalizedStatement } from '../localize/localize.js';
import type { Block, Segment, Statement } from '../model/statement.js';

/** How the languages of a parallel edition stand: in columns side by side, or one after another in each passage. */
export type EditionLayout = 'columns' | 'stacked';

/** A configured parallel edition, with its languages resolved. */
export interface ParallelEdition {
  id: string;
  /** In the configured order: the first sets the page's direction, running head and page numbers. */
  languages: Language[];
  layout: EditionLayout;
}

/**
 * A statement in a parallel edition. It is its first language's localized statement (title,
 * interface strings, paper, metadata and running head are that language's), and carries every
 * language's, in the edition's order, for the passages.
 */
export interface ParallelStatement extends LocalizedStatement {
  parallel: { id: string; layout: EditionLayout; docs: LocalizedStatement[] };
}

/** More columns than this on a page, or columns on A5, are too narrow to read: the passages are stacked. */
const MAX_COLUMNS = 3;

/** The configured editions, with the languages as the build sees them (the paper of --paper included). */
export function parallelEditions(editions: readonly EditionConfig[], languages: readonly Language[]): ParallelEdition[] {
  return editions.map((edition) => {
    const members = edition.languages.map((code) => languages.find((l) => l.code === code)!);
    const narrow = members[0]!.paper === 'a5' || members.length > MAX_COLUMNS;
    const layout: EditionLayout = edition.layout === 'auto' ? (narrow ? 'stacked' : 'columns') : edition.layout;
    return { id: edition.id, languages: members, layout };
  });
}

/** The edition of one statement, from the localized statements of its languages (fallbacks included). Pure. */
export function parallelStatement(edition: ParallelEdition, docs: readonly LocalizedStatement[]): ParallelStatement {
  const members = edition.languages.map((language) => docs.find((d) => d.language === language)!);
  return { ...members[0]!, parallel: { id: edition.id, layout: edition.layout, docs: members } };
}

export function isParallel(doc: LocalizedStatement): doc is ParallelStatement {
  return 'parallel' in doc;
}

/** The folder of the output an edition's files live in: its language, or a parallel edition's id. */
export function folderOf(doc: LocalizedStatement): string {
  return isParallel(doc) ? doc.parallel.id : doc.language.code;
}

/**
 * What `--lang` selects: a parallel edition by its id, or every edition that has one of the
 * languages named (a change to the Hebrew reaches the Hebrew-Arabic-English edition too). `langs`
 * are the codes left for the single editions; none when only editions were named.
 */
export function selectParallel(editions: readonly ParallelEdition[], requested: readonly string[]): { editions: ParallelEdition[]; langs: string[]; onlyEditions: boolean } {
  if (requested.length === 0) return { editions: [...editions], langs: [], onlyEditions: false };
  const ids = new Set(editions.map((e) => e.id));
  const langs = requested.filter((code) => !ids.has(code));
  const chosen = editions.filter((e) => requested.includes(e.id) || e.languages.some((l) => langs.includes(l.code)));
  return { editions: chosen, langs, onlyEditions: langs.length === 0 };
}

/**
 * The passages a reader moves across: each heading, paragraph and list item, and each other block
 * (a quotation, a table, code) as a whole, in document order. Every language has every passage,
 * since each is keyed by its source segment; a list item keeps its number and its nested blocks.
 */
export type Passage = { kind: 'heading' | 'paragraph' | 'item' | 'block'; key: string; block: Block };

export function passagesOf(statement: Statement): Passage[] {
  return statement.blocks.flatMap((block, index): Passage[] => {
    switch (block.type) {
      case 'heading':
        return [{ kind: 'heading', key: block.segment.key, block }];
      case 'paragraph':
        return [{ kind: 'paragraph', key: block.segment.key, block }];
      case 'list':
        return block.items.map((item, i) => ({ kind: 'item', key: item.segment.key, block: { ...block, start: block.start + i, items: [item] } }));
      default:
        return [{ kind: 'block', key: firstKey(block) ?? `${block.type}-${index}`, block }];
    }
  });
}

function firstKey(block: Block): string | undefined {
  return blockSegments(block)[0]?.key;
}

/** The segments of a block, nested ones included, in document order. */
export function blockSegments(block: Block): Segment[] {
  const segments: Segment[] = [];
  const visit = (b: Block): void => {
    if (b.type === 'heading' || b.type === 'paragraph') segments.push(b.segment);
    if (b.type === 'list') for (const item of b.items) segments.push(item.segment, ...item.children.flatMap(blockSegments));
    if (b.type === 'blockquote') b.blocks.forEach(visit);
    if (b.type === 'table') segments.push(...b.header, ...b.rows.flat());
  };
  visit(block);
  return segments;
}
