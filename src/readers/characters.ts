import { firstUnbalanced } from '../checks/bidi-controls.js';
import { codePoint } from '../checks/characters.js';
import { ZERO_WIDTH } from '../checks/whitespace-zero-width.js';
import type { Inline } from '../model/inline.js';
import { decodedText } from '../model/inline.js';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}|[\uFDD0-\uFDEF]|[\uFFFE\uFFFF]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/u;

/** What kind of character `char` is, for a message: "control character U+001B". */
function kindOf(char: string): string {
  const code = char.codePointAt(0)!;
  if (code >= 0xd800 && code <= 0xdfff) return 'lone surrogate';
  if (code >= 0xfdd0 && code <= 0xfdef) return 'noncharacter';
  if ((code & 0xfffe) === 0xfffe) return 'noncharacter';
  return 'control character';
}

/**
 * The first character no statement or translation may hold (C0 and C1 controls but tab and line
 * feed, lone surrogates, noncharacters), in `text` as decoded, whatever route it came by: raw
 * bytes, an entity, a character reference or a YAML escape.
 */
export function forbiddenCharacter(text: string): { index: number; description: string } | undefined {
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return { index: match.index, description: `${kindOf(match[0])} U+${code}` };
}

/** The first forbidden character of the decoded text of `nodes` (`index` is in `decodedText(nodes)`). */
export function forbiddenInline(nodes: readonly Inline[]): { index: number; description: string } | undefined {
  return forbiddenCharacter(decodedText(nodes));
}

/** An unclosed or stray direction control in the decoded text of `nodes`, described. */
export function unbalancedDirection(nodes: readonly Inline[]): { index: number; message: string } | undefined {
  const problem = firstUnbalanced(decodedText(nodes));
  return problem && { index: problem.at, message: problem.message };
}

/** A zero-width character (that no script needs) in the decoded text of `nodes`, described. */
export function zeroWidthIn(nodes: readonly Inline[]): { index: number; message: string } | undefined {
  const found = new RegExp(`[${Object.keys(ZERO_WIDTH).join('')}]`, 'u').exec(decodedText(nodes));
  return found ? { index: found.index, message: `invisible character ${codePoint(found[0])} (${ZERO_WIDTH[found[0]]}) is not allowed` } : undefined;
}
