import type { Finding } from '../model/finding.js';
import { proseOf } from '../render/prose.js';
import { around, pairOf, report, type Subject } from './subject.js';

/**
 * Opening and closing marks across languages: “…” (English), „…” (Hebrew, Polish), „…“ (German),
 * «…» (French, Spanish, Arabic), »…« (German, Danish), ”…” and »…» (Swedish, Finnish), 「…」.
 * Single curly quotes are left out: ’ is also the apostrophe.
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['(', ')'], ['[', ']'], ['{', '}'],
  ['“', '”'], ['„', '”'], ['„', '“'], ['«', '»'], ['»', '«'], ['‹', '›'], ['›', '‹'], ['”', '”'], ['»', '»'],
  ['「', '」'], ['『', '』'], ['"', '"'],
];

/** Every character that opens or closes a pair; the walk visits only these. */
const MARKS = new RegExp(`[${[...new Set(PAIRS.flat())].join('').replace(/[\\\]^-]/g, '\\$&')}]`, 'gu');

type Problem = { at: number; message: string };

/** Brackets and quotation marks close what they open, in order. Checked only where the English itself is balanced. */
export function punctuationPairs(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair) return [];
  // Hebrew writes abbreviations with " (for gershayim ״), so a straight quote is not a quotation mark there.
  const pairs = subject.language.script === 'Hebr' ? PAIRS.filter(([open]) => open !== '"') : PAIRS;
  if (firstImbalance(proseOf(pair.sourceInline), PAIRS)) return [];
  const prose = proseOf(pair.inline);
  const problem = firstImbalance(prose, pairs);
  if (!problem) return [];
  return [report(subject, 'punctuation-pairs', `${problem.message}, at ${around(prose, problem.at)}. Close every bracket and quotation mark you open.`)];
}

function firstImbalance(text: string, pairs: typeof PAIRS): Problem | undefined {
  const open: { char: string; at: number }[] = [];
  for (const { 0: char, index: at } of text.matchAll(MARKS)) {
    const top = open.at(-1);
    if (top && pairs.some(([o, c]) => o === top.char && c === char)) open.pop();
    else if (pairs.some(([o]) => o === char)) open.push({ char, at });
    else if (pairs.some(([, c]) => c === char)) {
      return { at, message: top ? `“${char}” does not close the “${top.char}” before it` : `“${char}” closes nothing` };
    }
  }
  const unclosed = open.at(-1);
  return unclosed && { at: unclosed.at, message: `“${unclosed.char}” is never closed` };
}
