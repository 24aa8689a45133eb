import type { Finding } from '../model/finding.js';
import { proseOf } from '../render/prose.js';
import { around, pairOf, report, type Subject } from './subject.js';

const NO_BREAK = new Set(['\u00A0', '\u202F']);
const SPACE_BEFORE = ';:!?»';
const SPACE_AFTER = '«';
/** Marks written together (?!, !!) share the space before the first. */
const COMBINING_MARKS = ';:!?';

/**
 * French typography puts a no-break space (U+00A0, or the narrow U+202F) before ; : ! ? » and after
 * «, so the mark never starts a line. Swiss French does not, so fr-CH is left alone.
 */
export function punctuationFrenchSpacing(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  const locale = new Intl.Locale(subject.language.code);
  if (!pair || locale.language !== 'fr' || locale.region === 'CH') return [];
  const prose = proseOf(pair.inline);
  const problems: { at: number; what: string }[] = [];
  for (let i = 0; i < prose.length; i++) {
    const char = prose[i]!;
    const before = prose[i - 1];
    const after = prose[i + 1];
    if (SPACE_BEFORE.includes(char) && before !== undefined && !NO_BREAK.has(before) && !COMBINING_MARKS.includes(before) && !isTime(char, before, after)) {
      problems.push({ at: i, what: before === ' ' ? `the space before “${char}” should be a no-break space` : `“${char}” needs a no-break space before it` });
    }
    if (SPACE_AFTER.includes(char) && after !== undefined && !NO_BREAK.has(after)) {
      problems.push({ at: i, what: after === ' ' ? `the space after “${char}” should be a no-break space` : `“${char}” needs a no-break space after it` });
    }
  }
  const first = problems[0];
  if (!first) return [];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more place${problems.length > 2 ? 's' : ''})` : '';
  return [report(subject, 'punctuation-french-spacing', `${first.what}, at ${around(prose, first.at)}${more}. French puts a no-break space (U+00A0 or U+202F) before ; : ! ? » and after «.`)];
}

/** 12:30 is a time, not a colon in a sentence. */
function isTime(char: string, before: string, after: string | undefined): boolean {
  return char === ':' && /\d/.test(before) && /\d/.test(after ?? '');
}
