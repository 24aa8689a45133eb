import { PDFArray, PDFName, PDFRawStream, type PDFDocument, type PDFPage } from 'pdf-lib';
import { flateStream, streamBytes } from './text-layer.js';

/**
 * Chromium prints each soft hyphen (U+00AD) at which it did not break a line as a zero-width glyph
 * marked `/Span <</ActualText <feff00ad>>> BDC … EMC`. Poppler then returns the word with a soft
 * hyphen inside it ("inte\u00ADgrada"), so it cannot be found or copied whole. The span draws
 * nothing visible: drop its text-showing operators and the marks, keeping the font and position
 * settings in it, which later text may rely on.
 */
const UNBROKEN_SOFT_HYPHEN = /\/Span\s*<<\s*\/ActualText\s*<feff00ad>\s*>>\s*BDC([\s\S]*?)EMC/gi;
const SHOW_TEXT = /(?:<[0-9a-fA-F\s]*>|\[[^\]]*\])\s*T[jJ]/g;

export function removeUnbrokenSoftHyphens(pdf: PDFDocument): void {
  for (const page of pdf.getPages()) {
    for (const stream of contentStreams(page)) {
      const text = Buffer.from(streamBytes(stream)).toString('latin1');
      if (!/feff00ad/i.test(text)) continue;
      const mended = text.replace(UNBROKEN_SOFT_HYPHEN, (_span, inside: string) => inside.replace(SHOW_TEXT, ''));
      const replacement = flateStream(pdf, Buffer.from(mended, 'latin1'));
      const ref = pdf.context.getObjectRef(stream);
      if (ref) pdf.context.assign(ref, replacement);
    }
  }
}

function contentStreams(page: PDFPage): PDFRawStream[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs.map((ref) => page.doc.context.lookup(ref)).filter((s): s is PDFRawStream => s instanceof PDFRawStream);
}
