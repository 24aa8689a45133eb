import { flatInline, type Inline } from '../model/inline.js';
import type { Finding } from '../model/finding.js';
import { listDifference, pairOf, report, type Subject } from './subject.js';

/** `[text][label]` or `[label][]` left as text: a reference link whose label the statement does not define. */
const UNRESOLVED_REFERENCE = /\[[^[\]\n]*\]\[([^[\]\n]*)\]/;

/** [text](target) links: as many as the English has, to the same targets. */
export function markupLinks(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || subject.statement === undefined) return [];
  const unknown = unknownLabel(pair.inline);
  if (unknown !== undefined && unknownLabel(pair.sourceInline) === undefined) {
    return [report(subject, 'markup-links', `the reference label [${unknown}] is not defined in the statement, so the link shows as brackets. Use a label the English uses, or write the link out as [text](https://…).`)];
  }
  const expected = linkTargets(pair.sourceInline);
  const actual = linkTargets(pair.inline);
  const difference = listDifference(expected, actual);
  if (!difference) return [];
  return [report(subject, 'markup-links', `links differ: the English has ${count(expected.length)}, the translation ${count(actual.length)}; ${difference}. Keep every [link text](target) with its target unchanged; translate only the text in brackets.`)];
}

function unknownLabel(nodes: readonly Inline[]): string | undefined {
  for (const node of flatInline(nodes)) {
    if (node.type !== 'text') continue;
    const match = UNRESOLVED_REFERENCE.exec(node.text);
    if (match) return match[1] || match[0].slice(1, match[0].indexOf(']'));
  }
  return undefined;
}

function linkTargets(nodes: readonly Inline[]): string[] {
  return flatInline(nodes).flatMap((node) => (node.type === 'link' && !node.autolink ? [node.href] : []));
}

function count(n: number): string {
  return n === 1 ? '1 link' : `${n} links`;
}
