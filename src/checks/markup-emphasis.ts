import type { Finding } from '../model/finding.js';
import { flatInline, type Inline } from '../model/inline.js';
import { listOf, pairOf, report, type Subject } from './subject.js';

const KINDS = [
  { type: 'emphasis', name: 'italic (*…*)' },
  { type: 'strong', name: 'bold (**…**)' },
  { type: 'strikethrough', name: 'struck-through (~~…~~)' },
] as const;

/** Emphasis carries meaning the translation should keep; the words it covers may move. */
export function markupEmphasis(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || subject.statement === undefined) return [];
  const expected = counts(pair.sourceInline);
  const actual = counts(pair.inline);
  const differences = KINDS.flatMap(({ name }, i) => (expected[i] === actual[i] ? [] : [`${name}: ${expected[i]} in the English, ${actual[i]} in the translation`]));
  if (differences.length === 0) return [];
  return [report(subject, 'markup-emphasis', `emphasis differs: ${listOf(differences)}. Mark the same words as the English does.`)];
}

function counts(nodes: readonly Inline[]): number[] {
  const all = flatInline(nodes);
  return KINDS.map(({ type }) => all.filter((node) => node.type === type).length);
}
