import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, REPO, runCli } from './helpers.js';
import { pdfjsText, pdftotext, percent, wordShare, words } from './pdf-reading.js';

/**
 * Measures the text layer of every PDF: the share of the words written that pdftotext (poppler) and
 * pdf.js (what browsers use for search and copy) recover intact. Prints the figures; the floors
 * asserted are the levels reached (docs/typography.md has the figures and the targets).
 */
const LANGS = ['en', 'he', 'ar', 'es', 'fr', 'fa'] as const;
const FLOOR: Record<string, number> = { en: 99.5, he: 99.5, ar: 98, es: 99.5, fr: 99.5, fa: 98 };

const EXTRA = `

## Taking part

Read the [network’s charter](https://example.org/charter) and *write to us*. We ask members to:

- sign the **statement** in their own name;
- share it with their communities.
`;

let shipped: string;
let mixed: string;

beforeAll(async () => {
  shipped = await makeProject();
  const md = await readFile(join(shipped, 'statements/mission-statement.md'), 'utf8');
  // Untranslated in every language: Hebrew and Arabic show it in English, with a link, emphasis and a list.
  mixed = await makeProject({ 'statements/mission-statement.md': md + EXTRA });
  const persian = await readFile(join(REPO, 'test/fixtures/persian/fa.yaml'), 'utf8');
  for (const dir of [shipped, mixed]) {
    const added = await runCli(['add-lang', 'fa'], dir);
    expect(added.code, added.stderr).toBe(0);
    await writeFile(join(dir, 'translations/fa.yaml'), persian);
    const result = await runCli(['build', '--format', 'pdf,txt,html'], dir, { PATH: process.env.PATH });
    expect(result.code, result.stderr).toBe(0);
  }
}, 240_000);

afterAll(async () => {
  await Promise.all([shipped, mixed].map((dir) => rm(dir, { recursive: true, force: true })));
});

const edition = (dir: string, lang: string, ext: string): string => join(dir, `dist/mission-statement/${lang}/mission-statement.${lang}.${ext}`);

describe.each([
  ['the shipped statement', () => shipped],
  ['a statement with a link, a list, emphasis and an English passage in Hebrew and Arabic', () => mixed],
])('words recovered intact from the PDFs of %s', (_, dir) => {
  it.each(LANGS)('%s', async (lang) => {
    const written = printedText(await readFile(edition(dir(), lang, 'txt'), 'utf8'));
    const pdf = edition(dir(), lang, 'pdf');
    const [popplerText, pdfjsOut] = [pdftotext(pdf), await pdfjsText(pdf)];
    const poppler = wordShare(written, popplerText);
    const pdfjs = wordShare(written, pdfjsOut);
    const html = await readFile(join(dir(), `dist/mission-statement/${lang}/index.html`), 'utf8');
    const headings = [...html.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)].map((m) => words(m[1]!.replace(/<[^>]+>/g, '')));
    const headingWords = headings.flat().length;
    console.log(`${lang}: pdftotext ${poppler.intact}/${poppler.total} (${percent(poppler).toFixed(1)} %), pdf.js ${pdfjs.intact}/${pdfjs.total} (${percent(pdfjs).toFixed(1)} %); heading words ${headingsFound(headings, popplerText)}/${headingWords} and ${headingsFound(headings, pdfjsOut)}/${headingWords}; missed by pdftotext: ${poppler.missing.slice(0, 12).join(' ')}; by pdf.js: ${pdfjs.missing.slice(0, 12).join(' ')}`);
    expect(headings.length).toBeGreaterThan(0);
    expect(percent(poppler)).toBeGreaterThanOrEqual(FLOOR[lang]!);
    expect(percent(pdfjs)).toBeGreaterThanOrEqual(FLOOR[lang]!);
    // Every heading whole and in order, the "not yet translated" note of an English heading on a
    // right-to-left page included (pdf.js gives a line's runs in the order they are drawn).
    expect(headingsFound(headings, popplerText)).toBe(headingWords);
    expect(headingsFound(headings, pdfjsOut)).toBe(headingWords);
  }, 60_000);
});

/** Words of the headings found whole: each heading as a run of consecutive words in the extracted text. */
function headingsFound(headings: string[][], extracted: string): number {
  const text = ` ${words(extracted).join(' ')} `;
  return headings.filter((heading) => text.includes(` ${heading.join(' ')} `)).flat().length;
}

/** The plain-text edition without what only it has: link markers `[1]` and the list of link addresses. */
function printedText(txt: string): string {
  const lines = txt.split('\n');
  const firstAddress = lines.findIndex((line) => /^\u200f?\[\p{Nd}\] \S+:\/\//u.test(line));
  let end = firstAddress - 1;
  while (end > 0 && lines[end]!.trim() === '') end--;
  // The list's heading, underlined.
  if (/^\u200f?[-=]+$/.test(lines[end] ?? '')) end--;
  const body = firstAddress < 0 ? lines : lines.slice(0, end);
  return body.join('\n').replace(/\[\p{Nd}+\]/gu, '');
}
