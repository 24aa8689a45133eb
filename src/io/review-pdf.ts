import type { Config } from '../config/schema.js';
import { BrowserMissingError } from '../errors.js';

export interface ReviewPdfOptions {
  config: Config;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/**
 * Prints a review document (standalone HTML) to PDF. To be wired to the browser printing in
 * src/io/pdf.ts; until then it reports that no browser is available, and `broadside review`
 * writes the HTML alone.
 */
export async function printReviewPdf(_html: string, _options: ReviewPdfOptions): Promise<Uint8Array> {
  throw new BrowserMissingError('printing review documents to PDF is not available yet');
}
