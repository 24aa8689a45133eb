import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { BrowserMissingError } from '../errors.js';

/** Where Broadside keeps a browser it downloaded itself (`broadside browser --install`). */
export const BROWSER_CACHE = join(homedir(), '.cache', 'broadside', 'browsers');

export interface FoundBrowser {
  executablePath: string;
  /** How it was found, for `broadside browser` and error messages. */
  via: 'setting' | 'environment' | 'puppeteer' | 'broadside download' | 'system';
}

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome', 'microsoft-edge-stable', 'microsoft-edge', 'msedge'];
const SYSTEM_PATHS = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

export const BROWSER_HELP = [
  'Broadside looks for a browser in this order:',
  '  1. pdf.executablePath in broadside.yaml, or the PUPPETEER_EXECUTABLE_PATH environment variable',
  "  2. Puppeteer's own download (the optional `puppeteer` package), or one made by `broadside browser --install`",
  '  3. a system Chrome, Chromium or Edge',
  'To get one: run `npx broadside browser --install` (downloads Chrome for Testing, or on Debian/Ubuntu',
  'as root installs the `chromium` package), or install Chrome/Chromium yourself.',
].join('\n');

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds a browser in the documented order, or returns undefined. */
export async function findBrowser(configured: string | undefined, env: NodeJS.ProcessEnv): Promise<FoundBrowser | undefined> {
  if (configured) {
    if (!isExecutable(configured)) throw new BrowserMissingError(`pdf.executablePath is set to ${configured}, but no program is there`, undefined, 'fix the path in broadside.yaml or remove the setting.');
    return { executablePath: configured, via: 'setting' };
  }
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new BrowserMissingError(`PUPPETEER_EXECUTABLE_PATH is set to ${fromEnv}, but no program is there`, undefined, 'fix or unset the variable.');
    return { executablePath: fromEnv, via: 'environment' };
  }
  const puppeteerDownload = await puppeteerBrowser();
  if (puppeteerDownload) return { executablePath: puppeteerDownload, via: 'puppeteer' };
  const ownDownload = await downloadedBrowser();
  if (ownDownload) return { executablePath: ownDownload, via: 'broadside download' };
  const system = systemBrowser(env);
  return system ? { executablePath: system, via: 'system' } : undefined;
}

export async function requireBrowser(configured: string | undefined, env: NodeJS.ProcessEnv): Promise<FoundBrowser> {
  const found = await findBrowser(configured, env);
  if (!found) throw new BrowserMissingError('no browser found to print PDFs with (HTML and text were not affected)', undefined, BROWSER_HELP);
  return found;
}

async function puppeteerBrowser(): Promise<string | undefined> {
  // `puppeteer` is optional: installed (with its Chrome) where its download works, absent elsewhere.
  try {
    const puppeteer = createRequire(import.meta.url)('puppeteer') as { executablePath(): string };
    const path = puppeteer.executablePath();
    return isExecutable(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

async function downloadedBrowser(): Promise<string | undefined> {
  if (!existsSync(BROWSER_CACHE)) return undefined;
  const { getInstalledBrowsers } = await import('@puppeteer/browsers');
  const installed = await getInstalledBrowsers({ cacheDir: BROWSER_CACHE }).catch(() => []);
  return installed.map((b) => b.executablePath).find(isExecutable);
}

function systemBrowser(env: NodeJS.ProcessEnv): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of SYSTEM_NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return SYSTEM_PATHS.find(isExecutable);
}

export interface InstallReport {
  found: FoundBrowser;
  installed: boolean;
  log: string[];
}

/**
 * Makes sure a browser is available: keeps one that is found; else downloads Chrome for Testing
 * into BROWSER_CACHE; else, on a Debian-like system as root, installs the `chromium` package.
 */
export async function installBrowser(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<InstallReport> {
  const lines: string[] = [];
  const say = (line: string): void => {
    lines.push(line);
    log(line);
  };
  const existing = await findBrowser(undefined, env);
  if (existing) return { found: existing, installed: false, log: lines };
  try {
    const browsers = await import('@puppeteer/browsers');
    const platform = browsers.detectBrowserPlatform();
    if (!platform) throw new Error('this platform has no Chrome for Testing build');
    const buildId = await browsers.resolveBuildId(browsers.Browser.CHROME, platform, 'stable');
    say(`Downloading Chrome for Testing ${buildId}…`);
    const result = await browsers.install({ browser: browsers.Browser.CHROME, buildId, cacheDir: BROWSER_CACHE, platform });
    return { found: { executablePath: result.executablePath, via: 'broadside download' }, installed: true, log: lines };
  } catch (error) {
    say(`Could not download Chrome for Testing: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0) {
    say('Installing Debian/Ubuntu package `chromium` with apt-get…');
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) : update;
    if (install.status === 0) {
      const found = await findBrowser(undefined, env);
      if (found) return { found, installed: true, log: lines };
    }
    say('apt-get could not install chromium.');
  }
  throw new BrowserMissingError('could not get a browser', undefined, BROWSER_HELP);
}
