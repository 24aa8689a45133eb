import type { Finding } from '../model/finding.js';
import { flatInline, type Inline } from '../model/inline.js';
import { listDifference, pairOf, report, type Subject } from './subject.js';

/** `code` is literal (a command, a file name): it is copied, never translated. */
export function markupCode(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || subject.statement === undefined) return [];
  const difference = listDifference(codeSpans(pair.sourceInline), codeSpans(pair.inline), String, (code) => `\`${code}\``);
  if (!difference) return [];
  return [report(subject, 'markup-code', `inline code differs (${difference}). Copy text between backquotes unchanged.`)];
}

function codeSpans(nodes: readonly Inline[]): string[] {
  return flatInline(nodes).flatMap((node) => (node.type === 'code' ? [node.text] : []));
}
