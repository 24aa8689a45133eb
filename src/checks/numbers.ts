import type { Finding } from '../model/finding.js';
import { proseOf } from '../render/prose.js';
import { numbersIn } from './digits.js';
import { listDifference, pairOf, report, type Subject } from './subject.js';

/** Numbers are facts: the translation has the same ones, in whichever digits its language uses. */
export function numbers(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair) return [];
  const expected = numbersIn(proseOf(pair.sourceInline));
  const actual = numbersIn(proseOf(pair.inline));
  const difference = listDifference(expected, actual, (n) => n.digits, (n) => n.written);
  if (!difference) return [];
  return [report(subject, 'numbers', `numbers differ (${difference}). Any digits may be used (2020 = ٢٠٢٠ = ۲۰۲۰), but the numbers must be the same.`)];
}
