import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import type { Config } from '../config/schema.js';
import { InterruptedError, PdfError } from '../errors.js';
import type { LocalizedStatement } from '../localize/localize.js';
import type { PdfMetadata } from '../pdf/finish.js';
import { marginText, pdfMetadata } from '../pdf/metadata.js';
import { artifactPath, printStylesheetPath } from '../writers/paths.js';
import type { Assets } from './assets.js';
import { requireBrowser } from './browser.js';
import { createProfile, removeProfile } from './browser-profile.js';
import { printJustified } from './justify.js';

/** A made-up origin: pages are never loaded from file://, so they cannot reach local files. */
export const PRINT_ORIGIN = 'https://print.broadside.invalid';

const CONTENT_TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', woff2: 'font/woff2' };

const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--font-render-hinting=none',
  // WebUIOmnibox*: Chromium 15x preloads its omnibox popup as a web page even when headless, which
  // costs about 0.6 s of CPU at every launch.
  '--disable-features=IsolateOrigins,site-per-process,Translate,MediaRouter,OptimizationHints,PaintHolding,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
  '--disable-site-isolation-trials',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--disable-ipc-flooding-protection',
];

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
  css: (doc: LocalizedStatement, level: number) => string;
  onFitted?: (output: string, pages: number, level: number) => void;
}

/**
 * The print jobs of editions whose HTML and print CSS are in `files`, with the build's assets; with
 * `fit`, each is fitted to fewer pages where the limits allow, and held to its `maxPages`.
 */
export function printJobsFor(docs: LocalizedStatement[], files: Map<string, string>, assets: Assets, options: PrintOptions, fit?: FitOptions): PrintJob[] {
  const servedFiles = (path: string): string | Uint8Array | undefined => (path.startsWith('assets/') ? assets.get(path.slice('assets/'.length)) : files.get(path));
  return docs.map((doc) => {
    const output = artifactPath(doc.statement.id, doc.language.code, 'pdf');
    const page = artifactPath(doc.statement.id, doc.language.code, 'html');
    const configured = options.config.languages.find((l) => l.code === doc.language.code);
    return {
      output,
      page,
      files: servedFiles,
      marginText: marginText(doc),
      metadata: pdfMetadata(doc, options.creator, options.fixedDate),
      fit: fit && {
        stylesheet: printStylesheetPath(doc.statement.id, doc.language.code),
        levels: fit.levels,
        css: (level) => fit.css(doc, level),
        maxPages: configured?.maxPages ?? options.config.pdf.maxPages,
        label: `${output} (${doc.language.code})`,
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

/** A started browser with its pages, ready to print; a build may start it before it knows what to print. */
export interface Printer {
  print(jobs: PrintJob[]): Promise<Map<string, Uint8Array>>;
  close(): Promise<void>;
}

export async function startPrinter(options: PrintOptions): Promise<Printer> {
  const [found, { launch }] = await Promise.all([requireBrowser(options.config.pdf.executablePath, options.env), import('puppeteer-core')]);
  const timeout = options.config.pdf.timeoutSeconds * 1000;
  checkAborted(options.signal);
  const profile = await createProfile();
  let browser: Browser;
  try {
    browser = await launch({
      executablePath: found.executablePath,
      userDataDir: profile,
      headless: true,
      pipe: true,
      // Chromium refuses to start its sandbox as root; everyone else keeps it.
      args: process.getuid?.() === 0 ? [...CHROMIUM_FLAGS, '--no-sandbox'] : CHROMIUM_FLAGS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout,
    });
  } catch (error) {
    await removeProfile(profile);
    throw new PdfError(`the browser at ${found.executablePath} (found via ${found.via}) did not start: ${firstLine(error)}`, undefined, 'check that it runs (`<path> --version`), or point pdf.executablePath in broadside.yaml to another Chrome or Chromium.');
  }
  let crashed = false;
  browser.on('disconnected', () => (crashed = true));
  const closeOnAbort = (): void => void browser.close().catch(() => undefined);
  options.signal?.addEventListener('abort', closeOnAbort, { once: true });
  // Ctrl-C while the browser was starting: close it now rather than after printing everything.
  if (options.signal?.aborted) closeOnAbort();
  // The tab Chromium opens at launch is ready now; set it up while the build renders.
  const [initialTab] = await browser.pages();
  const firstPage = openPage(browser, initialTab, options.onBlockedRequest);
  firstPage.catch(() => undefined);
  const pages: Promise<PrintPage>[] = [firstPage];
  let closing: Promise<void> | undefined;

  const print = async (jobs: PrintJob[]): Promise<Map<string, Uint8Array>> => {
    const results = new Map<string, Uint8Array>();
    const queue = [...jobs];
    // Finishing (pdf-lib, in Node) overlaps with the browser printing the next page.
    const finishing: Promise<void>[] = [];
    const finisher = import('../pdf/finish.js');
    const worker = async (slot: number): Promise<void> => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const page = await (pages[slot] ??= openPage(browser, undefined, options.onBlockedRequest));
        const raw = await printFitted((fitted) => withTimeout(page.print(fitted), timeout, job.output), job);
        const finished = finisher.then(({ finishPdf }) => finishPdf(raw, job.metadata));
        finishing.push(finished.then((pdf) => void results.set(job.output, pdf)).then(() => options.onPrinted?.(job.output)));
      }
    };
    const workers = Array.from({ length: Math.min(options.config.pdf.concurrency, jobs.length) }, (_, slot) => worker(slot));
    const settled = [...(await Promise.allSettled(workers)), ...(await Promise.allSettled(finishing))];
    checkAborted(options.signal);
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      if (failure.reason instanceof PdfError) throw failure.reason;
      if (failure.reason instanceof Error && failure.reason.name === 'TimeoutError') throw timeoutError(timeout, 'printing');
      const why = crashed ? 'the browser crashed' : firstLine(failure.reason);
      throw new PdfError(`printing a PDF failed: ${why}`, undefined, 'run again; if it keeps failing, try `broadside build --format html,txt` and report the problem.');
    }
    return results;
  };
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      options.signal?.removeEventListener('abort', closeOnAbort);
      await stopBrowser(browser);
      await removeProfile(profile);
    })());
  return { print, close };
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

/** Prints a job, fitted to fewer pages when it asks to be (see FitToPages). */
async function printFitted(print: (job: PrintJob) => Promise<Uint8Array>, job: PrintJob): Promise<Uint8Array> {
  const first = await print(job);
  const { fit } = job;
  if (!fit) return first;
  const { pageFill } = await import('../pdf/page-count.js');
  const atLevel = async (level: number): Promise<{ pdf: Uint8Array; pages: number; level: number; lastPageShare: number }> => {
    const pdf = level === 0 ? first : await print({ ...job, files: (path) => (path === fit.stylesheet ? fit.css(level) : job.files(path)) });
    return { pdf, level, ...(await pageFill(pdf)) };
  };
  let kept = await atLevel(0);
  const natural = kept.pages;
  const overLimit = fit.maxPages !== undefined && natural > fit.maxPages;
  const worthTrying = natural <= FIT_UP_TO_PAGES && kept.lastPageShare <= FIT_LAST_PAGE_SHARE * (natural - 1);
  const wanted = natural > 1 && (worthTrying || overLimit);
  if (wanted && fit.levels > 0) {
    const tightest = await atLevel(fit.levels);
    if (tightest.pages < natural) {
      // The least tightening that still saves a page: halve the range of levels.
      kept = tightest;
      let [low, high] = [1, fit.levels];
      while (low < high) {
        const tried = await atLevel((low + high) >> 1);
        if (tried.pages < natural) [kept, high] = [tried, tried.level];
        else low = tried.level + 1;
      }
    }
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
  print(job: PrintJob): Promise<Uint8Array>;
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
  let current: PrintJob | undefined;
  let location: string | undefined;
  page.on('request', (request) => serve(request, location, current, onBlocked));

  const show = async (job: PrintJob): Promise<void> => {
    if (location === undefined || !sameDepth(location, job.page)) {
      location = job.page;
      await page.goto(`${PRINT_ORIGIN}/${job.page}`, { waitUntil: 'load' });
      return;
    }
    const html = job.files(job.page);
    if (html === undefined) throw new PdfError(`there is no page ${job.page} to print`);
    const { frameTree } = await session.send('Page.getFrameTree');
    const loaded = new Promise<void>((resolve) => session.once('Page.loadEventFired', () => resolve()));
    await session.send('Page.setDocumentContent', { frameId: frameTree.frame.id, html: typeof html === 'string' ? html : Buffer.from(html).toString('utf8') });
    await loaded;
  };
  return {
    async print(job) {
      current = job;
      const showWithFonts = async (): Promise<void> => {
        await show(job);
        await loadMarginBoxFonts(page, job.marginText);
      };
      return printJustified(page, showWithFonts, () => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, displayHeaderFooter: false }));
    },
  };
}

/**
 * The build is done with the browser (every PDF is in hand, or the build failed) and its profile is
 * thrown away, so a graceful shutdown has nothing to save: end the browser's whole process group at
 * once (Puppeteer starts it as a group leader), ~100 ms faster than asking it to close. On Windows,
 * or when that fails, close it normally.
 */
async function stopBrowser(browser: Browser): Promise<void> {
  const child = browser.process();
  if (!child?.pid || process.platform === 'win32' || child.exitCode !== null || child.signalCode !== null) {
    await browser.close().catch(() => undefined);
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    await browser.close().catch(() => undefined);
    return;
  }
  await exited;
  browser.disconnect().catch(() => undefined);
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new InterruptedError('the build was interrupted; the previous output is unchanged');
}

function serve(request: HTTPRequest, location: string | undefined, job: PrintJob | undefined, onBlocked?: (url: string) => void): void {
  const url = request.url();
  const requested = url.startsWith(`${PRINT_ORIGIN}/`) ? decodeURIComponent(new URL(url).pathname.slice(1)) : undefined;
  const besidePage = requested !== undefined && location !== undefined && requested.startsWith(folderOf(location));
  const path = besidePage && job ? folderOf(job.page) + requested.slice(folderOf(location!).length) : requested;
  const body = path === undefined || !job ? undefined : job.files(path);
  if (body === undefined || request.method() !== 'GET') {
    onBlocked?.(url);
    void request.abort('blockedbyclient');
    return;
  }
  const extension = path!.split('.').pop()!;
  void request.respond({
    status: 200,
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    headers: { 'cache-control': besidePage ? 'no-store' : 'max-age=86400, immutable' },
    body: typeof body === 'string' ? Buffer.from(body) : body,
  });
}

/** `a/b/page.html` → `a/b/`. */
function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
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

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
