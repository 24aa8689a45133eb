import type { Finding } from '../model/finding.js';
import { proseOf } from '../render/prose.js';
import { pairOf, report, type Subject } from './subject.js';

const END_MARKS = '.,:;!?؟،؛';

/**
 * A full stop typed at the start of right-to-left text in a left-to-right editor looks right there
 * and wrong everywhere else: in logical order it belongs at the end.
 */
export function rtlStartPunctuation(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || subject.language.dir !== 'rtl') return [];
  const first = proseOf(pair.inline).trimStart()[0];
  if (first === undefined || !END_MARKS.includes(first) || proseOf(pair.sourceInline).trimStart().startsWith(first)) return [];
  return [
    report(
      subject,
      'rtl-start-punctuation',
      `the translation starts with “${first}”, punctuation that belongs at its end. It was probably typed first so that it looked right in a left-to-right editor; move it to the end of the text.`,
    ),
  ];
}
