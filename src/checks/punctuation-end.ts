import type { Language } from '../localize/language.js';
import type { Finding } from '../model/finding.js';
import { proseOf } from '../render/prose.js';
import { pairOf, report, type Subject } from './subject.js';

type EndKind = 'ellipsis' | 'question' | 'exclamation' | 'stop' | 'colon' | 'semicolon' | 'comma';

/** The marks of each kind across scripts: Arabic ؟ ؛ ،, Armenian ։, Urdu ۔, Devanagari ।, CJK 。 … */
const KINDS: Record<EndKind, { name: string; marks: string }> = {
  ellipsis: { name: 'an ellipsis (…)', marks: '…' },
  question: { name: 'a question mark (?)', marks: '?؟？⸮' },
  exclamation: { name: 'an exclamation mark (!)', marks: '!！' },
  stop: { name: 'a full stop (.)', marks: '.。։۔।॥።' },
  colon: { name: 'a colon (:)', marks: ':：' },
  semicolon: { name: 'a semicolon (;)', marks: ';؛；' },
  comma: { name: 'a comma (,)', marks: ',،、，' },
};

/** In Arabic script these Latin marks have their own forms. */
const ARABIC_FORMS: Record<string, string> = { '?': '؟', ';': '؛', ',': '،' };

/** Closing quotes, brackets and spaces after the final punctuation, which do not change its kind. */
const TRAILING_MARK = /[\s"'’”“»«›‹)\]}」』]/u;

/** A question stays a question and a sentence ends as a sentence, in each language's own marks. */
export function punctuationEnd(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair) return [];
  const source = endOf(proseOf(pair.sourceInline), undefined);
  const translation = endOf(proseOf(pair.inline), subject.language);
  if (source.kind !== translation.kind) {
    const english = source.kind ? `ends with ${KINDS[source.kind].name}` : 'has no final punctuation';
    const translated = translation.kind ? `ends with ${KINDS[translation.kind].name}` : 'has none';
    return [report(subject, 'punctuation-end', `the English ${english} but the translation ${translated}. End it the same way, with your language's mark.`)];
  }
  const arabic = subject.language.script === 'Arab' ? ARABIC_FORMS[translation.mark] : undefined;
  if (arabic) return [report(subject, 'punctuation-end', `the translation ends with the Latin “${translation.mark}”; Arabic script uses “${arabic}”.`)];
  return [];
}

function endOf(prose: string, language: Language | undefined): { kind?: EndKind; mark: string } {
  let end = prose.length;
  while (end > 0 && TRAILING_MARK.test(prose[end - 1]!)) end--;
  const text = prose.slice(0, end);
  if (text.endsWith('...')) return { kind: 'ellipsis', mark: '...' };
  const mark = [...text].at(-1) ?? '';
  // Greek writes the question mark as ";".
  if (mark === ';' && language?.code.split('-')[0] === 'el') return { kind: 'question', mark };
  const kind = (Object.keys(KINDS) as EndKind[]).find((k) => KINDS[k].marks.includes(mark));
  return kind ? { kind, mark } : { mark };
}
