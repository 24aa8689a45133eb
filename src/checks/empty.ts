import type { Finding } from '../model/finding.js';
import { quote, report, type Subject } from './subject.js';

/** An entry waiting for its translation (as `sync` and `add-lang` create them). */
export function empty(subject: Subject): Finding[] {
  if (subject.state !== 'missing' || !subject.entry) return [];
  return [report(subject, 'empty', `not translated yet: \`text\` is empty. The English: ${quote(subject.current ?? subject.entry.source)}`)];
}
