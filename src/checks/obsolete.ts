import type { Finding } from '../model/finding.js';
import { report, type Subject } from './subject.js';

/** A translation nothing uses any more: kept on purpose under `obsolete:`, or left behind by a changed key. */
export function obsolete(subject: Subject): Finding[] {
  if (subject.state !== 'obsolete') return [];
  const { key, section, statement } = subject;
  let message: string;
  if (section.startsWith('obsolete.')) {
    message = `kept for reference: "${key}" is no longer a segment of ${statement}. Delete this entry when you no longer need it.`;
  } else if (statement === undefined) {
    message = `"${key}" is not an interface string (any more), so this translation is never used. Delete the entry.`;
  } else {
    message = `"${key}" is not a segment of ${statement} (any more), so this translation is never published. If the segment was renamed, move the translation to its new key; otherwise move it under \`obsolete:\` or delete it.`;
  }
  return [report(subject, 'obsolete', message)];
}
