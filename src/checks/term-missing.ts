import type { Finding } from '../model/finding.js';
import { listOf, quote, report, type Subject } from './subject.js';
import { renderingsOf } from './terminology.js';

/** A term of the English whose rendering in the termbase (or a variant of it) the translation does not use. */
export function termMissing(subject: Subject): Finding[] {
  const terminology = subject.terminology;
  if (!terminology) return [];
  return terminology.terms
    .filter((found) => found.accepted.length === 0 && found.forbidden.length === 0)
    .map((found) =>
      report(
        subject,
        'term-missing',
        `the English says ${quote(found.term.source[0]!)}, but the translation does not use its rendering ${listOf(renderingsOf(found.renderings).map((r) => quote(r)))} (${terminology.file}: ${found.term.id}). Use it; if this passage needs another rendering, add that to the term in ${terminology.file} as a variant with its context.`,
      ),
    );
}
