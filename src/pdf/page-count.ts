import { PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFPage } from 'pdf-lib';
import { streamBytes } from './text-layer.js';

export interface PageFill {
  pages: number;
  /**
   * How much the last page holds against the fullest other page, by the size of their drawing
   * instructions (text is most of them): 1 when there is one page.
   */
  lastPageShare: number;
}

/** How many pages a PDF has, and roughly how full its last one is. */
export async function pageFill(bytes: Uint8Array): Promise<PageFill> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = pdf.getPages();
  if (pages.length < 2) return { pages: pages.length, lastPageShare: 1 };
  const sizes = pages.map(contentSize);
  const fullest = Math.max(...sizes.slice(0, -1), 1);
  return { pages: pages.length, lastPageShare: sizes.at(-1)! / fullest };
}

function contentSize(page: PDFPage): number {
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  let size = 0;
  for (const ref of refs) {
    const stream = page.doc.context.lookup(ref);
    if (stream instanceof PDFRawStream) size += streamBytes(stream).length;
  }
  return size;
}
