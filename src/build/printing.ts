import type { Assets } from '../io/assets.js';
import type { Printer, PrintOptions } from '../io/pdf.js';
import type { LocalizedStatement } from '../localize/localize.js';
import { FIT_LEVELS } from '../writers/print-css.js';
import { artifactPath, printStylesheetPath } from '../writers/paths.js';
import type { EditionRenderer } from './render.js';

/**
 * The build's one browser, started at most once: early for a cold build, or when the first PDF
 * needs printing. HTML and text builds, and rebuilds with nothing to print, never start it.
 */
export class PrinterStart {
  private printer?: Promise<Printer>;

  constructor(readonly options: PrintOptions) {}

  start(): Promise<Printer> {
    if (!this.printer) {
      this.printer = import('../io/pdf.js').then(({ startPrinter }) => startPrinter(this.options));
      // Reported when awaited for printing; a build that fails first must not also report this.
      this.printer.catch(() => undefined);
    }
    return this.printer;
  }

  async close(): Promise<void> {
    const printer = await this.printer?.catch(() => undefined);
    await printer?.close();
  }
}

/** Started only when PDFs are to be printed: HTML and text builds, and builds with nothing to print, never load Puppeteer or a browser. */
export async function printAll(docs: LocalizedStatement[], render: EditionRenderer, assets: Assets, printer: PrinterStart): Promise<Map<string, { data: Uint8Array; pages: number }>> {
  if (docs.length === 0) return new Map();
  const files = new Map<string, string>();
  for (const doc of docs) {
    files.set(artifactPath(doc.statement.id, doc.language.code, 'html'), render.html(doc));
    files.set(printStylesheetPath(doc.statement.id, doc.language.code), render.printCss(doc));
  }
  const { printJobsFor } = await import('../io/pdf.js');
  const started = await printer.start();
  const pages = new Map<string, number>();
  const fit = { levels: FIT_LEVELS, css: render.fittedPrintCss, onFitted: (output: string, n: number) => void pages.set(output, n) };
  const pdfs = await started.print(printJobsFor(docs, files, assets, printer.options, fit));
  // Nothing more to print: let the browser shut down while the output is written.
  void printer.close();
  return new Map([...pdfs].map(([path, data]) => [path, { data, pages: pages.get(path)! }]));
}
