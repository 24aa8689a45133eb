import type { EditionRenderer } from '../build/render.js';
import { pdfKey, textKey, type PdfSources } from '../build/keys.js';
import type { LocalizedStatement } from '../localize/localize.js';
import { artifactPath, FORMATS, type Format } from './paths.js';

/** What makes one edition's artifact of a format, and what the build needs to know about it. */
export interface Writer {
  /** Where the artifact lives in the output folder. */
  path(statement: string, lang: string): string;
  /** Made by printing the edition's HTML page in the browser, rather than rendered to text here. */
  needsBrowser: boolean;
  /** For the page's download links; absent for the page itself. */
  download?: { mediaType: string; label: 'downloadPdf' | 'downloadText' };
  /** Parallel editions (languages side by side) are published in this format too. */
  parallel: boolean;
  /** Printing costs the most; shards deal the costly formats out first. */
  cost: number;
  /** The artifact's text, for a writer that does not need the browser. */
  render?(render: EditionRenderer, doc: LocalizedStatement): string;
  /** The cache key: everything the artifact is made of, hashed with Broadside's version. */
  cacheKey(version: string, input: { doc: LocalizedStatement; render: EditionRenderer; text?: string; pdfSources: Omit<PdfSources, 'html' | 'printCss'> }): string;
}

/** Every output format, in the order the page links them. Adding a format is one writer and one line here. */
export const WRITERS: Record<Format, Writer> = {
  html: {
    path: (statement, lang) => artifactPath(statement, lang, 'html'),
    needsBrowser: false,
    parallel: true,
    cost: 1,
    render: (render, doc) => render.html(doc),
    cacheKey: (version, { text }) => textKey(version, 'html', text!),
  },
  txt: {
    path: (statement, lang) => artifactPath(statement, lang, 'txt'),
    needsBrowser: false,
    download: { mediaType: 'text/plain', label: 'downloadText' },
    parallel: false,
    cost: 0,
    render: (render, doc) => render.text(doc),
    cacheKey: (version, { text }) => textKey(version, 'txt', text!),
  },
  pdf: {
    path: (statement, lang) => artifactPath(statement, lang, 'pdf'),
    needsBrowser: true,
    download: { mediaType: 'application/pdf', label: 'downloadPdf' },
    parallel: true,
    cost: 2,
    cacheKey: (version, { doc, render, pdfSources }) => pdfKey(version, doc, { ...pdfSources, html: render.html(doc), printCss: render.printCss(doc) }),
  },
};

/** The formats made in the browser. */
export const BROWSER_FORMATS: readonly Format[] = FORMATS.filter((f) => WRITERS[f].needsBrowser);
