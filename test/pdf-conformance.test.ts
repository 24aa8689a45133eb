import { readFile, rm, writeFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, REPO, runCli } from './helpers.js';

/**
 * The machine-checkable points of PDF/UA-1 that Broadside answers for, read back from every PDF it
 * writes (docs/typography.md lists the Matterhorn checkpoints covered and those not).
 */
const EDITIONS = { en: 'ltr', he: 'rtl', ar: 'rtl', es: 'ltr', fr: 'ltr', fa: 'rtl' } as const;
let project: string;

/** A passage left untranslated: Hebrew and Arabic show it in English, a heading, a paragraph with a link, a Hebrew name and emphasis, a list. */
const UNTRANSLATED = `

## Taking part

Read the [network’s charter](https://example.org/charter) ([אמנת הרשת]{lang=he}) and *write to us*. We ask members to:

- sign the **statement** in their own name;
- share it with their communities.
`;

/** A name left in English inside a Spanish and a Hebrew paragraph, marked with the inline language syntax. */
const INLINE_ENGLISH: Record<string, [string, string]> = {
  es: ['Canadá, Europa,', 'Canadá, Europa ([Europe]{lang=en}),'],
  he: ['מאירופה,', 'מאירופה ([Europe]{lang=en}),'],
};

beforeAll(async () => {
  project = await makeProject();
  const statement = join(project, 'statements/mission-statement.md');
  await writeFile(statement, (await readFile(statement, 'utf8')) + UNTRANSLATED);
  const added = await runCli(['add-lang', 'fa'], project);
  expect(added.code, added.stderr).toBe(0);
  await writeFile(join(project, 'translations/fa.yaml'), await readFile(join(REPO, 'test/fixtures/persian/fa.yaml'), 'utf8'));
  for (const [lang, [plain, marked]] of Object.entries(INLINE_ENGLISH)) {
    const file = join(project, `translations/${lang}.yaml`);
    const yaml = await readFile(file, 'utf8');
    expect(yaml).toContain(plain);
    await writeFile(file, yaml.replace(plain, marked));
  }
  const build = await runCli(['build', '--format', 'pdf'], project, { PATH: process.env.PATH });
  expect(build.code, build.stderr).toBe(0);
  const review = await runCli(['review', 'he'], project, { PATH: process.env.PATH });
  expect(review.code, review.stderr).toBe(0);
}, 240_000);

afterAll(() => rm(project, { recursive: true, force: true }));

const load = async (path: string): Promise<PDFDocument> => PDFDocument.load(await readFile(join(project, path)), { updateMetadata: false });
const text = (value: unknown): string => (value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : '');

function contentOf(pdf: PDFDocument): string {
  return pdf
    .getPages()
    .map((page) => {
      const stream = page.node.lookup(PDFName.of('Contents')) as PDFRawStream;
      return Buffer.from(inflateSync(stream.contents)).toString('latin1');
    })
    .join('\n');
}

const PDFS: [string, string, 'ltr' | 'rtl'][] = [
  ...Object.entries(EDITIONS).map(([lang, dir]): [string, string, 'ltr' | 'rtl'] => [`mission-statement/${lang}`, `dist/mission-statement/${lang}/mission-statement.${lang}.pdf`, dir]),
  ['the Hebrew review pack', 'review/he.pdf', 'ltr'],
];

describe.each(PDFS)('PDF/UA essentials of %s', (_, path, dir) => {
  it('has XMP metadata with the PDF/UA identifier, title, language and the document’s dates', async () => {
    const pdf = await load(path);
    const stream = pdf.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
    expect(stream.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('XML'));
    const xmp = Buffer.from(stream.contents).toString('utf8');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    const lang = text(pdf.catalog.get(PDFName.of('Lang')));
    expect(lang).toMatch(/^[a-z]{2}/);
    expect(xmp).toContain(`<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`);
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${pdf.getTitle()!.replace(/&/g, '&amp;')}</rdf:li>`);
    const date = pdf.getCreationDate()!.toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(xmp).toContain(`<xmp:CreateDate>${date}</xmp:CreateDate>`);
    expect(xmp).toContain(`<xmp:ModifyDate>${date}</xmp:ModifyDate>`);
  });

  it('shows its title in the window, is marked tagged, and reads in its direction', async () => {
    const pdf = await load(path);
    const prefs = pdf.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(prefs.get(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
    expect(prefs.get(PDFName.of('Direction'))).toBe(dir === 'rtl' ? PDFName.of('R2L') : undefined);
    expect(pdf.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))).toBe(PDFBool.True);
    expect(pdf.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
  });

  it('leaves no drawing outside the structure or an artifact', async () => {
    const content = contentOf(await load(path));
    let depth = 0;
    let untaggedText = 0;
    for (const [, op] of content.matchAll(/(?:^|[\s>\]])(BDC|BMC|EMC|Tj|TJ)(?=\s|$)/g)) {
      if (op === 'BDC' || op === 'BMC') depth++;
      else if (op === 'EMC') depth--;
      else if (depth === 0) untaggedText++;
    }
    expect(untaggedText).toBe(0);
    // Rules and borders (the masthead's rule) are decorations: no tagged sequence draws only paths.
    const tagged = [...content.matchAll(/<<\s*\/MCID \d+\s*>>\s*BDC([\s\S]*?)\sEMC/g)].map((m) => m[1]!);
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.filter((body) => /\s(f|f\*|S|B)\s/.test(body) && !/\sTj\s|\sTj$/.test(body))).toEqual([]);
    expect(content).toMatch(/\/Artifact BMC/);
    // Chromium's ActualText spans are all gone; what is left gives poppler the marks of a word that
    // begins, as drawn, with them, as an artifact holding only combining marks.
    for (const [span] of content.matchAll(/[^\n]*\/ActualText[^\n]*/g)) {
      const marks = /^q \/Artifact BMC BT .* \/Span <<\/ActualText <FEFF([0-9a-f]+)> >> BDC <[0-9a-f]{4}> Tj EMC ET EMC Q$/i.exec(span);
      expect(marks, span).not.toBeNull();
      expect(Buffer.from(marks![1]!, 'hex').swap16().toString('utf16le')).toMatch(/^\p{M}+$/u);
    }
  });
});

describe.each(Object.keys(EDITIONS))('keywords of the %s edition', (lang) => {
  it('are separated as the language separates a list', async () => {
    const pdf = await load(`dist/mission-statement/${lang}/mission-statement.${lang}.pdf`);
    const keywords = pdf.getKeywords()!;
    expect(keywords).toMatch(['ar', 'fa'].includes(lang) ? /^[^,]+(، [^،]+)+$/ : /^[^،]+(, [^,]+)+$/);
    const xmp = Buffer.from((pdf.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream).contents).toString('utf8');
    expect(xmp).toContain(`<pdf:Keywords>${keywords}</pdf:Keywords>`);
  });
});

/** Every structure element under the root, with its type and /Lang, in document order. */
function structure(pdf: PDFDocument): { type: string; lang?: string; parentLang?: string; parentType?: string }[] {
  const out: { type: string; lang?: string; parentLang?: string; parentType?: string }[] = [];
  const visit = (value: unknown, parentLang: string | undefined, parentType?: string): void => {
    const resolved = value instanceof PDFRef ? pdf.context.lookup(value) : value;
    if (resolved instanceof PDFArray) for (const item of resolved.asArray()) visit(item, parentLang, parentType);
    if (!(resolved instanceof PDFDict)) return;
    const type = resolved.get(PDFName.of('S'));
    if (!(type instanceof PDFName)) return;
    const lang = text(resolved.get(PDFName.of('Lang'))) || undefined;
    out.push({ type: type.decodeText(), lang, parentLang, parentType });
    visit(resolved.get(PDFName.of('K')), lang ?? parentLang, type.decodeText());
  };
  visit(pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).get(PDFName.of('K')), undefined);
  return out;
}

describe.each(Object.keys(EDITIONS))('the structure of the %s edition', (lang) => {
  it('has headings, paragraphs, a list with its items, and links as structure', async () => {
    const types = new Set(structure(await load(`dist/mission-statement/${lang}/mission-statement.${lang}.pdf`)).map((e) => e.type));
    for (const type of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Link']) expect(types).toContain(type);
  });
});

describe.each(['he', 'ar'])('a passage shown in English in the %s edition', (lang) => {
  it('keeps its tags with /Lang en, and its note in the edition’s language', async () => {
    const elements = structure(await load(`dist/mission-statement/${lang}/mission-statement.${lang}.pdf`));
    expect(elements[0]).toMatchObject({ type: 'Document', lang });
    for (const type of ['H2', 'P']) expect(elements.filter((e) => e.type === type && e.lang === 'en').length, type).toBeGreaterThan(0);
    // A list item keeps the page's direction (its number stands with the others); the passage in it
    // is the item's one child, tagged /Lang en.
    expect(elements.filter((e) => (e.type === 'LI' && e.lang === 'en') || (e.parentType === 'LI' && e.lang === 'en')).length, 'LI').toBeGreaterThan(0);
    const notes = elements.filter((e) => e.type === 'Strong' && e.lang === lang);
    expect(notes.length).toBeGreaterThanOrEqual(3);
    expect(notes.every((note) => note.parentLang === 'en')).toBe(true);
  });
});

describe.each(Object.keys(INLINE_ENGLISH))('a name marked as English inside a paragraph of the %s edition', (lang) => {
  it('is a Span with /Lang en inside its paragraph, and the paragraph keeps the page’s language', async () => {
    const elements = structure(await load(`dist/mission-statement/${lang}/mission-statement.${lang}.pdf`));
    const spans = elements.filter((e) => e.type === 'Span' && e.lang === 'en');
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ parentType: 'P', parentLang: lang });
  });
});

describe.each(['en', 'ar'])('a Hebrew name marked inside the English passage of the %s edition', (lang) => {
  it('is tagged Span with /Lang he inside an English paragraph (one Span for each sequence Chromium draws it in)', async () => {
    const elements = structure(await load(`dist/mission-statement/${lang}/mission-statement.${lang}.pdf`));
    const spans = elements.filter((e) => e.type === 'Span' && e.lang === 'he');
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) expect(span).toMatchObject({ parentType: 'P', parentLang: 'en' });
  });
});
