import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../src/io/browser.js';
import { makeProject, readText, REPO, runCli } from './helpers.js';

const MIXED = 'הרשת IPJN נוסדה בשנת 2020 יחד עם J Street (ארגון אמריקאי) ועם ה־ACLU.';
let browser: Browser;
let dist: string;

beforeAll(async () => {
  const he = (await readText(join(REPO, 'translations/he.yaml'))).replace(/(  who-we-are:\n      source: >-\n        .*\n      text: >-\n        ).*/, (_m, head: string) => head + MIXED);
  const project = await makeProject({ 'translations/he.yaml': he });
  expect((await runCli(['build', '--format', 'html'], project)).code).toBe(0);
  dist = join(project, 'dist');
  const found = await findBrowser(undefined, process.env);
  browser = await launch({ executablePath: found!.executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
}, 60_000);

afterAll(() => browser?.close());

async function open(lang: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 1200 });
  await page.goto(pathToFileURL(join(dist, `mission-statement/${lang}/index.html`)).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** Horizontal centre of each word's rendered box, in the order the words are stored. */
function wordCentres(page: Page, paragraphText: string, words: string[]): Promise<number[]> {
  return page.evaluate(
    (text, wanted) => {
      // Soft hyphens aside, the paragraph says the text; a word may sit in a span that keeps it whole.
      const p = [...document.querySelectorAll('p')].find((el) => el.textContent!.replace(/\u00AD/g, '') === text)!;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      while (walker.nextNode()) nodes.push(walker.currentNode as Text);
      return wanted.map((word) => {
        const range = document.createRange();
        const node = nodes.find((n) => n.data.includes(word))!;
        const start = node.data.indexOf(word);
        range.setStart(node, start);
        range.setEnd(node, start + word.length);
        const box = range.getBoundingClientRect();
        return box.left + box.width / 2;
      });
    },
    paragraphText,
    words,
  );
}

describe.each(['he', 'ar'])('the %s page in Chromium', (lang) => {
  it('is laid out right to left: the title hugs the right edge of the text column', async () => {
    const page = await open(lang);
    const { title, column } = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('h1')!);
      return { title: range.getBoundingClientRect().right, column: document.querySelector('article')!.getBoundingClientRect().right };
    });
    expect(Math.abs(column - title)).toBeLessThan(2);
    await page.close();
  });

  it('renders its fonts, not a fallback', async () => {
    const page = await open(lang);
    const family = lang === 'he' ? 'Noto Serif Hebrew' : 'Amiri';
    const loaded = await page.evaluate((f) => [...document.fonts].filter((face) => face.family === f && face.status === 'loaded').map((face) => face.weight), family);
    expect(new Set(loaded)).toEqual(new Set(['400', '700']));
    await page.close();
  });
});

describe('English names and numbers inside Hebrew', () => {
  it('keep the Hebrew reading order around them', async () => {
    const page = await open('he');
    const [haReshet, ipjn, nosda, year, jStreet, irgun, aclu] = await wordCentres(page, MIXED, ['הרשת', 'IPJN', 'נוסדה', '2020', 'J Street', 'ארגון', 'ACLU']);
    // Right to left: each word in storage order stands to the left of the one before it.
    expect(haReshet).toBeGreaterThan(ipjn!);
    expect(ipjn).toBeGreaterThan(nosda!);
    expect(nosda).toBeGreaterThan(year!);
    expect(year).toBeGreaterThan(jStreet!);
    expect(jStreet).toBeGreaterThan(irgun!);
    expect(irgun).toBeGreaterThan(aclu!);
    await page.close();
  });
});
