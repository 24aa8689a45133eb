import type { Finding } from '../model/finding.js';
import { sourceDiff } from './source-diff.js';
import { report, type Subject } from './subject.js';

/** The English changed after the translation was made; show how, so the translator can follow. */
export function stale(subject: Subject): Finding[] {
  if (subject.state !== 'stale' || !subject.entry || subject.current === undefined) return [];
  const diff = sourceDiff(subject.entry.source, subject.current);
  return [
    report(
      subject,
      'stale',
      `out of date: the English changed since this was translated. Revise the translation, then replace \`source\` with the current English (\`broadside sync\` puts it in \`newSource\`). What changed ([-removed-] {+added+}): ${diff}`,
    ),
  ];
}
