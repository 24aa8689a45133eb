import type { Finding } from '../model/finding.js';
import { quote, report, type Subject } from './subject.js';

/** No entry at all: the file has never had this segment (a blank entry is `empty`, not this). */
export function missing(subject: Subject): Finding[] {
  if (subject.state !== 'missing' || subject.entry) return [];
  return [
    report(
      subject,
      'missing',
      `not translated: there is no entry "${subject.key}" under \`${subject.section}\`. Add one with the English ${quote(subject.current ?? '')} as \`source\` and your translation as \`text\` (\`broadside sync\` adds it for you).`,
    ),
  ];
}
