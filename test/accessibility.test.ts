import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AxeResults } from 'axe-core';
import { launch, type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../src/io/browser.js';
import { makeProject, readText, REPO, runCli } from './helpers.js';

/** axe-core on every page of a build, in headless Chromium: no violations of any rule axe runs by default. */

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGES = ['index.html', ...['en', 'he', 'ar', 'es', 'fr', 'he-ar-en', 'en-es'].map((folder) => `mission-statement/${folder}/index.html`)];

let browser: Browser;
let complete: string;
let partial: string;

beforeAll(async () => {
  complete = await makeProject();
  // Section headings written `##` and `###`, and passages without a translation, which show the
  // English with a note in the reader's language: their levels and styling are checked too.
  const statement = (await readText(join(REPO, 'statements/mission-statement.md'))).replace('\nWe believe in', '\n## Our values\n\n### At home\n\nWe believe in');
  partial = await makeProject({ 'statements/mission-statement.md': statement });
  for (const project of [complete, partial]) expect((await runCli(['build', '--format', 'html,txt'], project)).code).toBe(0);
  const found = await findBrowser(undefined, process.env);
  browser = await launch({ executablePath: found!.executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function axe(file: string): Promise<AxeResults> {
  const page = await browser.newPage();
  try {
    // The pages' Content-Security-Policy forbids scripts; axe is the test's, not the page's.
    await page.setBypassCSP(true);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    return await page.evaluate(async () => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  } finally {
    await page.close();
  }
}

/** Each violation as "rule: what, where", so a failure reads as a to-do list. */
function violations(results: AxeResults): string[] {
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()} at ${n.target.join(' ')}`));
}

describe.each(PAGES)('%s', (path) => {
  it('has no accessibility violations', async () => {
    const results = await axe(join(complete, 'dist', path));
    expect(results.passes.length).toBeGreaterThan(10);
    expect(results.incomplete.map((r) => r.id), 'nothing left for a person to check, colour contrast included').toEqual([]);
    expect(violations(results)).toEqual([]);
  });
});

describe('a page with section headings and untranslated passages', () => {
  it('has no accessibility violations: headings in order, the English and its note readable', async () => {
    const file = join(partial, 'dist/mission-statement/he/index.html');
    const html = await readFile(file, 'utf8');
    expect(html).toContain('class="fallback"');
    expect(html).toMatch(/<h2 [^>]*>[\s\S]*<h3 /);
    const results = await axe(file);
    expect(results.passes.map((p) => p.id)).toContain('heading-order');
    expect(violations(results)).toEqual([]);
  });
});
