import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, type Browser, type Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../src/io/browser.js';
import { makeProject, REPO } from './helpers.js';
import { get, TIMEOUT_MS } from './http.js';
import { startPreview, type RunningPreview } from './preview-run.js';

/** Appended to a translation: a YAML string whose quotation mark is never closed. */
const BROKEN = 'title: "unclosed\n';

describe('preview of a broken save, in a browser', () => {
  let browser: Browser;
  let running: RunningPreview | undefined;
  const projects: string[] = [];

  beforeAll(async () => {
    const found = await findBrowser(undefined, process.env);
    browser = await launch({ executablePath: found!.executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  });
  afterAll(async () => {
    await browser.close();
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    for (const project of projects.splice(0)) await rm(project, { recursive: true, force: true });
  });

  /** Starts a preview of HTML and text; resolves with its address once the first build ended. */
  async function start(project: string): Promise<string> {
    running = await startPreview(project);
    return running.base;
  }

  async function openConnected(url: string): Promise<Page> {
    const page = await browser.newPage();
    const connected = page.waitForResponse((response) => response.url().endsWith('/__broadside/events'), { timeout: TIMEOUT_MS });
    await page.goto(url);
    await connected;
    return page;
  }

  /** Saves `content`, then waits until the page has reloaded and the event stream is open again. */
  async function saveAndReload(page: Page, file: string, content: string): Promise<void> {
    const reconnected = page.waitForResponse((response) => response.url().endsWith('/__broadside/events'), { timeout: TIMEOUT_MS * 4 });
    await writeFile(file, content);
    await reconnected;
  }

  it('shows the error over the last good page, and the fix brings the page back', async () => {
    const project = await makeProject();
    projects.push(project);
    const base = await start(project);
    const spanish = join(project, 'translations/es.yaml');
    const good = await readFile(spanish, 'utf8');
    const brokenLine = good.split('\n').length; // the appended line, counted from 1
    const page = await openConnected(`${base}mission-statement/es/`);
    const title = await page.$eval('h1', (h1) => h1.textContent);
    expect(await page.$('.broadside-build-error')).toBeNull();

    await saveAndReload(page, spanish, good + BROKEN);
    const box = await page.waitForSelector('.broadside-build-error', { timeout: TIMEOUT_MS });
    const text = await box!.evaluate((element) => (element as HTMLElement).innerText);
    expect(text).toContain(`translations/es.yaml:${brokenLine}:8`);
    expect(text).toContain('quotation mark is never closed');
    expect(text).toContain(`> ${brokenLine} | title: "unclosed`);
    expect(text).toMatch(/How to fix: end the text with the same mark/);
    // The last good output is still there under the box, and the box is styled as one.
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe(title);
    expect(await box!.evaluate((element) => getComputedStyle(element).position)).toBe('fixed');

    await saveAndReload(page, spanish, good.replace('Declaración de misión', 'Título arreglado'));
    await page.waitForFunction(() => !document.querySelector('.broadside-build-error'), { timeout: TIMEOUT_MS });
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Título arreglado');
    await page.close();
  });

  it('shows an error page, not "Not found", when the first build fails, and the page once it is fixed', async () => {
    const spanishGood = await readFile(join(REPO, 'translations/es.yaml'), 'utf8');
    const project = await makeProject({ 'translations/es.yaml': spanishGood + BROKEN });
    projects.push(project);
    const base = await start(project);
    const served = await get(base, '/mission-statement/es/');
    expect(served.status).toBe(503);
    expect(served.body).not.toContain('Not found');
    // Translators' text in the message and the quoted line is escaped, never markup.
    expect(served.body).toContain('title: &quot;unclosed');

    const page = await openConnected(`${base}mission-statement/es/`);
    const text = await page.$eval('.broadside-build-error', (element) => (element as HTMLElement).innerText);
    expect(text).toContain(`translations/es.yaml:${spanishGood.split('\n').length}:8`);
    expect(text).toContain('no output to show yet');

    await saveAndReload(page, join(project, 'translations/es.yaml'), spanishGood);
    await page.waitForSelector('h1', { timeout: TIMEOUT_MS });
    expect(await page.$('.broadside-build-error')).toBeNull();
    expect(await page.$eval('html', (html) => html.lang)).toBe('es');
    await page.close();
  });
});
