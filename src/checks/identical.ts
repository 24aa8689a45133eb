import type { Finding } from '../model/finding.js';
import { proseOf } from '../render/prose.js';
import { pairOf, report, type Subject } from './subject.js';

/**
 * The English left in place of a translation. One word, or none, may legitimately stay the same
 * (a name, an acronym, a number), so only text of two or more words with letters counts.
 */
export function identical(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || pair.text !== pair.source || wordsWithLetters(proseOf(pair.sourceInline)) < 2) return [];
  return [report(subject, 'identical', 'the translation is the same as the English. Translate it; if it must stay as it is (a name, for example), ignore this warning.')];
}

function wordsWithLetters(text: string): number {
  let words = 0;
  for (const part of new Intl.Segmenter('und', { granularity: 'word' }).segment(text)) if (part.isWordLike && /\p{L}/u.test(part.segment)) words++;
  return words;
}
