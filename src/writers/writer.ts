import type { EditionRenderer } from '../build/render.js';
import type { PdfSources } from '../build/keys.js';
import type { LocalizedStatement } from '../localize/localize.js';

/**
 * What makes one edition's artifact of a format, and what the build needs to know about it. The
 * artifact lives at `artifactPath(statement, lang, format)`: `index.html` for the page, and
 * `<statement>.<lang>.<format>` beside it for every other format.
 */
export interface Writer {
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
