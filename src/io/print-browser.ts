import type { Browser } from 'puppeteer-core';
import type { Config } from '../config/schema.js';
import { InterruptedError, PdfError } from '../errors.js';
import { requireBrowser } from './browser.js';
import { createProfile, removeProfile } from './browser-profile.js';

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

export interface LaunchOptions {
  config: Config;
  env: NodeJS.ProcessEnv;
  /** Aborting closes the browser at once (Ctrl-C during a build). */
  signal?: AbortSignal;
}

/** A headless browser of our own, with a throw-away profile, for printing. */
export interface PrintBrowser {
  browser: Browser;
  /** The browser went away without being closed (it crashed or was killed). */
  readonly crashed: boolean;
  /** Ends the browser and removes its profile; safe to call more than once. */
  close(): Promise<void>;
}

/** Finds and starts the browser; the error says which browser failed and how to choose another. */
export async function launchPrintBrowser(options: LaunchOptions): Promise<PrintBrowser> {
  const [found, { launch }] = await Promise.all([requireBrowser(options.config.pdf.executablePath, options.env), import('puppeteer-core')]);
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
      timeout: options.config.pdf.timeoutSeconds * 1000,
    });
  } catch (error) {
    await removeProfile(profile);
    throw new PdfError(`the browser at ${found.executablePath} (found via ${found.via}) did not start: ${firstLine(error)}`, undefined, 'check that it runs (`<path> --version`), or point pdf.executablePath in broadside.yaml to another Chrome or Chromium.');
  }
  let crashed = false;
  let closing: Promise<void> | undefined;
  browser.on('disconnected', () => (crashed = closing === undefined));
  const closeOnAbort = (): void => void browser.close().catch(() => undefined);
  options.signal?.addEventListener('abort', closeOnAbort, { once: true });
  // Ctrl-C while the browser was starting: close it now rather than after printing everything.
  if (options.signal?.aborted) closeOnAbort();
  return {
    browser,
    get crashed() {
      return crashed;
    },
    close: () =>
      (closing ??= (async () => {
        options.signal?.removeEventListener('abort', closeOnAbort);
        await stopBrowser(browser);
        await removeProfile(profile);
      })()),
  };
}

/**
 * The printing is done with the browser (every PDF is in hand, or the build failed) and its profile
 * is thrown away, so a graceful shutdown has nothing to save: end the browser's whole process group
 * at once (Puppeteer starts it as a group leader), ~100 ms faster than asking it to close. On
 * Windows, or when that fails, close it normally.
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

export function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new InterruptedError('the build was interrupted; the previous output is unchanged');
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
