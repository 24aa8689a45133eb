import { folderOf } from '../editions/edition.js';
import type { Assets } from '../io/assets.js';
import type { Printer, PrintOptions, PrintRun } from '../io/pdf.js';
import type { LocalizedStatement } from '../localize/localize.js';
import { FIT_GAIN_PER_LEVEL, FIT_LEVELS } from '../writers/print-css.js';
import { artifactPath, printStylesheetPath } from '../writers/paths.js';
import type { EditionRenderer } from './render.js';

/** The browser as one build sees it. */
export interface BuildPrinter {
  /** This build's print options (its configuration, creator and date). */
  readonly options: PrintOptions;
  /** Starts the browser now, if it is not running, so that its start-up overlaps other work. */
  start(): void;
  print: Printer['print'];
  /** The build prints no more. */
  release(): Promise<void>;
}

/**
 * The build's one browser, started at most once: early for a cold build, or when the first PDF
 * needs printing. HTML and text builds, and rebuilds with nothing to print, never start it.
 */
export class PrinterStart implements BuildPrinter {
  private printer?: Promise<Printer>;

  constructor(readonly options: PrintOptions) {}

  start(): void {
    void this.started();
  }

  async print(...args: Parameters<Printer['print']>): ReturnType<Printer['print']> {
    return (await this.started()).print(...args);
  }

  async release(): Promise<void> {
    const printer = await this.printer?.catch(() => undefined);
    await printer?.close();
  }

  private started(): Promise<Printer> {
    if (!this.printer) {
      this.printer = import('../io/pdf.js').then(({ startPrinter }) => startPrinter(this.options));
      // Reported when awaited for printing; a build that fails first must not also report this.
      this.printer.catch(() => undefined);
    }
    return this.printer;
  }
}

/**
 * One browser for a series of builds (`preview`, `build --watch`): started by the first build that
 * prints, kept between builds, started again when it died or when the settings it was started with
 * (pdf.executablePath, concurrency, timeoutSeconds) changed, and closed by `close`.
 */
export class KeptPrinter {
  private printer?: Promise<Printer>;
  private startedWith?: string;

  /** The browser for a build with these options; the build's signal stops its prints, not the browser. */
  for(options: PrintOptions): BuildPrinter {
    const { signal: _, ...kept } = options;
    const ready = (): Promise<Printer> => this.ready(kept);
    return {
      options,
      start: () => void ready().catch(() => undefined),
      print: async (jobs, run) => {
        const printer = await ready();
        try {
          return await printer.print(jobs, run);
        } catch (error) {
          // Killed while printing: print once more with a new browser.
          if (!printer.crashed || run?.signal?.aborted) throw error;
          return (await ready()).print(jobs, run);
        }
      },
      release: async () => undefined,
    };
  }

  async close(): Promise<void> {
    const printer = await this.printer?.catch(() => undefined);
    this.printer = undefined;
    await printer?.close();
  }

  private async ready(options: PrintOptions): Promise<Printer> {
    const settings = JSON.stringify(options.config.pdf);
    const pending = this.printer;
    const current = await pending?.catch(() => undefined);
    if (current && !current.crashed && settings === this.startedWith) return current;
    // Another build's call replaced it meanwhile.
    if (this.printer !== pending) return this.ready(options);
    void current?.close();
    this.startedWith = settings;
    this.printer = import('../io/pdf.js').then(({ startPrinter }) => startPrinter(options));
    this.printer.catch(() => undefined);
    return this.printer;
  }
}

/** Started only when PDFs are to be printed: HTML and text builds, and builds with nothing to print, never load Puppeteer or a browser. */
export async function printAll(docs: LocalizedStatement[], render: EditionRenderer, assets: Assets, printer: BuildPrinter, run: PrintRun): Promise<Map<string, { data: Uint8Array; pages: number; unshown: string }>> {
  if (docs.length === 0) return new Map();
  const files = new Map<string, string>();
  for (const doc of docs) {
    files.set(artifactPath(doc.statement.id, folderOf(doc), 'html'), render.html(doc));
    files.set(printStylesheetPath(doc.statement.id, folderOf(doc)), render.printCss(doc));
  }
  const { printJobsFor } = await import('../io/pdf.js');
  const pages = new Map<string, number>();
  const unshown = new Map<string, string>();
  const fit = { levels: FIT_LEVELS, gainPerLevel: FIT_GAIN_PER_LEVEL, css: render.fittedPrintCss, onFitted: (output: string, n: number) => void pages.set(output, n) };
  const jobs = printJobsFor(docs, files, assets, printer.options, fit, (output, chars) => void unshown.set(output, chars));
  const pdfs = await printer.print(jobs, run);
  // Nothing more to print: let the browser shut down while the output is written.
  void printer.release();
  return new Map([...pdfs].map(([path, data]) => [path, { data, pages: pages.get(path)!, unshown: unshown.get(path) ?? '' }]));
}
