import type { Finding } from '../model/finding.js';
import { listOf, quote, report, type Subject } from './subject.js';

/**
 * One term of the English rendered two ways in one language (variants used by context aside). The
 * rendering most segments use is taken as the language's choice (on a tie, the termbase's own), and
 * each segment that uses another is reported.
 */
export function termInconsistent(subject: Subject): Finding[] {
  const terminology = subject.terminology;
  if (!terminology) return [];
  return terminology.terms.flatMap((found) => {
    const byRendering = terminology.usage.get(found.term.id);
    if (!byRendering || byRendering.size < 2) return [];
    const chosen = choice(byRendering, found.renderings.rendering.forms[0]!);
    const others = byRendering.get(chosen)!.filter((key) => key !== subject.key);
    return found.tracked
      .filter((label) => label !== chosen)
      .map((label) =>
        report(
          subject,
          'term-inconsistent',
          `${quote(found.term.source[0]!)} is rendered ${quote(label)} here but ${quote(chosen)} ${others.length ? `in ${listOf(others)}` : 'too'}: keep to one rendering in this language (${terminology.file}: ${found.term.id}).`,
        ),
      );
  });
}

function choice(byRendering: ReadonlyMap<string, readonly string[]>, preferred: string): string {
  let best = preferred;
  let most = byRendering.get(preferred)?.length ?? 0;
  for (const [label, keys] of byRendering) {
    if (keys.length > most) [best, most] = [label, keys.length];
  }
  return best;
}
