import type { Tokens } from 'marked';
import type { Finding } from '../model/finding.js';
import { flatTokens } from './tokens.js';
import { listDifference, pairOf, report, type Subject } from './subject.js';

/** [text](target) links: as many as the English has, to the same targets. */
export function markupLinks(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || subject.statement === undefined) return [];
  const expected = linkTargets(pair.source);
  const actual = linkTargets(pair.text);
  const difference = listDifference(expected, actual);
  if (!difference) return [];
  return [report(subject, 'markup-links', `links differ: the English has ${count(expected.length)}, the translation ${count(actual.length)}; ${difference}. Keep every [link text](target) with its target unchanged; translate only the text in brackets.`)];
}

function linkTargets(markdown: string): string[] {
  return flatTokens(markdown)
    .filter((t): t is Tokens.Link => t.type === 'link' && !(t as Tokens.Link).autolink)
    .map((link) => link.href.trim());
}

function count(n: number): string {
  return n === 1 ? '1 link' : `${n} links`;
}
