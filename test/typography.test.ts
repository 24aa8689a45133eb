import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typesetHtml } from '../src/render/typeset.js';
// @ts-expect-error the layout check is plain JavaScript, run by itself as well (node test/layout/layout-check.js)
import { htmlText, measureEdition } from './layout/layout-check.js';
import { makeProject, readText, REPO, runCli } from './helpers.js';

const SHY = '\u00AD';
const LANGS = ['en', 'he', 'ar', 'es', 'fr'] as const;
const LATIN = new Set(['en', 'es', 'fr']);

describe('typesetting of text nodes', () => {
  const set = (html: string, lang: string, dir: 'ltr' | 'rtl' = 'ltr'): string => typesetHtml(html, lang, dir, { hyphenate: true });

  it('hyphenates prose with the language patterns, at least two letters before a break and three after', () => {
    expect(set('the organizations cooperate here', 'en')).toBe(`the or${SHY}ga${SHY}ni${SHY}za${SHY}tions <span class="nobreak">cooperate here</span>`);
    expect(set('organisation existentielle à voir', 'fr')).toContain(`exis${SHY}ten${SHY}tielle`);
    expect(set('organizaciones, y más cosas', 'es')).toContain(`or${SHY}ga${SHY}ni${SHY}za${SHY}cio${SHY}nes`);
  });

  it('keeps the break points of names inside a name span no line breaks in; leaves numbers, addresses, code and headings alone', () => {
    expect(set('International Jerusalem NATO', 'en')).toBe(`<span class="name">In${SHY}ter${SHY}na${SHY}tional</span> <span class="nobreak">Jerusalem NATO</span>`);
    const html = '1948 www.example.org ab@example.org <code>internationalization</code> x y';
    expect(set(html, 'en')).not.toContain(SHY);
    expect(typesetHtml('internationalization', 'en', 'ltr', { hyphenate: false })).toBe('internationalization');
  });

  it('never splits a Spanish compound, breaks an English or French one only at its hyphen, never a name', () => {
    expect(set('conflicto israelí-palestino hoy sí', 'es')).toContain('<span class="nobreak">israelí-palestino</span>');
    expect(set('ultra-nationalism is here', 'en')).toContain('ultra-nationalism');
    expect(set('aux États-Unis et ailleurs', 'fr')).toContain('<span class="nobreak">États-Unis</span>');
  });

  it('keeps Hebrew maqaf compounds whole and isolates identifiers in right-to-left text', () => {
    expect(set('הדו־קיום בין ערבים ליהודים', 'he', 'rtl')).toContain('<span class="nobreak">הדו־קיום</span>');
    expect(set('החלטה 217 A (III) של האו״ם', 'he', 'rtl')).toContain('<span dir="ltr" class="nobreak">217 A (III)</span>');
    expect(set('قرار 217 A (III) للأمم', 'ar', 'rtl')).toContain('<span dir="ltr" class="nobreak">217 A (III)</span>');
  });

  it('hyphenates German nouns, which are all capitalised, as words rather than names', () => {
    expect(set('die Gerechtigkeit der Städte', 'de')).toContain(`Ge${SHY}rech${SHY}tig${SHY}keit`);
    expect(set('die Gerechtigkeit der Städte', 'de')).not.toContain('class="name"');
  });

  it('keeps the last two words together, letting a long first one break before its last syllable', () => {
    // Kept whole, the 40 characters would leave the line above them half empty.
    expect(set('für jede Stadt eine Hochwassergefahrenkarte veröffentlichen.', 'de')).toMatch(new RegExp(`eine Hoch${SHY}was${SHY}ser${SHY}ge${SHY}fah${SHY}ren${SHY}<span class="nobreak">karte veröffentlichen.</span>$`));
    // Short words, or a short pair, stay whole together.
    expect(set('is both a moral and an existential necessity.', 'en')).toMatch(/<span class="nobreak">existential necessity\.<\/span>$/);
    expect(set('une nécessité morale et existentielle.', 'fr')).toMatch(/<span class="nobreak">et existentielle\.<\/span>$/);
  });

  it('does not hyphenate inside entities or tags', () => {
    expect(set('<em>internationally</em> &amp; elsewhere', 'en')).toBe(`<em>in${SHY}ter${SHY}na${SHY}tion${SHY}ally</em> <span class="nobreak">&amp; elsewhere</span>`);
  });
});

const projects: string[] = [];
afterAll(async () => {
  for (const dir of projects) await rm(dir, { recursive: true, force: true });
});

describe.each(['a4', 'letter'])('the shipped statement printed on %s', (paper) => {
  let project: string;
  let stderr: string;
  beforeAll(async () => {
    const config = (await readText(join(REPO, 'broadside.yaml'))).replace(/paper: a4/, `paper: ${paper}`);
    project = await makeProject({ 'broadside.yaml': config });
    projects.push(project);
    const result = await runCli(['build'], project, { PATH: process.env.PATH });
    expect(result.code).toBe(0);
    stderr = result.stderr;
  }, 180_000);
  const pdf = (lang: string): string => join(project, 'dist', `mission-statement/${lang}/mission-statement.${lang}.pdf`);

  it('reports every edition’s page count', () => {
    expect(stderr).toMatch(/; PDF pages: ar 1, en-es \d, en \d, es \d, fr \d, he-ar-en \d, he 1\n$/);
  });

  it.each(LANGS)('%s: a reading measure, no loose lines, no one-word last lines, whole words in the text layer', (lang) => {
    const m = measureEdition(pdf(lang));
    if (LATIN.has(lang)) {
      expect(m.charsPerLine.mean).toBeGreaterThanOrEqual(55);
      expect(m.charsPerLine.mean).toBeLessThanOrEqual(75);
      expect(m.hyphenationBreaks).toBeGreaterThan(0);
    }
    expect(m.looseLines).toEqual([]);
    expect(m.oneWordLastLines).toEqual([]);
    expect(m.pageEndHyphens).toEqual([]);
    // Justified (French, Spanish, Hebrew, Arabic), or ragged-right (English).
    if (lang === 'en') expect(m.ragDepthPt.mean).toBeGreaterThan(5);
    else expect(m.ragDepthPt.max).toBeLessThan(1);
    expect(m.brokenWords).toEqual([]);
    expect(m.softHyphensInText).toBe(0);
    if (lang === 'he' || lang === 'ar') expect(m.pages).toBe(1);
    if (m.pages > 1) expect(m.lastPageFull).toBeGreaterThanOrEqual(25);
  });

  it.each([...LATIN])('%s: pdf.js reads every word whole once line-end hyphens are rejoined', async (lang) => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(await readFile(pdf(lang))), verbosity: 0 }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      // The running head and page number (8 pt type) stand between a word broken across pages; skip them.
      for (const item of (await (await doc.getPage(i)).getTextContent()).items) if ('str' in item && Math.abs(item.transform[3]) > 8.25) text += item.str + (item.hasEOL ? '\n' : '');
      text += '\n';
    }
    await doc.destroy();
    // As a reader does: a line-end hyphen is dropped, unless the text has the hyphen (ultra-nationalism).
    const joined = text.replace(/(\p{Ll})-\n+(\p{Ll})/gu, '$1$2').replace(/\s+/g, ' ');
    const withHyphens = text.replace(/(\p{Ll})-\n+(\p{Ll})/gu, '$1-$2');
    expect(text).not.toContain(SHY);
    const html = await readFile(join(project, 'dist', `mission-statement/${lang}/index.html`), 'utf8');
    const words = (htmlText(html) as string).split(/[\s\p{P}]+/u).filter((w) => w.length > 3);
    const read = new Set([...joined.split(/[\s\p{P}]+/u), ...withHyphens.split(/[\s\p{P}]+/u)]);
    expect(words.filter((w) => !read.has(w))).toEqual([]);
  });
});

describe('fitting to pages', () => {
  it('keeps the least tightening that saves a page, and reports the pages', async () => {
    const { printJobs } = await import('../src/io/pdf.js');
    const { ConfigSchema } = await import('../src/config/schema.js');
    const config = ConfigSchema.parse({ languages: [{ code: 'en' }] });
    // A page 12 mm too tall for one A4 sheet at levels 0–1, short enough from level 2 on.
    const css = (level: number): string => `@page { size: A4; margin: 10mm; } div { height: ${level < 2 ? 289 : 270}mm; }`;
    const files = (path: string): string | undefined => (path === 'fit/page.html' ? '<!DOCTYPE html><html lang="en"><link rel="stylesheet" href="print.css"><div>text</div></html>' : path === 'fit/print.css' ? css(0) : undefined);
    const fitted: Array<[number, number]> = [];
    const metadata = { title: 't', author: '', subject: '', keywords: [], keywordSeparator: ', ', language: 'en', direction: 'ltr' as const, creator: 'test', date: new Date(0), outlineTitles: [] };
    const fit = { stylesheet: 'fit/print.css', levels: 4, gainPerLevel: 1 / 24, css, label: 'fit', onFitted: (pages: number, level: number) => void fitted.push([pages, level]) };
    const pdfs = await printJobs([{ output: 'fit.pdf', page: 'fit/page.html', files, marginText: '', metadata, fit }], { config, env: process.env, creator: 'test' });
    expect(fitted).toEqual([[1, 2]]);
    const { pageFill } = await import('../src/pdf/page-count.js');
    expect((await pageFill(pdfs.get('fit.pdf')!)).pages).toBe(1);
  });

  it('fails the build with a clear message when an edition cannot be fitted to its maxPages', async () => {
    const config = (await readText(join(REPO, 'broadside.yaml'))).replace('  - code: en\n', '  - code: en\n    maxPages: 1\n');
    const project = await makeProject({ 'broadside.yaml': config });
    projects.push(project);
    const result = await runCli(['build', '--lang', 'en', '--format', 'pdf'], project, { PATH: process.env.PATH });
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/mission-statement\/en\/mission-statement\.en\.pdf \(en\) takes 2 pages, more than its pdf\.maxPages of 1/);
    expect(result.stderr).toMatch(/allow more pages/);
  });
});

describe('a passage shown in English on Hebrew and Arabic pages', () => {
  let project: string;
  beforeAll(async () => {
    // Added to the English only: a paragraph with emphasis and a numbered list, untranslated everywhere.
    const statement = (await readText(join(REPO, 'statements/mission-statement.md'))).trimEnd() + '\n\nWe *firmly* hold these aims: <!-- #aims -->\n\n1. Peace <!-- #aim-peace -->\n2. Justice <!-- #aim-justice -->\n';
    project = await makeProject({ 'statements/mission-statement.md': statement });
    projects.push(project);
    const result = await runCli(['build', '--lang', 'he,ar', '--format', 'html,pdf'], project, { PATH: process.env.PATH });
    expect(result.code, result.stderr).toBe(0);
  }, 180_000);
  const pdf = (lang: string): string => join(project, 'dist', `mission-statement/${lang}/mission-statement.${lang}.pdf`);

  it('sets its emphasis in italic, as English does, not in the page’s bold', () => {
    const fonts = execFileSync('pdffonts', [pdf('he')], { encoding: 'utf8' });
    expect(fonts).toContain('NotoSerif-Italic');
    expect(fonts).not.toContain('NotoSerif-BoldItalic');
  });

  it('numbers its list in the page’s numbering, beside the item as the page’s own numbers stand', async () => {
    const html = await readFile(join(project, 'dist/mission-statement/ar/index.html'), 'utf8');
    expect(html).toMatch(/<html [^>]*data-numbering="arab"/);
    expect(html).toContain('<li><div lang="en" dir="ltr" data-script="Latn" class="fallback"><strong class="fallback-note" lang="ar"');
    // Chromium writes list markers into the text layer that pdf.js reads (poppler leaves them out).
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(await readFile(pdf('ar'))), verbosity: 0 }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) for (const item of (await (await doc.getPage(i)).getTextContent()).items) if ('str' in item) text += item.str;
    await doc.destroy();
    // A marker is a run of its own, which pdf.js gives in the order it is drawn: ".٢" on a right-to-left page.
    expect(text).toMatch(/\.١|١\./);
    expect(text).toMatch(/\.٢|٢\./);
    expect(text).not.toMatch(/\b[12]\./);
  });
});
