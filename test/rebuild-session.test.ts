import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import type { BuildResult } from '../src/build/build.js';
import { BuildSession } from '../src/build/session.js';
import { InterruptedError } from '../src/errors.js';
import { startPrinter, type PrintJob } from '../src/io/pdf.js';
import { makeProject } from './helpers.js';

/** How often each translation file was parsed. */
const parsed = vi.hoisted(() => new Map<string, number>());
vi.mock('../src/readers/translation.js', async (original) => {
  const module = await original<typeof import('../src/readers/translation.js')>();
  return {
    ...module,
    readTranslation: (...args: Parameters<typeof module.readTranslation>) => {
      parsed.set(args[0], (parsed.get(args[0]) ?? 0) + 1);
      return module.readTranslation(...args);
    },
  };
});

const env = process.env;
const SPANISH = 'translations/es.yaml';
const PAGE = 'dist/mission-statement/es/index.html';
const PDF = 'dist/mission-statement/es/mission-statement.es.pdf';
const PARALLEL_PDF = 'dist/mission-statement/en-es/mission-statement.en-es.pdf';

/** The main processes of the browsers this test process started (their profiles are named after it). */
function ourBrowsers(): number[] {
  const profile = `broadside-chromium-${process.pid}-`;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.some((a) => a.startsWith('--user-data-dir=') && a.includes(profile)) && !args.some((a) => a.startsWith('--type='));
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

const built = (result: BuildResult): string[] => result.artifacts.filter((a) => a.status === 'built').map((a) => a.path);
const pdfText = (root: string): string => execFileSync('pdftotext', [join(root, PDF), '-'], { encoding: 'utf8' });

async function retitle(root: string, title: string): Promise<void> {
  const text = await readFile(join(root, SPANISH), 'utf8');
  await writeFile(join(root, SPANISH), text.replace(/Declaración de misión|Título [^\n"]+/, title));
}

describe('a build session', () => {
  let session: BuildSession | undefined;

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('keeps one browser between rebuilds, starts another when it was killed, and closes it at the end', async () => {
    const root = await makeProject();
    session = new BuildSession();
    await session.build({ root, env });
    const [first, ...others] = ourBrowsers();
    expect(others).toEqual([]);
    expect(first).toBeDefined();

    await retitle(root, 'Título uno');
    const second = await session.build({ root, env });
    // The en-es parallel edition holds the Spanish title too.
    expect(built(second)).toEqual(['mission-statement/en-es/index.html', 'mission-statement/en-es/mission-statement.en-es.pdf', 'mission-statement/es/index.html', 'mission-statement/es/mission-statement.es.pdf', 'mission-statement/es/mission-statement.es.txt']);
    expect(ourBrowsers()).toEqual([first]);

    process.kill(first!, 'SIGKILL');
    await expect.poll(() => ourBrowsers(), { timeout: 60_000 }).toEqual([]);
    await retitle(root, 'Título dos');
    const third = await session.build({ root, env });
    expect(built(third)).toContain('mission-statement/es/mission-statement.es.pdf');
    expect(pdfText(root)).toContain('Título dos');
    const restarted = ourBrowsers();
    expect(restarted).toHaveLength(1);
    expect(restarted).not.toEqual([first]);

    await session.close();
    session = undefined;
    expect(ourBrowsers()).toEqual([]);
  });

  it('parses again only the files that changed', async () => {
    const root = await makeProject();
    session = new BuildSession();
    parsed.clear();
    await session.build({ root, formats: ['html', 'txt'] });
    expect(Object.fromEntries(parsed)).toEqual({ ar: 1, es: 1, fr: 1, he: 1 });
    await retitle(root, 'Título tres');
    await session.build({ root, formats: ['html', 'txt'] });
    expect(Object.fromEntries(parsed)).toEqual({ ar: 1, es: 2, fr: 1, he: 1 });
    expect(await readFile(join(root, PAGE), 'utf8')).toContain('Título tres');
  });

  it('writes the new page before it prints the PDF, and the single-language PDFs before the parallel editions', async () => {
    const root = await makeProject();
    session = new BuildSession();
    await session.build({ root, env });
    const [pdfBefore, parallelBefore] = await Promise.all([readFile(join(root, PDF)), readFile(join(root, PARALLEL_PDF))]);
    await retitle(root, 'Título cuatro');
    const seen: { page: string; pdf: Buffer; parallel: Buffer; result: BuildResult }[] = [];
    await session.build({ root, env }, (result) => seen.push({ page: readFileSync(join(root, PAGE), 'utf8'), pdf: readFileSync(join(root, PDF)), parallel: readFileSync(join(root, PARALLEL_PDF)), result }));
    expect(seen).toHaveLength(2);
    expect(seen[0]!.page).toContain('Título cuatro');
    expect(Buffer.compare(seen[0]!.pdf, pdfBefore)).toBe(0);
    // Then the Spanish PDF is new, the parallel edition's not yet; both pages count as made by this rebuild.
    expect(Buffer.compare(seen[1]!.pdf, pdfBefore)).not.toBe(0);
    expect(Buffer.compare(seen[1]!.parallel, parallelBefore)).toBe(0);
    expect(built(seen[1]!.result)).toEqual(['mission-statement/en-es/index.html', 'mission-statement/es/index.html', 'mission-statement/es/mission-statement.es.pdf', 'mission-statement/es/mission-statement.es.txt']);
    expect(pdfText(root)).toContain('Título cuatro');
    expect(Buffer.compare(await readFile(join(root, PARALLEL_PDF)), parallelBefore)).not.toBe(0);
    // The page written first is the page of the whole build.
    expect(await readFile(join(root, PAGE), 'utf8')).toBe(seen[0]!.page);
  });

  it('abandons a rebuild overtaken between the pages and the PDFs, and the next one prints', async () => {
    const root = await makeProject();
    session = new BuildSession();
    await session.build({ root, env });
    const pdfBefore = await readFile(join(root, PDF));
    await retitle(root, 'Título cinco');
    const overtaken = new AbortController();
    await expect(session.build({ root, env, signal: overtaken.signal }, () => overtaken.abort())).rejects.toBeInstanceOf(InterruptedError);
    expect(await readFile(join(root, PAGE), 'utf8')).toContain('Título cinco');
    expect(Buffer.compare(await readFile(join(root, PDF)), pdfBefore)).toBe(0);
    const next = await session.build({ root, env });
    expect(built(next)).toEqual(['mission-statement/en-es/mission-statement.en-es.pdf', 'mission-statement/es/mission-statement.es.pdf']);
    expect(pdfText(root)).toContain('Título cinco');
  });
});

describe('a printer', () => {
  // A long time budget, so that only the abort, not pdf.timeoutSeconds, can end the cancelled print.
  const config = parseConfig('sourceLanguage: en\nlanguages:\n  - code: en\npdf:\n  concurrency: 1\n  timeoutSeconds: 600\n');
  const job = (name: string, body: string): PrintJob => ({
    output: `${name}/en/${name}.en.pdf`,
    page: `${name}/en/index.html`,
    files: (path) => (path === `${name}/en/index.html` ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title></head><body>${body}</body></html>` : undefined),
    marginText: name,
    metadata: { title: name, author: 'test', subject: '', keywords: [], keywordSeparator: ', ', language: 'en', direction: 'ltr', creator: 'test', date: new Date('2020-02-11T00:00:00Z'), outlineTitles: [] },
  });

  it('stops a print in progress when its run is aborted, and prints the next run with the same browser', { timeout: 300_000 }, async () => {
    const overtaken = new AbortController();
    // The second page asks for an image while it loads in place of the first: the run is aborted in the middle of printing it.
    const printer = await startPrinter({ config, env: process.env, creator: 'test', onBlockedRequest: () => overtaken.abort() });
    try {
      const browsers = ourBrowsers();
      const printed: string[] = [];
      const jobs = [job('first', '<p>Printed</p>'), job('cancelled', '<p>Never printed</p><img src="missing.png" alt="">'), job('queued', '<p>Not started</p>')];
      const run = printer.print(jobs, { signal: overtaken.signal, onPrinted: (path) => printed.push(path) });
      await expect(run).rejects.toBeInstanceOf(InterruptedError);
      expect(printed).not.toContain('cancelled/en/cancelled.en.pdf');
      expect(printed).not.toContain('queued/en/queued.en.pdf');

      const next = await printer.print([job('after', '<p>Printed after the abort</p>')]);
      expect(execFileSync('pdftotext', ['-', '-'], { input: next.get('after/en/after.en.pdf')!, encoding: 'utf8' })).toContain('Printed after the abort');
      expect(printer.crashed).toBe(false);
      expect(ourBrowsers()).toEqual(browsers);
    } finally {
      await printer.close();
    }
  });
});
