import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { markedElements } from './structure.js';
import type { PageTexts } from './text-layer.js';

/** A passage marked as being in another language than its paragraph (`[texte]{lang=fr}`). */
export interface LanguagePassage {
  text: string;
  lang: string;
  /** The language of the text around it: only sequences tagged as that language can be the passage. */
  within: string;
}

/** Sequences joined to find a passage that Chromium drew in several (one a line, or around emphasis). */
const MAX_SEQUENCES = 6;

/**
 * Gives each passage in another language its `/Lang` in the structure, which Chromium does not
 * write for an inline element: Chromium draws the passage's text in marked sequences of its own,
 * each the child of its paragraph, so the first sequences not yet taken that read as the passage
 * (letters compared without their order, since right-to-left text is drawn in visual order) become
 * `Span` elements with the passage's language.
 */
export function tagPassageLanguages(pdf: PDFDocument, texts: PageTexts[], passages: readonly LanguagePassage[]): void {
  if (passages.length === 0) return;
  const documentLang = langOf(pdf.catalog) ?? '';
  const sequences = pdf.getPages().flatMap((page, n) => {
    const marks = markedElements(pdf, page);
    return [...(texts[n] ?? new Map<number, string>())].sort((a, b) => a[0] - b[0]).flatMap(([mcid, text]) => {
      const element = marks?.lookup(mcid);
      return element instanceof PDFDict ? [{ element, letters: letters(text), lang: languageAround(element, documentLang) }] : [];
    });
  });
  const used = new Set<number>();
  for (const passage of passages) {
    const wanted = sorted(letters(passage.text));
    if (wanted === '') continue;
    for (let start = 0; start < sequences.length; start++) {
      // A match starts at a letter (not at the bracket or space before it) in the surrounding language.
      if (sequences[start]!.letters === '' || sequences[start]!.lang !== passage.within) continue;
      let joined = '';
      let end = start;
      while (end < sequences.length && !used.has(end) && end - start < MAX_SEQUENCES && joined.length < wanted.length) joined += sequences[end++]!.letters;
      if (joined.length !== wanted.length || sorted(joined) !== wanted) continue;
      for (let k = start; k < end; k++) {
        used.add(k);
        const { element } = sequences[k]!;
        element.set(PDFName.of('S'), PDFName.of('Span'));
        element.set(PDFName.of('Lang'), PDFHexString.fromText(passage.lang));
      }
      break;
    }
  }
}

/** The /Lang an element has or inherits from the elements that hold it. */
function languageAround(element: PDFDict, documentLang: string): string {
  let node: PDFDict | undefined = element;
  for (let depth = 0; node && depth < 200; depth++) {
    const lang = langOf(node);
    if (lang !== undefined) return lang;
    node = node.lookupMaybe(PDFName.of('P'), PDFDict);
  }
  return documentLang;
}

function langOf(dict: PDFDict): string | undefined {
  const lang = dict.lookup(PDFName.of('Lang'));
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined;
}

const letters = (text: string): string => (text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]/gu) ?? []).join('');
const sorted = (text: string): string => [...text].sort().join('');
