import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { firstBaseline, htmlRows, matchCells, readEditionPdf, textOf, type EditionPdf, type PdfCell } from './edition-reading.js';
import { makeProject, REPO, runCli } from './helpers.js';
import { pdfjsText, percent, wordShare } from './pdf-reading.js';

let shipped: string;

beforeAll(async () => {
  shipped = await makeProject();
  const result = await runCli(['build', '--format', 'html,pdf'], shipped, { PATH: process.env.PATH });
  expect(result.code, result.stderr).toBe(0);
});

const file = (dir: string, edition: string, name: string): string => join(dir, 'dist/mission-statement', edition, name);

const RTL = new Set(['he', 'ar']);
/** As for the single editions (test/pdf-text-layer.test.ts): the share of words pdf.js gives back intact. */
const FLOOR: Record<string, number> = { en: 99.5, he: 99.5, ar: 98, es: 99.5 };

describe.each([
  ['he-ar-en', ['he', 'ar', 'en']],
  ['en-es', ['en', 'es']],
])('the %s edition of the shipped statement, read with pdf.js', (edition, languages) => {
  let rows: PdfCell[][];
  let written: ReturnType<typeof htmlRows>;
  let pages: number;
  let pageHeight: number;
  let parts: EditionPdf['parts'];
  beforeAll(async () => {
    written = htmlRows(await readFile(file(shipped, edition, 'index.html'), 'utf8'));
    const pdf = await readEditionPdf(file(shipped, edition, `mission-statement.${edition}.pdf`));
    pages = pdf.pages;
    pageHeight = pdf.pageHeight;
    parts = pdf.parts;
    rows = matchCells(written, pdf);
  });

  it('has every passage in every language, in the edition order, each tagged with its language', () => {
    expect(rows.length).toBe(written.length);
    expect(rows.length).toBeGreaterThanOrEqual(9);
    // The structure's Divs as pdf.js reads them, page by page: one per cell (no passage is split),
    // each with its language's /Lang (or the document's, for the first language).
    expect(parts.map((p) => p.lang)).toEqual(written.flatMap(() => languages));
  });

  it('starts each passage on the same baseline in every column, within 2 pt', () => {
    const worst = Math.max(...rows.map((row) => spread(row.map((c) => firstBaseline(c.parts[0]!)))));
    console.log(`${edition}: ${rows.length} passages on ${pages} pages; largest spread of first baselines ${worst.toFixed(2)} pt`);
    for (const row of rows) {
      expect(new Set(row.map((c) => c.parts[0]!.page)).size).toBe(1);
      expect(spread(row.map((c) => firstBaseline(c.parts[0]!)))).toBeLessThanOrEqual(2);
    }
  });

  it('takes no more pages than its passages need', async () => {
    // The rows' heights (each the tallest of its cells) added up must not fit on one page fewer.
    const css = await readFile(file(shipped, edition, 'print.css'), 'utf8');
    const [top, , bottom] = /margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm/.exec(css)!.slice(1).map((mm) => (Number(mm) * 72) / 25.4);
    const body = pageHeight - top! - bottom!;
    const needed = rows.reduce((sum, row) => sum + Math.max(...row.map((cell) => cellHeight(cell))), 0);
    console.log(`${edition}: ${pages} pages; its passages are ${needed.toFixed(0)} pt tall, a page holds ${body.toFixed(0)} pt`);
    expect(needed).toBeGreaterThan((pages - 1) * body);
  });

  it('splits no passage across pages', () => {
    for (const row of rows) for (const cell of row) expect(new Set(cell.parts.map((p) => p.page))).toEqual(new Set([cell.parts[0]!.page]));
  });

  it('gives each column back in its own direction, its words intact', () => {
    for (const [c, lang] of languages.entries()) {
      const cells = rows.map((row) => row[c]!);
      for (const cell of cells) {
        const items = cell.parts.flatMap((p) => p.items).filter((i) => /\p{L}/u.test(i.str));
        const rtl = items.filter((i) => i.dir === 'rtl').length / items.length;
        if (RTL.has(lang)) expect(rtl).toBeGreaterThan(0.9);
        else expect(rtl).toBe(0);
      }
      // Case aside: the organisation is set in capitals by CSS.
      const extracted = cells.map((cell) => cell.parts.map((p) => textOf(p.items)).join('\n')).join('\n').toLowerCase();
      const share = wordShare(written.map((row) => row[c]!.text).join('\n').toLowerCase(), extracted);
      console.log(`${edition} ${lang}: pdf.js gives back ${share.intact} of ${share.total} words intact (${percent(share).toFixed(1)} %)${share.missing.length ? `; missed: ${share.missing.join(' ')}` : ''}`);
      expect(percent(share)).toBeGreaterThanOrEqual(FLOOR[lang]!);
    }
  });

});

/** From the top of a cell's first line to the foot of its last, on one page. */
function cellHeight(cell: PdfCell): number {
  const items = cell.parts.flatMap((p) => p.items).filter((i) => i.str.trim());
  return Math.max(...items.map((i) => i.y + i.height * 0.8)) - Math.min(...items.map((i) => i.y - i.height * 0.2));
}

describe('a passage taller than a page', () => {
  let rows: PdfCell[][];
  beforeAll(async () => {
    // The first paragraph five times over, in every language: about a page and a half in each column.
    const dir = await makeProject();
    const KEY = 'who-we-are';
    for (const lang of ['he', 'ar', 'es', 'fr']) {
      const path = join(dir, `translations/${lang}.yaml`);
      const yaml = parse(await readFile(path, 'utf8'));
      const entry = yaml.statements['mission-statement'][KEY];
      const english = entry.source;
      entry.source = Array(5).fill(english).join(' ');
      entry.text = Array(5).fill(entry.text).join(' ');
      await writeFile(path, stringify(yaml));
      if (lang === 'he') {
        const md = join(dir, 'statements/mission-statement.md');
        const text = await readFile(md, 'utf8');
        const start = text.indexOf('The International Progressive Jewish network comprises');
        const end = text.indexOf(`<!-- #${KEY} -->`);
        await writeFile(md, text.slice(0, start) + entry.source + ' ' + text.slice(end));
      }
    }
    const result = await runCli(['build', '--format', 'html,pdf', '--lang', 'he-ar-en'], dir, { PATH: process.env.PATH });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('warning');
    rows = matchCells(htmlRows(await readFile(file(dir, 'he-ar-en', 'index.html'), 'utf8')), await readEditionPdf(file(dir, 'he-ar-en', 'mission-statement.he-ar-en.pdf')));
  });

  it('breaks in every column together, and the columns go on at the same baseline on the next page', () => {
    const long = rows[3]!;
    expect(long.map((c) => c.parts[0]!.page)).toEqual([1, 1, 1]);
    const continued = long.filter((c) => new Set(c.parts.map((p) => p.page)).size > 1);
    expect(continued.length).toBeGreaterThanOrEqual(2);
    for (const cell of continued) expect([...new Set(cell.parts.map((p) => p.page))]).toEqual([1, 2]);
    const tops = continued.map((c) => firstBaseline(c.parts.find((p) => p.page === 2)!));
    console.log(`the long passage goes on on page 2 in ${continued.map((c) => c.lang).join(', ')}; first baselines there ${tops.map((t) => t.toFixed(1)).join(', ')} pt`);
    expect(spread(tops)).toBeLessThanOrEqual(2);
  });

  it('splits no other passage', () => {
    for (const row of [...rows.slice(0, 3), ...rows.slice(4)]) for (const cell of row) expect(new Set(cell.parts.map((p) => p.page)).size).toBe(1);
  });
});

describe('a stacked edition (A5)', () => {
  let dir: string;
  beforeAll(async () => {
    const config = (await readFile(join(REPO, 'broadside.yaml'), 'utf8')).replace('paper: a4', 'paper: a5');
    dir = await makeProject({ 'broadside.yaml': config });
    const result = await runCli(['build', '--format', 'html,pdf', '--lang', 'he-ar-en'], dir, { PATH: process.env.PATH });
    expect(result.code, result.stderr).toBe(0);
  });

  it('follows each passage with its translations, each marked with its language and tagged with it', async () => {
    const html = await readFile(file(dir, 'he-ar-en', 'index.html'), 'utf8');
    expect(html).toContain('data-layout="stacked"');
    const pdf = await readEditionPdf(file(dir, 'he-ar-en', 'mission-statement.he-ar-en.pdf'));
    const rows = matchCells(htmlRows(html), pdf);
    for (const row of rows) expect(row.map((c) => c.lang)).toEqual(['he', 'ar', 'en']);
    // Below the title block, each cell is marked with the language's own name: printed, and left out
    // of the structure (it is aria-hidden: a screen reader is told the language by /Lang).
    const printed = await pdfjsText(file(dir, 'he-ar-en', 'mission-statement.he-ar-en.pdf'));
    // (English in capitals, as CSS sets it.)
    for (const name of ['עברית', 'العربية', 'ENGLISH']) expect(printed.match(new RegExp(`(?<=^|\\s)${name}(?=\\s)`, 'gu'))).toHaveLength(rows.length - 3);
    for (const row of rows) for (const cell of row) expect(textOf(cell.parts[0]!.items)).not.toMatch(/^\s*(עברית|العربية|English)\n/);
    // One under the other: each cell starts below the one before it (or on a later page).
    for (const row of rows) {
      for (let i = 1; i < row.length; i++) {
        const [a, b] = [row[i - 1]!.parts[0]!, row[i]!.parts[0]!];
        expect(b.page > a.page || firstBaseline(b) < firstBaseline(a)).toBe(true);
      }
    }
    console.log(`stacked he-ar-en on A5: ${pdf.pages} pages`);
  });
});

function spread(values: number[]): number {
  return Math.max(...values) - Math.min(...values);
}
