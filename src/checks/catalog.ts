/**
 * Every check Broadside runs on translations: its id, its default severity and what it looks for.
 * Kept free of the checks' code so the configuration schema can validate ids without loading them.
 */
export type Severity = 'error' | 'warning';

export const CHECK_CATALOG = {
  missing: { severity: 'warning', summary: 'a segment or interface string has no entry in the translation file' },
  empty: { severity: 'warning', summary: 'an entry exists but its text is empty' },
  stale: { severity: 'warning', summary: 'the English changed since the entry was translated (shown as a word diff)' },
  obsolete: { severity: 'warning', summary: 'an entry for a segment or interface string that no longer exists' },
  identical: { severity: 'warning', summary: 'the translation is the same as the English' },
  'markup-links': { severity: 'error', summary: 'links differ in number or target' },
  'markup-emphasis': { severity: 'warning', summary: 'emphasis (*italic*, **bold**, ~~struck~~) differs in number' },
  'markup-code': { severity: 'error', summary: 'inline `code` is not copied unchanged' },
  'markup-blocks': { severity: 'error', summary: 'the translation adds a heading, list, quotation, rule or raw HTML' },
  placeholders: { severity: 'error', summary: 'interface {{placeholders}} differ from the English' },
  numbers: { severity: 'error', summary: 'numbers differ (in any digit system: 2020 = ٢٠٢٠ = ۲۰۲۰)' },
  urls: { severity: 'error', summary: 'web addresses written in the text differ' },
  emails: { severity: 'error', summary: 'e-mail addresses written in the text differ' },
  'whitespace-leading': { severity: 'warning', summary: 'the text starts with a space' },
  'whitespace-trailing': { severity: 'warning', summary: 'the text ends with a space' },
  'whitespace-double': { severity: 'warning', summary: 'two or more spaces in a row' },
  'whitespace-zero-width': { severity: 'warning', summary: 'an invisible zero-width character' },
  'punctuation-end': { severity: 'warning', summary: 'the final punctuation is not of the same kind as the English' },
  'punctuation-inverted': { severity: 'warning', summary: 'Spanish ¿…? or ¡…! not paired' },
  'punctuation-french-spacing': { severity: 'warning', summary: 'French: no no-break space before ; : ! ? » or after «' },
  'punctuation-pairs': { severity: 'warning', summary: 'brackets or quotation marks not balanced' },
  'rtl-start-punctuation': { severity: 'error', summary: 'right-to-left text starts with punctuation that belongs at its end' },
  'bidi-controls': { severity: 'error', summary: 'a direction control (U+202A–202E, U+2066–2068) is not closed' },
  'rtl-script': { severity: 'warning', summary: 'right-to-left text contains no letters of its script' },
  'term-missing': { severity: 'warning', summary: 'a term of the English is not rendered as terms.yaml says' },
  'term-forbidden': { severity: 'error', summary: 'a rendering terms.yaml forbids for a term of the English' },
  'term-inconsistent': { severity: 'error', summary: 'one term of the English rendered two ways in one language' },
  quotation: { severity: 'error', summary: 'a quoted official text differs from its official wording in terms.yaml' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type CheckId = keyof typeof CHECK_CATALOG;

export const CHECK_IDS = Object.keys(CHECK_CATALOG) as CheckId[];

/**
 * Checks a translator may set aside for one entry (`ignore:` in the entry), such as `identical` for a
 * name that stays in English. Not those about an entry's state (missing, empty, out of date, left
 * over): those follow from the files, and are settled by translating or by `broadside sync`.
 */
export const IGNORABLE_CHECK_IDS = CHECK_IDS.filter((id) => !['missing', 'empty', 'stale', 'obsolete'].includes(id));

export const CHECK_SETTINGS = ['error', 'warning', 'off'] as const;
export type CheckSetting = (typeof CHECK_SETTINGS)[number];
