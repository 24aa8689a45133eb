import type { Config } from '../config/schema.js';
import { assetForPrinter, type Assets } from './assets.js';
import { printJobs } from './pdf.js';
import type { PdfMetadata } from '../pdf/finish.js';

export interface ReviewPdfOptions {
  config: Config;
  env: NodeJS.ProcessEnv;
  assets: Assets;
  title: string;
  /** The language the review document is written in (its source language). */
  language: { code: string; dir: 'ltr' | 'rtl' };
  creator: string;
  date: Date;
  signal?: AbortSignal;
}

/** Where the review page is served while printing; it links ../assets/fonts.css like its copy in dist/review/. */
const REVIEW_PAGE = 'review/review.html';

/** Prints a review document (standalone HTML) to PDF with the same locked-down browser as the editions. */
export async function printReviewPdf(html: string, options: ReviewPdfOptions): Promise<Uint8Array> {
  const files = (path: string): string | Uint8Array | undefined => (path === REVIEW_PAGE ? html : assetForPrinter(options.assets, path));
  const metadata: PdfMetadata = { title: options.title, author: '', subject: options.title, keywords: [], keywordSeparator: ', ', language: options.language.code, direction: options.language.dir, creator: options.creator, date: options.date, outlineTitles: [] };
  const pdfs = await printJobs([{ output: REVIEW_PAGE, page: REVIEW_PAGE, files, marginText: '', metadata }], options);
  return pdfs.get(REVIEW_PAGE)!;
}
