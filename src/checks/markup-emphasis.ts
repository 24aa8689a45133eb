import type { Finding } from '../model/finding.js';
import { flatTokens } from './tokens.js';
import { listOf, pairOf, report, type Subject } from './subject.js';

const KINDS = [
  { type: 'em', name: 'italic (*…*)' },
  { type: 'strong', name: 'bold (**…**)' },
  { type: 'del', name: 'struck-through (~~…~~)' },
] as const;

/** Emphasis carries meaning the translation should keep; the words it covers may move. */
export function markupEmphasis(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || subject.statement === undefined) return [];
  const expected = counts(pair.source);
  const actual = counts(pair.text);
  const differences = KINDS.flatMap(({ name }, i) => (expected[i] === actual[i] ? [] : [`${name}: ${expected[i]} in the English, ${actual[i]} in the translation`]));
  if (differences.length === 0) return [];
  return [report(subject, 'markup-emphasis', `emphasis differs: ${listOf(differences)}. Mark the same words as the English does.`)];
}

function counts(markdown: string): number[] {
  const tokens = flatTokens(markdown);
  return KINDS.map(({ type }) => tokens.filter((t) => t.type === type).length);
}
