import type { Finding } from '../model/finding.js';
import { flatTokens } from './tokens.js';
import { listDifference, pairOf, report, type Subject } from './subject.js';

/** `code` is literal (a command, a file name): it is copied, never translated. */
export function markupCode(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || subject.statement === undefined) return [];
  const difference = listDifference(codeSpans(pair.source), codeSpans(pair.text), String, (code) => `\`${code}\``);
  if (!difference) return [];
  return [report(subject, 'markup-code', `inline code differs (${difference}). Copy text between backquotes unchanged.`)];
}

function codeSpans(markdown: string): string[] {
  return flatTokens(markdown).flatMap((t) => (t.type === 'codespan' ? [t.text as string] : []));
}
