import { createRequire } from 'node:module';

/**
 * Scripts whose characters each take one column, except combining marks and format characters
 * (Hebrew points, Arabic harakat, direction marks), which take none: Latin, Greek, Cyrillic, Hebrew,
 * Arabic and general punctuation. Anything else (CJK, emoji …) goes to string-width.
 */
const NARROW_SCRIPTS = /^[\u0020-\u007E\u00A0-\u10FF\u1E00-\u1FFF\u2000-\u206F\u20A0-\u20CF\u2100-\u214F\uFB00-\uFDFF\uFE70-\uFEFF]*$/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/gu;

// Loaded on first use: string-width builds an ICU segmenter as it loads (~20 ms), which texts in
// the narrow scripts never need.
let stringWidth: ((text: string) => number) | undefined;

/** Columns a text takes in a terminal: grapheme-aware, marks and direction controls take none. */
export function displayWidth(text: string): number {
  if (!NARROW_SCRIPTS.test(text)) {
    stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: (text: string) => number }).default;
    return stringWidth(text);
  }
  let width = 0;
  for (const _ of text) width++;
  return width - (text.match(ZERO_WIDTH)?.length ?? 0);
}
