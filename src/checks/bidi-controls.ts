import type { Finding } from '../model/finding.js';
import { decodedText } from '../model/inline.js';
import { codePoint } from './characters.js';
import { around, pairOf, report, type Subject } from './subject.js';

const EMBEDDINGS: Record<string, string> = {
  '\u202A': 'left-to-right embedding',
  '\u202B': 'right-to-left embedding',
  '\u202D': 'left-to-right override',
  '\u202E': 'right-to-left override',
};
const ISOLATES: Record<string, string> = {
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
};
const POP_EMBEDDING = '\u202C';
const POP_ISOLATE = '\u2069';

/**
 * An embedding or override is closed by U+202C, an isolate by U+2069. One left open changes the
 * direction of everything after it on the page, not just in this segment.
 */
export function bidiControls(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair) return [];
  // The decoded text: a control may have come as a character reference (&#x202E;) or a YAML escape.
  const text = decodedText(pair.inline);
  const problem = firstUnbalanced(text);
  return problem ? [report(subject, 'bidi-controls', `${problem.message}, at ${around(text, problem.at)}. Close each direction control, or delete them and let Broadside set the direction.`)] : [];
}

export function firstUnbalanced(text: string): { at: number; message: string } | undefined {
  const open: { char: string; at: number }[] = [];
  const name = (char: string): string => `${codePoint(char)} (${EMBEDDINGS[char] ?? ISOLATES[char]})`;
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (char in EMBEDDINGS || char in ISOLATES) open.push({ char, at });
    else if (char === POP_EMBEDDING) {
      const top = open.at(-1);
      if (!top || !(top.char in EMBEDDINGS)) return { at, message: `${codePoint(char)} (pop directional formatting) has no embedding or override to close` };
      open.pop();
    } else if (char === POP_ISOLATE) {
      const top = open.at(-1);
      if (!top) return { at, message: `${codePoint(char)} (pop directional isolate) has no isolate to close` };
      if (top.char in EMBEDDINGS) return { at: top.at, message: `${name(top.char)} is not closed with ${codePoint(POP_EMBEDDING)} before the isolate around it ends` };
      open.pop();
    }
  }
  const unclosed = open.at(-1);
  if (!unclosed) return undefined;
  const closer = unclosed.char in EMBEDDINGS ? POP_EMBEDDING : POP_ISOLATE;
  return { at: unclosed.at, message: `${name(unclosed.char)} is never closed with ${codePoint(closer)}` };
}
