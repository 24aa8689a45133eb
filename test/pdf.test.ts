import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, readText, REPO, runCli, spawnCli } from './helpers.js';

const LANGS = ['en', 'he', 'ar', 'es', 'fr'] as const;
let project: string;

const pdfPath = (lang: string, out = 'dist'): string => join(project, out, `mission-statement/${lang}/mission-statement.${lang}.pdf`);
const poppler = (tool: string, ...args: string[]): string => execFileSync(tool, args, { encoding: 'utf8' });

beforeAll(async () => {
  project = await makeProject();
  const result = await runCli(['build'], project, { PATH: process.env.PATH });
  expect(result.stderr).toBe(`Wrote 19 files to ${join(project, 'dist')}; PDF pages: ar 1, en-es 2, en 2, es 2, fr 2, he-ar-en 2, he 1\n`);
  expect(result.code).toBe(0);
}, 120_000);

describe.each(LANGS)('the %s PDF', (lang) => {
  it('is A4 with one or two pages, tagged, in the right language', () => {
    const info = poppler('pdfinfo', pdfPath(lang));
    expect(info).toMatch(/Page size:\s+594\.96 x 841\.92 pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(1);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeLessThanOrEqual(2);
    expect(info).toMatch(/Tagged:\s+yes/);
  });

  it('embeds every font, none Type 3, all from the Noto families Broadside ships', () => {
    const rows = poppler('pdffonts', pdfPath(lang)).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [name, type] = row.split(/\s+/);
      expect(name).toMatch(/^[A-Z]{6}\+(NotoSerif|NotoSerifHebrew|Amiri)-(Regular|Bold|Italic|BoldItalic)$/);
      expect(type).not.toBe('Type');
      expect(row).toMatch(/ yes yes yes /);
    }
    const expected = { en: 'NotoSerif-', es: 'NotoSerif-', fr: 'NotoSerif-', he: 'NotoSerifHebrew-Bold', ar: 'Amiri-Bold' }[lang];
    expect(rows.join('\n')).toContain(expected);
  });

  it('has title, author, subject, keywords and the fixed date as metadata, and /Lang', async () => {
    const pdf = await PDFDocument.load(await readFile(pdfPath(lang)), { updateMetadata: false });
    expect(pdf.getTitle()).toBeTruthy();
    expect(pdf.getAuthor()).toBeTruthy();
    expect(pdf.getSubject()!.length).toBeGreaterThan(40);
    expect(pdf.getKeywords()!.split(lang === 'ar' ? '، ' : ', ').length).toBeGreaterThan(3);
    expect(pdf.getCreationDate()?.toISOString()).toBe('2020-02-11T00:00:00.000Z');
    const langEntry = pdf.catalog.get(PDFName.of('Lang'));
    expect(langEntry instanceof PDFString || langEntry instanceof PDFHexString ? langEntry.decodeText() : undefined).toBe(lang);
  });
});

const TITLES = { en: 'Mission Statement', he: 'הצהרת ייעוד', ar: 'بيان الرسالة', es: 'Declaración de misión', fr: 'Déclaration de mission' };

/** The tags of a PDF's structure tree (StructTreeRoot) in document order. */
function structureTags(pdf: PDFDocument): string[] {
  const tags: string[] = [];
  const visit = (node: unknown): void => {
    const value = node instanceof PDFRef ? pdf.context.lookup(node) : node;
    if (value instanceof PDFArray) for (const item of value.asArray()) visit(item);
    if (!(value instanceof PDFDict)) return;
    const tag = value.get(PDFName.of('S'));
    if (tag instanceof PDFName) tags.push(tag.decodeText());
    visit(value.get(PDFName.of('K')));
  };
  visit(pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).get(PDFName.of('K')));
  return tags;
}

describe.each(LANGS)('the structure of the %s PDF', (lang) => {
  it('is a tree of real tags with the title as its one H1, and the title as /Title', async () => {
    const pdf = await PDFDocument.load(await readFile(pdfPath(lang)), { updateMetadata: false });
    const tags = structureTags(pdf);
    expect(tags[0]).toBe('Document');
    expect(tags.filter((t) => t === 'H1')).toEqual(['H1']);
    expect(tags.filter((t) => t === 'P').length).toBeGreaterThanOrEqual(7);
    expect(pdf.getTitle()).toBe(TITLES[lang]);
  });
});

describe('headings in a statement', () => {
  it('are H2 (## in Markdown) under the title\'s H1 in the PDF structure', async () => {
    const statement = (await readText(join(REPO, 'statements/mission-statement.md'))).replace('\nWe believe in', '\n## Our values\n\nWe believe in');
    const withHeading = await makeProject({ 'statements/mission-statement.md': statement });
    expect((await runCli(['build', '--format', 'pdf', '--lang', 'en'], withHeading, { PATH: process.env.PATH })).code).toBe(0);
    const pdf = await PDFDocument.load(await readFile(join(withHeading, 'dist/mission-statement/en/mission-statement.en.pdf')));
    const headings = structureTags(pdf).filter((t) => /^H\d$/.test(t));
    expect(headings).toEqual(['H1', 'H2']);
  });
});

describe('PDF text', () => {
  it.each([
    ['en', 'Mission Statement'],
    ['he', 'הצהרת ייעוד'],
    ['he', 'הרשת היהודית הפרוגרסיבית הבין־לאומית מאגדת ארגונים יהודיים'],
    ['ar', 'بيان الرسالة'],
    ['es', 'Declaración de misión'],
    ['fr', 'Déclaration de mission'],
  ])('%s contains "%s" in logical order', (lang, phrase) => {
    const text = poppler('pdftotext', pdfPath(lang), '-').replace(/[\u200E\u200F\u202A-\u202E]/g, '');
    expect(text.replace(/\s+/g, ' ')).toContain(phrase);
  });

  it('numbers pages in the language’s own words and digits', () => {
    expect(poppler('pdftotext', pdfPath('he'), '-').replace(/[\u202A-\u202E]/g, '')).toMatch(/עמוד\s+1\s*מתוך\s+\d/);
    expect(poppler('pdftotext', pdfPath('ar'), '-')).toMatch(/[١٢]/);
    expect(poppler('pdftotext', pdfPath('fr'), '-')).toMatch(/Page 1 sur \d/);
    expect(poppler('pdftotext', pdfPath('es'), '-')).toMatch(/Página 1 de \d/);
    expect(poppler('pdftotext', pdfPath('en'), '-')).toMatch(/Page 1 of \d/);
  });

  // A print tab shows later editions in place of its first one; each must still get its own print stylesheet.
  it('runs each edition’s own head, with the organisation in the language', () => {
    expect(poppler('pdftotext', pdfPath('es'), '-')).toContain('Red Judía Progresista Internacional · Declaración de misión');
    expect(poppler('pdftotext', pdfPath('fr'), '-')).toMatch(/Réseau juif progressiste international · Déclaration de mission/i);
    expect(poppler('pdftotext', pdfPath('en'), '-')).toContain('International Progressive Jewish Network · Mission Statement');
  });
});

describe('PDF bookmarks', () => {
  it.each([
    ['he', 'הצהרת ייעוד'],
    ['ar', 'بيان الرسالة'],
  ])('keeps the words of %s heading titles in reading order', async (lang, title) => {
    const pdf = await PDFDocument.load(await readFile(pdfPath(lang)));
    const outlines = pdf.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const first = pdf.context.lookup(outlines.get(PDFName.of('First')) as PDFRef, PDFDict);
    expect((first.get(PDFName.of('Title')) as PDFHexString).decodeText()).toBe(title);
  });
});

describe('reproducibility', () => {
  it('gives byte-identical PDFs when built twice from the same input', async () => {
    const again = await runCli(['build', '--format', 'pdf', '--out', 'again'], project, { PATH: process.env.PATH });
    expect(again.code).toBe(0);
    for (const lang of LANGS) expect(Buffer.compare(await readFile(pdfPath(lang)), await readFile(pdfPath(lang, 'again')))).toBe(0);
  });

  it('takes the PDF dates from SOURCE_DATE_EPOCH when set', async () => {
    expect((await runCli(['build', '--format', 'pdf', '--lang', 'en', '--out', 'epoch'], project, { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '1700000000' })).code).toBe(0);
    expect(poppler('pdfinfo', '-isodates', pdfPath('en', 'epoch'))).toMatch(/CreationDate:\s+2023-11-14T22:13:20/);
  });
});

describe('paper', () => {
  it('prints US Letter with --paper letter', async () => {
    expect((await runCli(['build', '--format', 'pdf', '--lang', 'es', '--paper', 'letter', '--out', 'letter'], project, { PATH: process.env.PATH })).code).toBe(0);
    expect(poppler('pdfinfo', pdfPath('es', 'letter'))).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  });
});

describe('without a browser', () => {
  const noBrowser = { PATH: '/nonexistent', HOME: '/nonexistent' };

  it('stops PDF work with a distinct exit code and says how to get one', async () => {
    const result = await spawnCli(['build', '--out', 'nobrowser'], project, noBrowser);
    expect(result.code).toBe(7);
    expect(result.stderr).toContain('broadside browser --install');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('still builds HTML and text', async () => {
    const result = await spawnCli(['build', '--format', 'html,txt', '--out', 'nobrowser'], project, noBrowser);
    expect(result.code).toBe(0);
  });
});
