import * as pdfLib from 'pdf-lib';

/** pdf-lib, bundled apart like Puppeteer (see puppeteer.ts) and loaded once the first PDF is printed. */
export const packages: Record<string, unknown> = { 'pdf-lib': pdfLib };
