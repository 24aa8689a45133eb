import { PDFDict, PDFDocument, PDFHexString, PDFName, ReadingDirection, type PDFRef } from 'pdf-lib';
import { repairTextLayer } from './text-layer.js';
import { xmpPacket } from './xmp.js';
import { removeUnbrokenSoftHyphens } from './soft-hyphens.js';
import { tagPassageLanguages, type LanguagePassage } from './passage-lang.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** How the language separates items of a list: ", " or "، ". */
  keywordSeparator: string;
  /** BCP 47 code of the document's language, and its direction. */
  language: string;
  direction: 'ltr' | 'rtl';
  creator: string;
  /** Creation and modification date: fixed, so that the same input gives the same bytes. */
  date: Date;
  /**
   * Bookmark titles in document order. Chromium writes Hebrew and Arabic bookmark titles with their
   * words reversed, so they are rewritten from the headings Broadside knows.
   */
  outlineTitles: string[];
  /** Passages marked as in another language (`[texte]{lang=fr}`), which get a `/Lang` of their own. */
  passages?: LanguagePassage[];
}

/**
 * Adds what Chromium cannot write (author, subject, keywords, fixed dates, XMP metadata with the
 * PDF/UA identifier, the reading direction), mends bookmarks and the text layer. Also returns the
 * characters the PDF draws as empty boxes (`unshown`): no font had them.
 */
export async function finishPdf(bytes: Uint8Array, meta: PdfMetadata): Promise<{ pdf: Uint8Array; unshown: string }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  // Before the repair, which would give the unbroken soft hyphens' spans a text of their own.
  removeUnbrokenSoftHyphens(pdf);
  const { texts, notdef } = repairTextLayer(pdf);
  tagPassageLanguages(pdf, texts, meta.passages ?? []);
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  pdf.setSubject(meta.subject);
  // pdf-lib joins keywords with spaces, which loses the commas that separate them.
  pdf.setKeywords([meta.keywords.join(meta.keywordSeparator)]);
  pdf.setCreator(meta.creator);
  pdf.setProducer(meta.creator);
  pdf.setCreationDate(meta.date);
  pdf.setModificationDate(meta.date);
  rewriteOutline(pdf, meta.outlineTitles);
  if (meta.direction === 'rtl') pdf.catalog.getOrCreateViewerPreferences().setReadingDirection(ReadingDirection.R2L);
  const xmp = pdf.context.stream(Buffer.from(xmpPacket(meta), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(xmp));
  return { pdf: await pdf.save({ useObjectStreams: false, updateFieldAppearances: false }), unshown: notdef };
}

function rewriteOutline(pdf: PDFDocument, titles: string[]): void {
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!outlines) return;
  const items: PDFDict[] = [];
  const walk = (first: PDFRef | undefined): void => {
    let ref = first;
    while (ref) {
      const item = pdf.context.lookup(ref, PDFDict);
      items.push(item);
      walk(item.get(PDFName.of('First')) as PDFRef | undefined);
      ref = item.get(PDFName.of('Next')) as PDFRef | undefined;
    }
  };
  walk(outlines.get(PDFName.of('First')) as PDFRef | undefined);
  if (items.length !== titles.length) return;
  items.forEach((item, i) => item.set(PDFName.of('Title'), PDFHexString.fromText(titles[i]!)));
}
