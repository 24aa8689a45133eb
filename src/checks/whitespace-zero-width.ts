import type { Finding } from '../model/finding.js';
import { decodedText } from '../model/inline.js';
import { codePoint } from './characters.js';
import { around, pairOf, report, type Subject } from './subject.js';

/**
 * Invisible characters that only ever arrive by copy and paste. The zero-width (non-)joiner and the
 * direction marks are not here: Persian, Arabic and Hebrew text uses them on purpose.
 */
export const ZERO_WIDTH: Record<string, string> = {
  '\u200B': 'zero-width space',
  '\u2060': 'word joiner',
  '\uFEFF': 'zero-width no-break space (byte-order mark)',
  '\u180E': 'Mongolian vowel separator',
};

export function whitespaceZeroWidth(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair) return [];
  // The decoded text: the character may have come as a character reference (&#x200B;) or a YAML escape.
  const text = decodedText(pair.inline);
  const found = new RegExp(`[${Object.keys(ZERO_WIDTH).join('')}]`, 'u').exec(text);
  if (!found) return [];
  return [report(subject, 'whitespace-zero-width', `invisible character ${codePoint(found[0])} (${ZERO_WIDTH[found[0]]}) at ${around(text, found.index)}. Delete it; it breaks searching and copying.`)];
}
