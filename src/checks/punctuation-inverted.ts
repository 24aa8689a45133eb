import type { Finding } from '../model/finding.js';
import { proseOf } from '../render/prose.js';
import { around, pairOf, report, type Subject } from './subject.js';

const PAIRS = [
  { open: '¿', close: '?', name: 'question' },
  { open: '¡', close: '!', name: 'exclamation' },
];

/** Spanish opens a question with ¿ and an exclamation with ¡, and closes each with ? or !. */
export function punctuationInverted(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || new Intl.Locale(subject.language.code).language !== 'es') return [];
  const prose = proseOf(pair.inline);
  for (const { open, close, name } of PAIRS) {
    let openAt: number | undefined;
    for (let i = 0; i < prose.length; i++) {
      if (prose[i] === open) openAt = i;
      if (prose[i] !== close) continue;
      if (openAt === undefined) return [report(subject, 'punctuation-inverted', `the ${name} ending with “${close}” at ${around(prose, i)} has no opening “${open}”. Add “${open}” where the ${name} starts.`)];
      openAt = undefined;
    }
    if (openAt !== undefined) return [report(subject, 'punctuation-inverted', `“${open}” at ${around(prose, openAt)} is never closed. End the ${name} with “${close}”.`)];
  }
  return [];
}
