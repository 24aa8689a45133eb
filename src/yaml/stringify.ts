import type { Document } from 'yaml';

/**
 * Writes an edited document back the way its file was written: the same indentation, sequences
 * indented or not as they were, `[a, b]` with or without spaces inside as written, and long texts kept on one line (the `yaml` default would fold
 * them at 80 columns and rewrite every entry of a file that changed in one).
 */
export function stringifyLike(doc: Document, original: string): string {
  return doc.toString({ lineWidth: 0, indent: indentOf(original), indentSeq: !/^- /m.test(original) || /^ +- /m.test(original), flowCollectionPadding: /[[{] \S/.test(original) });
}

/** The smallest indentation of a non-comment line, which is one nesting step (2 when none). */
function indentOf(text: string): number {
  let smallest = Infinity;
  for (const line of text.split('\n')) {
    const indent = /^( +)[^ #]/.exec(line)?.[1]?.length;
    if (indent !== undefined && indent < smallest) smallest = indent;
  }
  return Number.isFinite(smallest) ? smallest : 2;
}
