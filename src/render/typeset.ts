import { createRequire } from 'node:module';
import { breakFinder, type BreakFinder, type PatternData } from './liang.js';

/**
 * Typesetting applied to the text nodes of rendered inline HTML, per language: soft hyphens (U+00AD)
 * at the break points of the language's hyphenation patterns (the `hyphen` package, TeX patterns),
 * and `nobreak` spans around what must not be broken across lines. Chromium prints without
 * hyphenation dictionaries, so the break points have to be in the HTML.
 */
export interface TypesetOptions {
  /** Prose (paragraphs, list items); headings and titles are kept unhyphenated. */
  hyphenate: boolean;
}

interface HyphenationRules {
  /** Fewest letters left before and carried over after a break (TeX's lefthyphenmin and righthyphenmin for English, French and Spanish). */
  before: number;
  after: number;
  /**
   * Hyphenated compounds: `at-hyphen` breaks them only at their own hyphen; `whole` never breaks
   * them, for languages whose spelling repeats the hyphen on the next line (Spanish, Portuguese),
   * which CSS cannot do.
   */
  compounds: 'at-hyphen' | 'whole';
  /**
   * A capitalised word is taken for a name, broken only as a last resort; not in languages that
   * capitalise every noun (German, Luxembourgish), where that would leave most long words whole.
   */
  capitalisedNames: boolean;
}

const DEFAULT_RULES: HyphenationRules = { before: 2, after: 3, compounds: 'at-hyphen', capitalisedNames: true };
const RULES: Record<string, Partial<HyphenationRules>> = {
  es: { compounds: 'whole' },
  pt: { compounds: 'whole' },
  gl: { compounds: 'whole' },
  de: { capitalisedNames: false },
  lb: { capitalisedNames: false },
};

/** Pattern files of the `hyphen` package to try for a language tag, most specific first. */
function patternNames(lang: string): string[] {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0]!;
  const names = [tag, primary];
  if (primary === 'en') names.splice(1, 0, tag === 'en' || tag === 'en-us' ? 'en-us' : 'en-gb');
  return [...new Set(names)];
}

type Hyphenator = BreakFinder;
const hyphenators = new Map<string, Hyphenator | undefined>();

/** The language's hyphenator, or undefined when `hyphen` has no patterns for it (Hebrew, Arabic). */
function hyphenatorFor(lang: string): Hyphenator | undefined {
  if (!hyphenators.has(lang)) {
    const require = createRequire(import.meta.url);
    let found: Hyphenator | undefined;
    for (const name of patternNames(lang)) {
      try {
        found = breakFinder((require(`hyphen/${name}`) as { patterns: PatternData }).patterns);
        break;
      } catch {
        // No patterns under this name; try the next.
      }
    }
    hyphenators.set(lang, found);
  }
  return hyphenators.get(lang);
}

/** True when the language has hyphenation patterns, so its prose is hyphenated. */
export function hyphenates(lang: string): boolean {
  return hyphenatorFor(lang) !== undefined;
}

export const SOFT_HYPHEN = '\u00AD';

const TAG_OR_TEXT = /(<[^<>]*>)/;
const ENTITY_OR_LETTERS = /&#?\w+;|[\p{L}\p{M}]+/gu;
/** Not prose: numbers, web and e-mail addresses, file names, code-like tokens. */
const NOT_PROSE = /[\p{N}@/\\_=:]|\p{L}\.\p{L}/u;
const COMPOUND = /[\p{L}\p{M}][-\u2010\u05BE][\p{L}\p{M}]/u;
/**
 * Short identifiers of digits and Latin letters (resolution "217 A (III)", "A/RES/181"), up to four
 * space-separated parts, kept together and set left to right inside right-to-left text.
 */
const IDENTIFIER = /(?<![\p{L}\p{N}])[0-9A-Za-z(][0-9A-Za-z().\/-]*(?: [0-9A-Za-z(][0-9A-Za-z().\/-]*){0,3}(?![\p{L}\p{N}])/gu;

/** Applies the language's typesetting to rendered inline HTML (as made by renderInlineHtml). Pure. */
export function typesetHtml(html: string, lang: string, dir: 'ltr' | 'rtl', options: TypesetOptions): string {
  const setter = setterFor(lang, options.hyphenate);
  const setText = (text: string, kept = false): string =>
    (dir === 'rtl' ? isolateIdentifiers(text) : text).replace(WORD_OR_TAG, (chunk) => (chunk.startsWith('<') ? chunk : setter.word(chunk, kept)));
  let inCode = 0;
  const parts = html.split(TAG_OR_TEXT);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) {
        if (/^<code\b/.test(part)) inCode++;
        else if (part === '</code>') inCode--;
        return part;
      }
      if (inCode > 0 || part === '') return part;
      // Prose never ends on a line of one word: its last two words are kept together.
      const lastWords = options.hyphenate && i === parts.length - 1 ? lastTwoWords(part) : undefined;
      // Right to left, an identifier at the end is kept together by isolateIdentifiers instead.
      if (!lastWords || (dir === 'rtl' && /[0-9A-Za-z]/.test(lastWords[0]))) return setText(part);
      const before = setText(part.slice(0, lastWords.index));
      // A long word kept whole with the last (a German compound) would leave the line above them
      // half empty: it may then break before its last syllable, so the last line still has two words' worth.
      const penultimate = lastWords[0].slice(0, lastWords.gap);
      const first = [...penultimate].length >= LONG_WORD && [...lastWords[0]].length > LONG_LAST_WORDS ? setter.word(penultimate, false) : '';
      const head = first.includes(SOFT_HYPHEN) && !first.includes('<') ? first.slice(0, first.lastIndexOf(SOFT_HYPHEN) + 1) : '';
      const kept = head ? `${first.slice(head.length)}${lastWords[0].slice(lastWords.gap)}` : lastWords[0];
      return `${before}${head}<span class="nobreak">${setText(kept, true)}</span>`;
    })
    .join('');
}

/** How long the last two words, and the first of them, must be for it to break (see typesetHtml). */
const LONG_LAST_WORDS = 20;
const LONG_WORD = 12;

/**
 * The last two words of `text` and what follows them, and where the space between them starts
 * (relative to `index`), found from the end (a regex would be quadratic on long words).
 */
function lastTwoWords(text: string): { index: number; gap: number; 0: string } | undefined {
  const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  let at = text.length;
  while (at > 0 && isBlank(text[at - 1])) at--;
  const lastEnd = at;
  while (at > 0 && !isBlank(text[at - 1])) at--;
  if (at === lastEnd) return undefined;
  const gapEnd = at;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  if (at === gapEnd) return undefined;
  const firstEnd = at;
  while (at > 0 && !isBlank(text[at - 1])) at--;
  if (at === firstEnd) return undefined;
  return { index: at, gap: firstEnd - at, 0: text.slice(at) };
}
const WORD_OR_TAG = /<[^<>]*>|[^\s<]+/g;

interface WordSetter {
  /** A word set by the language's rules; each distinct word is worked out once per build. */
  word(word: string, kept: boolean): string;
}

const setters = new Map<string, WordSetter>();

function setterFor(lang: string, hyphenating: boolean): WordSetter {
  const id = `${hyphenating ? '+' : '-'}${lang}`;
  let setter = setters.get(id);
  if (!setter) {
    const hyphenate = hyphenating ? hyphenatorFor(lang) : undefined;
    const rules = { ...DEFAULT_RULES, ...RULES[lang.split('-')[0]!.toLowerCase()] };
    const done = new Map<string, string>();
    setter = {
      word(word, kept) {
        const key = kept ? `\u0000${word}` : word;
        let set = done.get(key);
        if (set === undefined) {
          // Bounded for long-running `build --watch` and `preview`.
          if (done.size >= KEPT_WORDS) done.clear();
          done.set(key, (set = typesetWord(word, rules, kept ? undefined : hyphenate, kept)));
        }
        return set;
      },
    };
    setters.set(id, setter);
  }
  return setter;
}

const KEPT_WORDS = 50_000;

function isolateIdentifiers(text: string): string {
  return text.replace(IDENTIFIER, (match) => {
    let end = match.length;
    while (end > 0 && (match[end - 1] === '.' || match[end - 1] === ',')) end--;
    const trimmed = match.slice(0, end);
    const tail = match.slice(trimmed.length);
    if (!/\d/.test(trimmed) || !/[A-Za-z]/.test(trimmed) || !balanced(trimmed)) return match;
    return `<span dir="ltr" class="nobreak">${trimmed}</span>${tail}`;
  });
}

function balanced(text: string): boolean {
  return (text.match(/\(/g)?.length ?? 0) === (text.match(/\)/g)?.length ?? 0);
}

/** One whitespace-delimited word of escaped text; `kept`: inside a group already kept on one line. */
function typesetWord(word: string, rules: HyphenationRules, hyphenate: Hyphenator | undefined, kept: boolean): string {
  if (NOT_PROSE.test(word.replace(/&#?\w+;/g, ''))) return word;
  if (COMPOUND.test(word)) {
    if (kept) return word;
    // Hebrew's maqaf joins a compound that is read as one word; names (États-Unis) are not split either.
    const whole = rules.compounds === 'whole' || word.includes('\u05BE') || /(?:^|[-\u2010])\p{Lu}/u.test(word);
    return whole ? `<span class="nobreak">${word}</span>` : word;
  }
  if (!hyphenate) return word;
  return word.replace(ENTITY_OR_LETTERS, (letters) => (letters.startsWith('&') ? letters : hyphenateLetters(letters, rules, hyphenate)));
}

function hyphenateLetters(letters: string, rules: HyphenationRules, hyphenate: Hyphenator): string {
  const capitalised = /\p{Lu}/u.test(letters);
  // Acronyms keep their shape.
  if ((capitalised && !/\p{Ll}/u.test(letters)) || letters.length < rules.before + rules.after) return letters;
  const breaks = hyphenate(letters);
  const parts = [...breaks.map((at, k) => letters.slice(breaks[k - 1] ?? 0, at)), letters.slice(breaks.at(-1) ?? 0)];
  let result = '';
  let done = 0;
  let lastBreak = 0;
  for (const [k, part] of parts.entries()) {
    // No one-letter syllable between two breaks ("mate-r-ial").
    const breakHere = k > 0 && done >= rules.before && letters.length - done >= rules.after && done - lastBreak >= 2;
    if (breakHere) lastBreak = done;
    result += (breakHere ? SOFT_HYPHEN : '') + part;
    done += part.length;
  }
  // A capitalised word is most often a name, which is not broken: its break points stay inside a
  // `name` span that no line breaks in, for the print justifier's last resort (src/io/justify.ts).
  return capitalised && rules.capitalisedNames && result !== letters ? `<span class="name">${result}</span>` : result;
}
