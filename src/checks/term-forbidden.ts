import type { Finding } from '../model/finding.js';
import { quote, report, type Subject } from './subject.js';

/** A rendering the termbase forbids for a term of the English, used in its translation. */
export function termForbidden(subject: Subject): Finding[] {
  const terminology = subject.terminology;
  if (!terminology) return [];
  return terminology.terms.flatMap((found) =>
    found.forbidden.map((forbidden) =>
      report(
        subject,
        'term-forbidden',
        `${quote(forbidden.text)} is a forbidden rendering of ${quote(found.term.source[0]!)}: ${forbidden.reason}. Write ${quote(found.renderings.rendering.forms[0]!)} (${terminology.file}: ${found.term.id}).`,
      ),
    ),
  );
}
