/**
 * The word forms a term's word may take in running text, per language: prefixes that Hebrew and
 * Arabic attach to the word, and Spanish and French gender and number endings. Each function takes
 * one word of a term (lower-cased, accents kept) and returns every spelling that counts as it.
 */

/** Where a word stands in a term, which decides how it may change. */
export type WordRole = 'first' | 'modifier' | 'fixed';

const HEBREW_PREFIXES = hebrewPrefixes();
const ARABIC_PREFIXES = arabicPrefixes();

/**
 * Hebrew: the first word may carry the prefixes ו ש כש מש לכש, then one of ב כ ל מ, then the article
 * ה (ב, כ and ל absorb it: לכיבוש is ל + הכיבוש); any word may drop or take the article
 * (שני העמים, שני עמים). The other words take no prefix.
 */
export function hebrewForms(word: string, role: WordRole): string[] {
  const bases = word.length >= 3 && word.startsWith('ה') ? [word, word.slice(1)] : [word];
  const prefixes = role === 'first' ? HEBREW_PREFIXES : ['', 'ה'];
  return unique(bases.flatMap((base) => prefixes.map((prefix) => prefix + base)));
}

/**
 * Arabic: the first word may carry و or ف, then ب ك or ل, then the article ال (ل + ال is written
 * لل); any word may drop or take the article, and a later one may take لل (معاداة للسامية). A word
 * ending in ـين, ـون or ـان (sound masculine plural or dual) is read with each of the three endings
 * (التقدميين, التقدميون; الشعبين, الشعبان).
 */
export function arabicForms(word: string, role: WordRole): string[] {
  const stems = word.length >= 4 && word.startsWith('ال') ? [word, word.slice(2)] : [word];
  const bases = stems.flatMap((stem) => (stem.length >= 5 && /(?:ين|ون|ان)$/.test(stem) ? ['ين', 'ون', 'ان'].map((ending) => stem.slice(0, -2) + ending) : [stem]));
  const prefixes = role === 'first' ? ARABIC_PREFIXES : ['', 'ال', 'لل'];
  return unique(bases.flatMap((base) => prefixes.map((prefix) => prefix + base)));
}

/**
 * Spanish: every word but a fixed one may be singular or plural (nación, naciones; israelí,
 * israelíes; paz, paces); modifiers, and a head that reads as an adjective or a demonym (judío,
 * palestino), also change gender (judía, judíos, judías).
 */
export function spanishForms(word: string, role: WordRole): string[] {
  if (role === 'fixed') return [word];
  const genders = role === 'modifier' || (role === 'first' && SPANISH_GENDERED.test(word)) ? spanishGenders(word) : [word];
  return unique(genders.flatMap((form) => [form, ...spanishPlurals(form), ...spanishSingulars(form)]));
}

/** French likewise: juif, juive, juifs, juives; israélo-palestinien, israélo-palestiniennes; national, nationaux. */
export function frenchForms(word: string, role: WordRole): string[] {
  if (role === 'fixed') return [word];
  const genders = role === 'modifier' || (role === 'first' && FRENCH_GENDERED.test(word)) ? frenchGenders(word) : [word];
  return unique(genders.flatMap((form) => [form, ...frenchPlurals(form), ...frenchSingulars(form)]));
}

/** Endings of Spanish adjectives and demonyms whose feminine is a different word only in gender. */
const SPANISH_GENDERED = /(?:ío|ía|ino|ina|ano|ana|eño|eña|ista|ense|í)$/;
/** The same for French. */
const FRENCH_GENDERED = /(?:ien|ienne|ain|aine|ais|aise|ois|oise|if|ive|iste|ique|el|elle|al|ale)$/;

function spanishGenders(word: string): string[] {
  if (/o$/.test(word)) return [word, word.slice(0, -1) + 'a'];
  if (/a$/.test(word) && !/ista$/.test(word)) return [word, word.slice(0, -1) + 'o'];
  if (/(?:án|ón|ín|és)$/.test(word)) return [word, unaccentLast(word) + 'a'];
  if (/(?:or|ol)$/.test(word)) return [word, word + 'a'];
  return [word];
}

function spanishPlurals(word: string): string[] {
  if (/[aeiouáéó]$/.test(word)) return [word + 's'];
  if (/[íú]$/.test(word)) return [word + 'es', word + 's'];
  if (/z$/.test(word)) return [word.slice(0, -1) + 'ces'];
  if (/[áéíóú][ns]$/.test(word)) return [unaccentLast(word) + 'es'];
  if (/s$/.test(word)) return [word + 'es'];
  if (/[a-zñ]$/.test(word)) return [word + 'es'];
  return [];
}

function spanishSingulars(word: string): string[] {
  if (/ces$/.test(word)) return [word.slice(0, -3) + 'z'];
  if (/[íú]es$/.test(word)) return [word.slice(0, -2)];
  if (/[^aeiou]es$/.test(word)) return [word.slice(0, -2), accentBeforeLast(word.slice(0, -2)), word.slice(0, -1)];
  if (/s$/.test(word)) return [word.slice(0, -1)];
  return [];
}

function frenchGenders(word: string): string[] {
  const rules: Array<[RegExp, string]> = [
    [/ienne$/, 'ien'],
    [/enne$/, 'en'],
    [/onne$/, 'on'],
    [/elle$/, 'el'],
    [/ette$/, 'et'],
    [/euse$/, 'eux'],
    [/ère$/, 'er'],
    [/trice$/, 'teur'],
    [/ive$/, 'if'],
    [/ique$/, 'ique'],
    [/iste$/, 'iste'],
  ];
  for (const [feminine, masculine] of rules) if (feminine.test(word)) return unique([word, word.replace(feminine, masculine)]);
  const masculine: Array<[RegExp, string]> = [
    [/ien$/, 'ienne'],
    [/en$/, 'enne'],
    [/on$/, 'onne'],
    [/el$/, 'elle'],
    [/et$/, 'ette'],
    [/eux$/, 'euse'],
    [/er$/, 'ère'],
    [/teur$/, 'trice'],
    [/f$/, 've'],
  ];
  for (const [ending, feminine] of masculine) if (ending.test(word)) return [word, word.replace(ending, feminine)];
  if (/e$/.test(word)) return [word, word.slice(0, -1)];
  return [word, word + 'e'];
}

function frenchPlurals(word: string): string[] {
  if (/[sxz]$/.test(word)) return [];
  if (/al$/.test(word)) return [word.slice(0, -2) + 'aux', word + 's'];
  if (/(?:eau|au|eu)$/.test(word)) return [word + 'x', word + 's'];
  return [word + 's'];
}

function frenchSingulars(word: string): string[] {
  if (/aux$/.test(word)) return [word.slice(0, -3) + 'al', word.slice(0, -1)];
  if (/(?:eau|au|eu)x$/.test(word)) return [word.slice(0, -1)];
  if (/s$/.test(word) && word.length > 3) return [word.slice(0, -1)];
  return [];
}

const UNACCENTED: Record<string, string> = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u' };
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };

/** nación → nacion, before a plural ending that moves the stress (naciones). */
function unaccentLast(word: string): string {
  return word.replace(/([áéíóú])([^áéíóú]*)$/, (_, vowel: string, rest: string) => UNACCENTED[vowel]! + rest);
}

/** nacion → nación: the singular of naciones, whose last syllable takes the written accent. */
function accentBeforeLast(stem: string): string {
  if (!/[aeiou][ns]$/.test(stem) || /[áéíóú]/.test(stem)) return stem;
  return stem.replace(/([aeiou])([ns])$/, (_, vowel: string, end: string) => ACCENTED[vowel]! + end);
}

function hebrewPrefixes(): string[] {
  const out: string[] = [];
  for (const and of ['', 'ו'])
    for (const that of ['', 'ש', 'כש', 'מש', 'לכש'])
      for (const preposition of ['', 'ב', 'כ', 'ל', 'מ'])
        for (const article of ['', 'ה']) out.push(and + that + preposition + article);
  return unique(out);
}

function arabicPrefixes(): string[] {
  const out: string[] = [];
  for (const and of ['', 'و', 'ف']) for (const preposition of ['', 'ب', 'ك', 'ل']) for (const article of ['', 'ال']) out.push(and + (preposition === 'ل' && article ? 'لل' : preposition + article));
  return out;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
