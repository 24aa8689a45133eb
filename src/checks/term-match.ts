import { arabicForms, frenchForms, hebrewForms, spanishForms, type WordRole } from './term-inflection.js';

/**
 * Finding a term's rendering in running text, word by word rather than as a string: "ocupación"
 * is not found inside "preocupación", but "לכיבוש", "للاحتلال", "judías" and "juives" are found for
 * כיבוש, الاحتلال, judío and juif.
 */

export interface Word {
  /** As written. */
  text: string;
  /** Compared when case and accents do not matter: lower case, no accents or vowel points. */
  key: string;
  start: number;
  end: number;
  /** Whether only spaces, hyphens, an apostrophe or quotation marks separate it from the word before (l’État, Estado-nación, דו־קיום, loi « État-nation »). */
  joined: boolean;
}

export interface FormMatch {
  start: number;
  end: number;
  text: string;
}

/** One way of writing a term, ready to be looked for in text of its language. */
export interface CompiledForm {
  text: string;
  matchCase: boolean;
  /** For each word of the form, every spelling that counts as it. */
  slots: ReadonlyArray<ReadonlySet<string>>;
}

const WORD = /[\p{L}\p{M}\p{N}\u05F3\u05F4]+/gu;
/** Spaces, hyphens, maqaf, apostrophes, quotation marks and invisible direction marks: what may stand between the words of one term. */
const JOINER = /^[\s\-\u2010\u2011\u05BE'\u2019\u02BC"\u00AB\u00BB\u201C\u201D\u201E\u2039\u203A\u200C-\u200F\u2066-\u2069]+$/u;

type Morphology = (word: string, role: WordRole) => string[];

const MORPHOLOGY: Record<string, Morphology> = { he: hebrewForms, ar: arabicForms, es: spanishForms, fr: frenchForms };

/** Words that never change inside a term; after one of the prepositions among them the rest of the term is fixed too. */
const FUNCTION_WORDS: Record<string, { words: Set<string>; prepositions: Set<string> }> = {
  es: functionWords('de del a al en con por para sobre entre sin contra', 'la el los las lo un una unos unas y e o u'),
  fr: functionWords('de du des d à au aux en sur pour par entre sans avec dans contre', 'la le les l un une et ou'),
};

// Every language's segments are checked against the same English, and build --watch checks the
// same texts again; bounded like the Markdown tokens.
const wordsByText = new Map<string, readonly Word[]>();
const KEPT_TEXTS = 10_000;

/** The words of `text`, in order. Shared between callers: never modify them. */
export function wordsOf(text: string): readonly Word[] {
  let words = wordsByText.get(text);
  if (!words) {
    if (wordsByText.size >= KEPT_TEXTS) wordsByText.clear();
    wordsByText.set(text, (words = splitWords(text)));
  }
  return words;
}

function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let previousEnd = -1;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    words.push({ text: match[0], key: foldWord(match[0]), start, end, joined: previousEnd >= 0 && JOINER.test(text.slice(previousEnd, start)) });
    previousEnd = end;
  }
  return words;
}

/** Lower case without accents, vowel points or tashkeel; Arabic alef and final yeh in one form each. */
export function foldWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\p{M}\u0640]/gu, '')
    .replace(/\u0671/g, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .normalize('NFC');
}

/** `text` in the language `lang` (a BCP 47 code): its words, and the forms each may take there. */
export function compileForm(text: string, lang: string, matchCase = false): CompiledForm {
  const language = primaryLanguage(lang);
  const morphology = MORPHOLOGY[language];
  const caseless = language === 'he' || language === 'ar';
  const exact = matchCase && !caseless;
  const words = wordsOf(text.normalize('NFC'));
  const roles = rolesOf(words, language);
  const slots = words.map((word, index) => {
    const written = exact ? word.text : caseless ? word.key : word.text.toLowerCase();
    const forms = morphology ? morphology(written, roles[index]!) : [written];
    // Hebrew and Arabic forms are the folded word with unpointed prefixes: folded already.
    return new Set(exact || caseless ? forms : forms.map(foldWord));
  });
  return { text, matchCase: exact, slots };
}

/** Every place the form occurs in `words` (from wordsOf), left to right, not overlapping. */
export function findForm(form: CompiledForm, words: readonly Word[], text: string): FormMatch[] {
  const found: FormMatch[] = [];
  const size = form.slots.length;
  if (size === 0) return found;
  for (let i = 0; i + size <= words.length; i++) {
    let k = 0;
    while (k < size && (k === 0 || words[i + k]!.joined) && form.slots[k]!.has(form.matchCase ? words[i + k]!.text : words[i + k]!.key)) k++;
    if (k < size) continue;
    const start = words[i]!.start;
    const end = words[i + size - 1]!.end;
    found.push({ start, end, text: text.slice(start, end) });
    i += size - 1;
  }
  return found;
}

function rolesOf(words: readonly Word[], language: string): WordRole[] {
  if (language === 'he' || language === 'ar') return words.map((_, index) => (index === 0 ? 'first' : 'modifier'));
  const grammar = FUNCTION_WORDS[language];
  if (!grammar) return words.map(() => 'fixed');
  let headSeen = false;
  let afterPreposition = false;
  return words.map((word) => {
    const lower = word.text.toLowerCase();
    if (grammar.words.has(lower)) {
      if (headSeen && grammar.prepositions.has(lower)) afterPreposition = true;
      return 'fixed';
    }
    if (afterPreposition) return 'fixed';
    if (headSeen) return 'modifier';
    headSeen = true;
    return 'first';
  });
}

function functionWords(prepositions: string, others: string): { words: Set<string>; prepositions: Set<string> } {
  const list = prepositions.split(' ');
  return { words: new Set([...list, ...others.split(' ')]), prepositions: new Set(list) };
}

function primaryLanguage(lang: string): string {
  return lang.split('-')[0]!.toLowerCase();
}
