import type { Finding } from '../model/finding.js';
import { pairOf, report, type Subject } from './subject.js';
import { HORIZONTAL_SPACE } from './characters.js';

/** Line breaks at the ends come from YAML block style and mean nothing; spaces do. */
export function whitespaceTrailing(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || !new RegExp(`${HORIZONTAL_SPACE}\\n*$`, 'u').test(pair.raw)) return [];
  return [report(subject, 'whitespace-trailing', 'the translation ends with a space. Delete it.')];
}
