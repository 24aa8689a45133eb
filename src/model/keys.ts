import { createHash } from 'node:crypto';
import type { SegmentKind } from './statement.js';

export const KEY_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;
export const META_KEYS = ['title', 'organization', 'description', 'keywords'] as const;

/** `Some text <!-- #my-key -->`: an explicit key written at the end of a block (matched from the last `<!--`). */
const KEY_MARKER = /^<!--\s*#([^\s>]*)\s*-->\s*$/;

export function splitKeyMarker(text: string): { text: string; key?: string; markerIndex?: number } {
  const opening = text.lastIndexOf('<!--');
  const match = opening < 0 ? null : KEY_MARKER.exec(text.slice(opening));
  if (!match) return { text };
  const markerIndex = text.slice(0, opening).trimEnd().length;
  return { text: text.slice(0, markerIndex), key: match[1]!, markerIndex };
}

const KIND_PREFIX: Record<SegmentKind, string> = { meta: 'm', heading: 'h', paragraph: 'p', item: 'li', cell: 'td' };

/**
 * A key for a block without an explicit one. It depends only on the block's own text, so inserting,
 * deleting or moving other blocks never changes it; editing the text does (give such blocks an
 * explicit key, or let `broadside sync` re-match the translation).
 */
export function derivedKey(kind: SegmentKind, source: string): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 8);
  return `${KIND_PREFIX[kind]}-${hash}`;
}

export function normalizeInline(text: string): string {
  // One pass over each run of blanks (linear: a run of spaces without a line break is never rescanned).
  return text
    .normalize('NFC')
    .replace(/[ \t\n]+/g, (run) => (run === ' ' || run === '\t' ? run : ' '))
    .trim();
}
