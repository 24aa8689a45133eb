import type { Finding } from '../model/finding.js';
import { codePoint } from './characters.js';
import { around, pairOf, report, type Subject } from './subject.js';

/**
 * Invisible characters that only ever arrive by copy and paste. The zero-width (non-)joiner and the
 * direction marks are not here: Persian, Arabic and Hebrew text uses them on purpose.
 */
const ZERO_WIDTH: Record<string, string> = {
  '\u200B': 'zero-width space',
  '\u2060': 'word joiner',
  '\uFEFF': 'zero-width no-break space (byte-order mark)',
  '\u180E': 'Mongolian vowel separator',
};

export function whitespaceZeroWidth(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair) return [];
  const found = new RegExp(`[${Object.keys(ZERO_WIDTH).join('')}]`, 'u').exec(pair.raw);
  if (!found) return [];
  return [report(subject, 'whitespace-zero-width', `invisible character ${codePoint(found[0])} (${ZERO_WIDTH[found[0]]}) at ${around(pair.raw, found.index)}. Delete it; it breaks searching and copying.`)];
}
