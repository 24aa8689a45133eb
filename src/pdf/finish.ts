import { PDFDict, PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import { removeUnbrokenSoftHyphens } from './soft-hyphens.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** Creation and modification date: fixed, so that the same input gives the same bytes. */
  date: Date;
  /**
   * Bookmark titles in document order. Chromium writes Hebrew and Arabic bookmark titles with their
   * words reversed, so they are rewritten from the headings Broadside knows.
   */
  outlineTitles: string[];
}

/** Adds what Chromium cannot write (author, subject, keywords, fixed dates) and mends bookmarks. */
export async function finishPdf(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  pdf.setSubject(meta.subject);
  pdf.setKeywords(meta.keywords);
  pdf.setCreator(meta.creator);
  pdf.setProducer(meta.creator);
  pdf.setCreationDate(meta.date);
  pdf.setModificationDate(meta.date);
  rewriteOutline(pdf, meta.outlineTitles);
  removeUnbrokenSoftHyphens(pdf);
  return pdf.save({ useObjectStreams: false, updateFieldAppearances: false });
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
