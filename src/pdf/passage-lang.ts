import { PDFDict, PDFHexString, PDFName, type PDFDocument } from 'pdf-lib';
import { markedElements } from './structure.js';
import type { PageTexts } from './text-layer.js';

/** A passage marked as being in another language than its paragraph (`[texte]{lang=fr}`). */
export interface LanguagePassage {
  text: string;
  lang: string;
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
  const sequences = pdf.getPages().flatMap((page, n) => {
    const marks = markedElements(pdf, page);
    return [...(texts[n] ?? new Map<number, string>())].sort((a, b) => a[0] - b[0]).flatMap(([mcid, text]) => {
      const element = marks?.lookup(mcid);
      return element instanceof PDFDict ? [{ element, letters: letters(text) }] : [];
    });
  });
  const used = new Set<number>();
  for (const passage of passages) {
    const wanted = sorted(letters(passage.text));
    if (wanted === '') continue;
    for (let start = 0; start < sequences.length; start++) {
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

const letters = (text: string): string => (text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]/gu) ?? []).join('');
const sorted = (text: string): string => [...text].sort().join('');
