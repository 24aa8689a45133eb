import type { Finding } from '../model/finding.js';
import type { Inline } from '../model/inline.js';
import { plainText } from '../render/inline.js';
import { autolinks } from './tokens.js';
import { listDifference, pairOf, report, type Subject } from './subject.js';

/** Web addresses written out in the text are copied, not translated. ([text](target) links are `markup-links`.) */
export function urls(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair) return [];
  const difference = listDifference(webAddresses(pair.sourceInline), webAddresses(pair.inline));
  if (!difference) return [];
  return [report(subject, 'urls', `web addresses differ (${difference}). Copy every address exactly as the English writes it.`)];
}

function webAddresses(nodes: readonly Inline[]): string[] {
  return autolinks(nodes).filter((link) => !link.href.startsWith('mailto:')).map((link) => plainText(link.children));
}
