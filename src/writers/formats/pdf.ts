import { pdfKey } from '../../build/keys.js';
import type { Writer } from '../writer.js';

/** The print-ready PDF: the edition's page printed with its print stylesheet. */
export const pdf: Writer = {
  needsBrowser: true,
  download: { mediaType: 'application/pdf', label: 'downloadPdf' },
  parallel: true,
  cost: 2,
  cacheKey: (version, { doc, render, pdfSources }) => pdfKey(version, doc, { ...pdfSources, html: render.html(doc), printCss: render.printCss(doc) }),
};
