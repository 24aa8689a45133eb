import type { Finding } from '../model/finding.js';
import type { Inline } from '../model/inline.js';
import { autolinks } from './tokens.js';
import { listDifference, pairOf, report, type Subject } from './subject.js';

/** E-mail addresses written out in the text are copied, not translated. */
export function emails(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair) return [];
  const difference = listDifference(emailAddresses(pair.sourceInline), emailAddresses(pair.inline));
  if (!difference) return [];
  return [report(subject, 'emails', `e-mail addresses differ (${difference}). Copy every address exactly as the English writes it.`)];
}

function emailAddresses(nodes: readonly Inline[]): string[] {
  return autolinks(nodes).filter((link) => link.href.startsWith('mailto:')).map((link) => link.href.slice('mailto:'.length));
}
