import type { Inline, LinkDefinitions } from './inline.js';

/**
 * The document model every reader produces and every writer consumes.
 * Text that a reader sees lives only in segments; blocks carry structure.
 * Version 2: segments carry their inline nodes, statements their link definitions.
 * Version 3: blocks and list items carry their own position in the file.
 */
export const MODEL_VERSION = 3;

/** Where something starts in its file, 1-based: a block's first character (a heading's `#`, a list item's bullet, a quotation's `>`). */
export interface SourcePosition {
  line: number;
  column: number;
}

export type SegmentKind = 'meta' | 'heading' | 'paragraph' | 'item' | 'cell';

export interface Segment {
  /** Stable identity: explicit (`<!-- #key -->`) or derived from the text. */
  key: string;
  kind: SegmentKind;
  /** Inline Markdown, whitespace-normalised and NFC: what keys, hashes and translators' `source` are made of. */
  source: string;
  /** `source` as read, once: the nodes every writer and check walks. */
  inline: Inline[];
  /** Whether the key was written by an author (stable across edits) or derived from the text. */
  explicitKey: boolean;
  line: number;
  column: number;
}

export type Block = (
  | { type: 'heading'; level: number; segment: Segment }
  | { type: 'paragraph'; segment: Segment }
  | { type: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { type: 'blockquote'; blocks: Block[] }
  | { type: 'table'; align: Array<'left' | 'right' | 'center' | null>; header: Segment[]; rows: Segment[][] }
  | { type: 'code'; lang: string; text: string }
  | { type: 'rule' }
) &
  SourcePosition;

export interface ListItem extends SourcePosition {
  segment: Segment;
  children: Block[];
}

export interface StatementMeta {
  title: Segment;
  organization?: Segment;
  description?: Segment;
  /** Comma-separated, for search engines and PDF metadata; translated like any segment. */
  keywords?: Segment;
  /** ISO date, YYYY-MM-DD. */
  date: string;
}

export interface Statement {
  id: string;
  file: string;
  meta: StatementMeta;
  blocks: Block[];
  /** `[label]: href` definitions, by label as marked files them; translations' links resolve against them too. */
  definitions: LinkDefinitions;
}

/**
 * A block type a walk over blocks has no case for: a bug in Broadside (a reader made a block no writer
 * knows), refused rather than left out of the output without a word.
 */
export class UnknownBlockError extends Error {
  constructor(readonly blockType: string) {
    super(`no case for the block type "${blockType}"`);
  }
}

/** All segments in document order: front matter first, then the body. */
export function segmentsOf(statement: Statement): Segment[] {
  const { title, organization, description, keywords } = statement.meta;
  const out: Segment[] = [title];
  for (const segment of [organization, description, keywords]) if (segment) out.push(segment);
  const visit = (blocks: Block[]): void => {
    for (const block of blocks) {
      switch (block.type) {
        case 'heading':
        case 'paragraph':
          out.push(block.segment);
          break;
        case 'list':
          for (const item of block.items) {
            out.push(item.segment);
            visit(item.children);
          }
          break;
        case 'blockquote':
          visit(block.blocks);
          break;
        case 'table':
          out.push(...block.header, ...block.rows.flat());
          break;
        case 'code':
        case 'rule':
          break;
        default:
          throw new UnknownBlockError((block as { type: string }).type);
      }
    }
  };
  visit(statement.blocks);
  return out;
}
