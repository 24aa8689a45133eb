/** What Broadside knows about a language from its BCP 47 code alone. */

const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr', 'Yezi']);

export type Direction = 'ltr' | 'rtl';

/** Canonical form of a BCP 47 tag (pt-br → pt-BR), or undefined when it is not one. */
export function canonicalLanguageTag(code: string): string | undefined {
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(code)) return undefined;
  try {
    return Intl.getCanonicalLocales(code)[0];
  } catch {
    return undefined;
  }
}

export function directionOf(code: string): Direction {
  const script = new Intl.Locale(code).maximize().script;
  return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}

/** The script a language is written in (Latn, Hebr, Arab …), used to pick fonts. */
export function scriptOf(code: string): string {
  return new Intl.Locale(code).maximize().script ?? 'Latn';
}

/** Locale string for Intl formatters, with the numbering system the edition uses (ar-u-nu-arab). */
export function formattingLocale(code: string, numbering?: string): string {
  if (!numbering) return code;
  // Intl.Locale with options loads ICU data (~5 ms); a tag without extensions just gains one.
  return /-[ux]-/i.test(code) ? new Intl.Locale(code, { numberingSystem: numbering }).toString() : `${code}-u-nu-${numbering}`;
}

/** Open Graph wants ll_CC; use the likely region of the language. */
export function openGraphLocale(code: string): string {
  const max = new Intl.Locale(code).maximize();
  return `${max.language}_${max.region ?? 'ZZ'}`;
}

const RTL_LETTERS = '\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF';
const LTR_LETTERS = 'A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF';
const FIRST_STRONG = new RegExp(`([${RTL_LETTERS}])|[${LTR_LETTERS}]`, 'u');

/** Direction of the first strong character, as the Unicode bidi algorithm (P2) picks it. */
export function firstStrongDirection(text: string): Direction | undefined {
  const match = FIRST_STRONG.exec(text);
  if (!match) return undefined;
  return match[1] ? 'rtl' : 'ltr';
}
