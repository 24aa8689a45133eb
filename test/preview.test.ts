import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { CliProcess } from '../src/cli/io.js';
import { findBrowser } from '../src/io/browser.js';
import { makeProject } from './helpers.js';
import { get, openEvents, TIMEOUT_MS } from './http.js';
import { startPreview, type RunningPreview } from './preview-run.js';

describe('preview', () => {
  let running: RunningPreview | undefined;

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('tells open pages to reload after a rebuild', async () => {
    const project = await makeProject();
    running = await startPreview(project);
    const { base } = running;
    const events = await openEvents(base);

    const spanish = join(project, 'translations/es.yaml');
    await writeFile(spanish, (await readFile(spanish, 'utf8')).replace('Declaración de misión', 'Título recargado'));
    await events.nextReload();
    expect((await get(base, '/mission-statement/es/')).body).toContain('Título recargado');
    expect(running.outcomes.filter((o) => 'error' in o)).toEqual([]);
    events.stream.destroy();
  });
  it('reloads a page open in a browser, whose policy lets the reload script run', async () => {
    const project = await makeProject();
    running = await startPreview(project);
    const { base } = running;
    const found = await findBrowser(undefined, process.env);
    const browser = await launch({ executablePath: found!.executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    try {
      const page = await browser.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      const connected = page.waitForResponse((response) => response.url().endsWith('/__broadside/events'), { timeout: TIMEOUT_MS });
      await page.goto(`${base}mission-statement/es/`);
      await connected;

      const spanish = join(project, 'translations/es.yaml');
      const reloaded = page.waitForNavigation({ timeout: TIMEOUT_MS });
      await writeFile(spanish, (await readFile(spanish, 'utf8')).replace('Declaración de misión', 'Título en el navegador'));
      await reloaded;
      expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Título en el navegador');
      expect(consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('preview with PDFs, in a browser', () => {
  let running: RunningPreview | undefined;

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('shows when the last rebuild ended in the page\'s language, and links its PDF and text, fresh after a save', async () => {
    const project = await makeProject();
    running = await startPreview(project, { pdf: true });
    const { base } = running;
    const found = await findBrowser(undefined, process.env);
    const browser = await launch({ executablePath: found!.executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    try {
      const page = await browser.newPage();
      await page.goto(`${base}mission-statement/he/`);
      const status = await page.$eval('.broadside-preview-status', (p) => ({ text: (p as HTMLElement).innerText, lang: (p as HTMLElement).lang, dir: (p as HTMLElement).dir, links: [...p.querySelectorAll('a')].map((a) => a.href) }));
      expect(status.text).toMatch(/^נבנה מחדש בשעה \d\d:\d\d:\d\d, תוך \d+\.\d שניות · קובץ PDF להדפסה · טקסט פשוט$/);
      expect(status).toMatchObject({ lang: 'he', dir: 'rtl' });
      const [pdfLink, textLink] = status.links;
      expect(pdfLink).toMatch(/\/mission-statement\/he\/mission-statement\.he\.pdf\?rebuild=\d+$/);
      expect(textLink).toMatch(/\/mission-statement\/he\/mission-statement\.he\.txt\?rebuild=\d+$/);
      expect((await fetch(pdfLink!)).headers.get('content-type')).toBe('application/pdf');

      const hebrew = join(project, 'translations/he.yaml');
      await writeFile(hebrew, (await readFile(hebrew, 'utf8')).replace('הצהרת ייעוד', 'הצהרת הייעוד החדשה'));
      const after = await running.outcome(1);
      expect('result' in after).toBe(true);
      await page.goto(`${base}mission-statement/he/`);
      const links = await page.$$eval('.broadside-preview-status a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links[0]).not.toBe(pdfLink);
      const pdf = Buffer.from(await (await fetch(links[0]!)).arrayBuffer());
      expect(execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' })).toContain('החדשה');
      expect(await (await fetch(links[1]!)).text()).toContain('הצהרת הייעוד החדשה');
    } finally {
      await browser.close();
    }
  });
});

describe('broadside preview', () => {
  it('prints the address, serves the build and stops on SIGINT', async () => {
    const project = await makeProject();
    let stdout = '';
    let stderr = '';
    const signals = new EventEmitter();
    const proc: CliProcess = {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: { PATH: process.env.PATH },
      cwd: () => project,
      on: (event, listener) => signals.on(event, listener),
      off: (event, listener) => signals.off(event, listener),
    };
    const running = main(['preview', '--port', '0'], proc);
    // The first build prints PDFs with a browser.
    await expect.poll(() => stderr, { timeout: 90_000, interval: 100 }).toMatch(/Wrote \d+ of \d+ files|build failed/);
    expect(stderr).toMatch(/Wrote \d+ of \d+ files/);
    const url = /Previewing at (\S+)/.exec(stdout)![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await get(url, '/mission-statement/fr/')).body).toContain('/__broadside/reload.js');
    expect((await get(url, '/mission-statement/fr/mission-statement.fr.pdf')).headers['content-type']).toBe('application/pdf');
    signals.emit('SIGINT');
    expect(await running).toBe(0);
    await expect(get(url, '/')).rejects.toThrow();
  }, 120_000);
});
