import type { Finding } from '../model/finding.js';
import { around, pairOf, report, type Subject } from './subject.js';
import { HORIZONTAL_SPACE, spaceName } from './characters.js';

/** Two spaces between words (any kind of space: a no-break space next to a space shows as a gap). */
export function whitespaceDouble(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair) return [];
  const runs = [...pair.raw.matchAll(new RegExp(`(?<=\\S)${HORIZONTAL_SPACE}{2,}(?=\\S)`, 'gu'))];
  const first = runs[0];
  if (!first) return [];
  const kinds = [...new Set([...first[0]].map(spaceName))].join(' and ');
  const more = runs.length > 1 ? ` (and ${runs.length - 1} more place${runs.length > 2 ? 's' : ''})` : '';
  return [report(subject, 'whitespace-double', `${first[0].length} spaces in a row (${kinds}) at ${around(pair.raw, first.index)}${more}. Use a single space.`)];
}
