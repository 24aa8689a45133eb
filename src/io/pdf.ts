import type { Browser, Page } from 'puppeteer-core';
import type { Config } from '../config/schema.js';
import { folderOf } from '../editions/edition.js';
import { PdfError } from '../errors.js';
import type { LocalizedStatement } from '../localize/localize.js';
import type { PdfMetadata } from '../pdf/finish.js';
import { marginText, pdfMetadata } from '../pdf/metadata.js';
import { artifactPath, printStylesheetPath } from '../writers/paths.js';
import { assetForPrinter, type Assets } from './assets.js';
import { justifyParagraphs } from './justify.js';
import { checkAborted, firstLine, launchPrintBrowser } from './print-browser.js';
import { answerRequest, PRINT_ORIGIN, type ShownPage } from './print-requests.js';

export interface PrintOptions {
  config: Config;
  env: NodeJS.ProcessEnv;
  creator: string;
  /** Date written into every PDF (from SOURCE_DATE_EPOCH); else each statement's own date. */
  fixedDate?: Date;
  signal?: AbortSignal;
  /** Called with every request the printer refused (anything but the build's own files). */
  onBlockedRequest?: (url: string) => void;
  /** Called with each PDF's path as soon as it is printed, for progress. */
  onPrinted?: (path: string) => void;
}

/** One page to print: where it lives under PRINT_ORIGIN, what it may load, and what the PDF says of itself. */
export interface PrintJob {
  /** Key of the result (the artifact path). */
  output: string;
  /** Path of the page under PRINT_ORIGIN; the files it links resolve against it. */
  page: string;
  /** The only files the page may load, by path under PRINT_ORIGIN. */
  files: (path: string) => string | Uint8Array | undefined;
  /** Text set only in the page margins, whose fonts must be loaded before printing. */
  marginText: string;
  /** Told the characters the PDF draws as empty boxes (no font had them). */
  onUnshown?: (chars: string) => void;
  metadata: PdfMetadata;
  fit?: FitToPages;
}

/**
 * Fitting an edition to fewer pages: when it takes more than one, it is printed again with its print
 * stylesheet tightened (`levels` steps within fixed limits), and the least tightening that saves a
 * page is kept. Reprinting is the measure: JavaScript is off in the print tab, and only the printed
 * PDF knows its pages.
 */
export interface FitToPages {
  /** Path of the page's print stylesheet under PRINT_ORIGIN. */
  stylesheet: string;
  levels: number;
  /** About how much of a page each level wins per page, for the level to try first. */
  gainPerLevel: number;
  /** The print stylesheet tightened to a level (0: as designed). */
  css: (level: number) => string;
  /** The most pages the PDF may take; printing fails when it cannot be fitted. */
  maxPages?: number;
  /** What the edition is called in messages ("the Hebrew edition of mission-statement"). */
  label: string;
  /** Told the PDF's pages and the level it was set at. */
  onFitted?: (pages: number, level: number) => void;
}

/**
 * Prints every edition to PDF with one browser and a bounded pool of pages. JavaScript is off and
 * the only requests answered are for the build's own HTML, CSS and fonts, served from memory.
 */
export async function printPdfs(docs: LocalizedStatement[], files: Map<string, string>, assets: Assets, options: PrintOptions): Promise<Map<string, Uint8Array>> {
  return printJobs(printJobsFor(docs, files, assets, options), options);
}

export interface FitOptions {
  levels: number;
  gainPerLevel: number;
  css: (doc: LocalizedStatement, level: number) => string;
  onFitted?: (output: string, pages: number, level: number) => void;
}

/**
 * The print jobs of editions whose HTML and print CSS are in `files`, with the build's assets; with
 * `fit`, each is fitted to fewer pages where the limits allow, and held to its `maxPages`.
 * `onUnshown` is told the characters an edition's PDF draws as empty boxes (no font had them).
 */
export function printJobsFor(docs: LocalizedStatement[], files: Map<string, string>, assets: Assets, options: PrintOptions, fit?: FitOptions, onUnshown?: (output: string, chars: string) => void): PrintJob[] {
  const servedFiles = (path: string): string | Uint8Array | undefined => assetForPrinter(assets, path) ?? files.get(path);
  return docs.map((doc) => {
    const folder = folderOf(doc);
    const output = artifactPath(doc.statement.id, folder, 'pdf');
    const page = artifactPath(doc.statement.id, folder, 'html');
    const configured = options.config.languages.find((l) => l.code === folder);
    return {
      output,
      page,
      files: servedFiles,
      marginText: marginText(doc),
      onUnshown: onUnshown && ((chars) => onUnshown(output, chars)),
      metadata: pdfMetadata(doc, options.creator, options.fixedDate),
      fit: fit && {
        stylesheet: printStylesheetPath(doc.statement.id, folder),
        levels: fit.levels,
        gainPerLevel: fit.gainPerLevel,
        css: (level) => fit.css(doc, level),
        maxPages: configured?.maxPages ?? options.config.pdf.maxPages,
        label: `${output} (${folder})`,
        onFitted: (pages, level) => fit.onFitted?.(output, pages, level),
      },
    };
  });
}

/** Prints pages to PDF with one browser and at most `pdf.concurrency` pages at a time. */
export async function printJobs(jobs: PrintJob[], options: PrintOptions): Promise<Map<string, Uint8Array>> {
  const printer = await startPrinter(options);
  try {
    return await printer.print(jobs);
  } finally {
    await printer.close();
  }
}

/** What one call of `print` reports to and is stopped by, where it differs from the printer's options. */
export interface PrintRun {
  /** Aborting stops the call: no further job starts, and the pages printing now are closed. */
  signal?: AbortSignal;
  onPrinted?: (path: string) => void;
}

/** A started browser with its pages, ready to print; a build may start it before it knows what to print. */
export interface Printer {
  print(jobs: PrintJob[], run?: PrintRun): Promise<Map<string, Uint8Array>>;
  /** The browser went away on its own (it crashed or was killed): this printer cannot print any more. */
  readonly crashed: boolean;
  close(): Promise<void>;
}

export async function startPrinter(options: PrintOptions): Promise<Printer> {
  const timeout = options.config.pdf.timeoutSeconds * 1000;
  const started = await launchPrintBrowser(options);
  const { browser } = started;
  // The tab Chromium opens at launch is ready now; set it up while the build renders.
  const [initialTab] = await browser.pages();
  const firstPage = openPage(browser, initialTab, options.onBlockedRequest);
  firstPage.catch(() => undefined);
  const pages: Promise<PrintPage>[] = [firstPage];

  const print = async (jobs: PrintJob[], run: PrintRun = {}): Promise<Map<string, Uint8Array>> => {
    const signal = run.signal ?? options.signal;
    const onPrinted = run.onPrinted ?? options.onPrinted;
    const results = new Map<string, Uint8Array>();
    const queue = [...jobs];
    // A print in progress cannot be stopped, but its tab can be closed; the next print opens another.
    const cancel = (): void => {
      for (const [slot, page] of pages.entries()) {
        delete pages[slot];
        void page?.then((p) => p.close()).catch(() => undefined);
      }
    };
    if (run.signal) run.signal.addEventListener('abort', cancel, { once: true });
    // Finishing (pdf-lib, in Node) overlaps with the browser printing the next page.
    const finishing: Promise<void>[] = [];
    const finisher = import('../pdf/finish.js');
    const worker = async (slot: number): Promise<void> => {
      for (let job = queue.shift(); job && !signal?.aborted; job = queue.shift()) {
        const page = await (pages[slot] ??= openPage(browser, undefined, options.onBlockedRequest));
        const raw = await printFitted((fitted) => withTimeout(page.print(fitted), timeout, job.output), job);
        const finished = finisher.then(({ finishPdf }) => finishPdf(raw, job.metadata));
        const kept = finished.then(({ pdf, unshown }) => {
          results.set(job.output, pdf);
          if (unshown) job.onUnshown?.(unshown);
        });
        finishing.push(kept.then(() => onPrinted?.(job.output)));
      }
    };
    const workers = Array.from({ length: Math.min(options.config.pdf.concurrency, jobs.length) }, (_, slot) => worker(slot));
    const settled = [...(await Promise.allSettled(workers)), ...(await Promise.allSettled(finishing))];
    run.signal?.removeEventListener('abort', cancel);
    checkAborted(signal);
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      if (failure.reason instanceof PdfError) throw failure.reason;
      if (failure.reason instanceof Error && failure.reason.name === 'TimeoutError') throw timeoutError(timeout, 'printing');
      const why = started.crashed ? 'the browser crashed' : firstLine(failure.reason);
      throw new PdfError(`printing a PDF failed: ${why}`, undefined, 'run again; if it keeps failing, try `broadside build --format html,txt` and report the problem.');
    }
    return results;
  };
  return {
    print,
    get crashed() {
      return started.crashed;
    },
    close: () => started.close(),
  };
}

/**
 * Editions longer than this are not fitted unless their maxPages asks for it: the limits win about a
 * sixth of a page per page, and reprinting a long document costs more than the sheet it might save.
 */
const FIT_UP_TO_PAGES = 4;
/**
 * Nor is an edition whose last page holds more than this share of a full page per page before it
 * (measured by its drawing instructions; the limits win about 0.17): it cannot end a page sooner.
 */
const FIT_LAST_PAGE_SHARE = 0.25;

/** A page as printed, and how many of its paragraphs meant to be justified had to be set ragged. */
export interface Printed {
  pdf: Uint8Array;
  raggedParagraphs: number;
}

/**
 * Prints a job, fitted to fewer pages when it asks to be (see FitToPages). A level that saves a page
 * only by leaving more paragraphs ragged than the design does (they could not be justified within
 * the limits on its measure) saves none.
 */
export async function printFitted(print: (job: PrintJob) => Promise<Printed>, job: PrintJob): Promise<Uint8Array> {
  const first = await print(job);
  const { fit } = job;
  if (!fit) return first.pdf;
  const { pageFill } = await import('../pdf/page-count.js');
  const atLevel = async (level: number): Promise<{ pdf: Uint8Array; pages: number; level: number; lastPageShare: number; raggedParagraphs: number }> => {
    const printed = level === 0 ? first : await print({ ...job, files: (path) => (path === fit.stylesheet ? fit.css(level) : job.files(path)) });
    return { ...printed, level, ...(await pageFill(printed.pdf)) };
  };
  let kept = await atLevel(0);
  const natural = kept.pages;
  const overLimit = fit.maxPages !== undefined && natural > fit.maxPages;
  const worthTrying = natural <= FIT_UP_TO_PAGES && kept.lastPageShare <= FIT_LAST_PAGE_SHARE * (natural - 1);
  const wanted = natural > 1 && (worthTrying || overLimit);
  if (wanted && fit.levels > 0) {
    const saving = async (level: number): Promise<typeof kept | undefined> => {
      const tried = await atLevel(level);
      return tried.pages < natural && tried.raggedParagraphs <= first.raggedParagraphs ? tried : undefined;
    };
    // First the level that the last page's share, spread over the pages before it, says is enough
    // (rounded down: the share, by drawing instructions, counts the page's running head and number too).
    const guess = Math.min(fit.levels, Math.max(1, Math.floor(kept.lastPageShare / (natural - 1) / fit.gainPerLevel)));
    let least = await saving(guess);
    if (least) {
      // The least tightening that still saves a page: down from there while one does.
      for (let level = guess - 1; level >= 1; level--) {
        const tried = await saving(level);
        if (!tried) break;
        least = tried;
      }
    } else if (guess < fit.levels) {
      // Tighter: the tightest, and if it saves a page, halve the range between.
      least = await saving(fit.levels);
      let [low, high] = [guess + 1, fit.levels];
      while (least && low < high) {
        const mid = (low + high) >> 1;
        const tried = await saving(mid);
        if (tried) [least, high] = [tried, mid];
        else low = mid + 1;
      }
    }
    if (least) kept = least;
  }
  if (fit.maxPages !== undefined && kept.pages > fit.maxPages) {
    throw new PdfError(
      `${fit.label} takes ${kept.pages} pages, more than its pdf.maxPages of ${fit.maxPages}, even set as tight as Broadside allows (10 pt type)`,
      undefined,
      'shorten the text, allow more pages (maxPages for this language in broadside.yaml), or print on larger paper.',
    );
  }
  fit.onFitted?.(kept.pages, kept.level);
  return kept.pdf;
}

/** A tab kept open across jobs: opening a tab costs a renderer process, so each worker reuses one. */
interface PrintPage {
  print(job: PrintJob): Promise<Printed>;
  close(): Promise<void>;
}

/**
 * A tab shows its first edition by navigating to it and every later one by replacing the document
 * in place, which is several times cheaper than a navigation. The document keeps its first address,
 * so requests for files beside it are answered with the files beside the edition now shown. Those
 * are never cached; the shared fonts and stylesheets are, so each tab decodes every font once.
 */
async function openPage(browser: Browser, tab: Page | undefined, onBlocked?: (url: string) => void): Promise<PrintPage> {
  const page = tab ?? (await browser.newPage());
  // pdf.timeoutSeconds (withTimeout around each job, page.pdf() included) is the one time budget, not Puppeteer's 30 s default.
  page.setDefaultTimeout(0);
  const [session] = await Promise.all([page.createCDPSession(), page.setJavaScriptEnabled(false), page.setRequestInterception(true), page.setCacheEnabled(true)]);
  await session.send('Page.enable');
  let location: string | undefined;
  let shown: ShownPage | undefined;
  page.on('request', (request) => answerRequest(request, shown, onBlocked));
  // A tab closed while it prints (a cancelled print, or the browser gone) fires no load event: stop waiting for one.
  const gone = new Promise<never>((_, reject) => {
    const away = (): void => {
      page.off('close', away);
      browser.off('disconnected', away);
      reject(new Error('the print tab was closed'));
    };
    page.once('close', away);
    browser.once('disconnected', away);
  });
  gone.catch(() => undefined);

  const show = async (job: PrintJob): Promise<void> => {
    const navigate = location === undefined || !sameDepth(location, job.page);
    if (navigate) location = job.page;
    shown = { location: location!, page: job.page, files: job.files };
    if (navigate) {
      await page.goto(`${PRINT_ORIGIN}/${job.page}`, { waitUntil: 'load' });
      return;
    }
    const html = job.files(job.page);
    if (html === undefined) throw new PdfError(`there is no page ${job.page} to print`);
    const { frameTree } = await session.send('Page.getFrameTree');
    const loaded = new Promise<void>((resolve) => session.once('Page.loadEventFired', () => resolve()));
    await session.send('Page.setDocumentContent', { frameId: frameTree.frame.id, html: typeof html === 'string' ? html : Buffer.from(html).toString('utf8') });
    await Promise.race([loaded, gone]);
  };
  return {
    async print(job) {
      await show(job);
      await loadMarginBoxFonts(page, job.marginText);
      const raggedParagraphs = await justifyParagraphs(page);
      return { pdf: await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, displayHeaderFooter: false }), raggedParagraphs };
    },
    close: () => page.close(),
  };
}

/** Relative links resolve alike from both pages: `../../assets/` reaches the same files. */
function sameDepth(a: string, b: string): boolean {
  return a.split('/').length === b.split('/').length;
}

/**
 * Text that appears only in the page margins (running head, "page 1 of 2") is not used by the body,
 * so Chromium would not fetch the font subset it needs; load it explicitly before printing.
 */
async function loadMarginBoxFonts(page: Page, sample: string): Promise<void> {
  await page.evaluate(async (text) => {
    const family = getComputedStyle(document.documentElement).fontFamily;
    await Promise.all([document.fonts.load(`400 10pt ${family}`, text), document.fonts.ready]);
  }, sample);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(ms, what)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function timeoutError(ms: number, what: string): PdfError {
  return new PdfError(`the browser did not finish ${what} within ${ms / 1000} s (pdf.timeoutSeconds)`, undefined, `on a slow or busy machine raise pdf.timeoutSeconds in broadside.yaml (up to 600), for example \`timeoutSeconds: ${Math.min(600, Math.max(120, (ms / 1000) * 2))}\` under \`pdf:\`; if it keeps happening, check that the browser works.`);
}
