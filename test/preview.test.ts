import { EventEmitter } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { CliProcess } from '../src/cli/io.js';
import { findBrowser } from '../src/io/browser.js';
import { preview } from '../src/preview/preview.js';
import { makeProject } from './helpers.js';
import { get, openEvents, TIMEOUT_MS } from './http.js';

describe('preview', () => {
  let controller: AbortController;
  let previewing: Promise<void> | undefined;

  afterEach(async () => {
    controller.abort();
    await previewing;
  });

  it('tells open pages to reload after a rebuild', async () => {
    const project = await makeProject();
    controller = new AbortController();
    let listening!: (url: string) => void;
    let built!: () => void;
    const address = new Promise<string>((resolve) => (listening = resolve));
    const firstBuild = new Promise<void>((resolve) => (built = resolve));
    const errors: unknown[] = [];
    previewing = preview({
      build: { root: project, formats: ['html', 'txt'] },
      port: 0,
      watch: true,
      signal: controller.signal,
      onListening: listening,
      onResult: () => built(),
      onError: (error) => errors.push(error),
    });
    const base = await address;
    await firstBuild;
    const events = await openEvents(base);

    const spanish = join(project, 'translations/es.yaml');
    await writeFile(spanish, (await readFile(spanish, 'utf8')).replace('Declaración de misión', 'Título recargado'));
    await events.nextReload();
    expect((await get(base, '/mission-statement/es/')).body).toContain('Título recargado');
    expect(errors).toEqual([]);
    events.stream.destroy();
  });
  it('reloads a page open in a browser, whose policy lets the reload script run', async () => {
    const project = await makeProject();
    controller = new AbortController();
    let listening!: (url: string) => void;
    let built!: () => void;
    const address = new Promise<string>((resolve) => (listening = resolve));
    const firstBuild = new Promise<void>((resolve) => (built = resolve));
    previewing = preview({
      build: { root: project, formats: ['html', 'txt'] },
      port: 0,
      watch: true,
      signal: controller.signal,
      onListening: listening,
      onResult: () => built(),
      onError: () => {},
    });
    const base = await address;
    await firstBuild;
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
