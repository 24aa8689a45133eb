import type { Finding } from '../model/finding.js';
import { flatInline, type Inline } from '../model/inline.js';
import { pairOf, report, type Subject } from './subject.js';

/** What Markdown makes of a segment's text when it starts like a block. */
const BLOCK_NAMES: Record<string, string> = {
  heading: 'a heading (#)',
  list: 'a list (-, * or 1.)',
  blockquote: 'a quotation (>)',
  hr: 'a horizontal rule (---)',
  code: 'a code block',
  table: 'a table',
  html: 'raw HTML',
};

/**
 * A translated segment is the inside of one block: it must not start a heading, list or quotation,
 * nor bring raw HTML, which the English (checked when the statement is read) never has.
 */
export function markupBlocks(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || subject.statement === undefined) return [];
  const allowed = new Set(structure(pair.sourceBlocks, pair.sourceInline));
  const added = structure(pair.blocks, pair.inline).filter((kind) => !allowed.has(kind));
  if (added.length === 0) return [];
  const what = [...new Set(added)].map((kind) => BLOCK_NAMES[kind] ?? kind).join(' and ');
  return [report(subject, 'markup-blocks', `Markdown reads the translation as ${what}, which the English is not. Remove it, or put a backslash before the character (\\# or \\-) to write it as text.`)];
}

function structure(blocks: readonly string[], nodes: readonly Inline[]): readonly string[] {
  const inlineHtml = flatInline(nodes).some((node) => node.type === 'html');
  return inlineHtml ? [...blocks, 'html'] : blocks;
}
