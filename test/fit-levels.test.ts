import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { printFitted, type Printed, type PrintJob } from '../src/io/pdf.js';

/** A PDF of `pages` pages, the last one holding a tenth of the others' text. */
async function pdfOf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let n = 1; n <= pages; n++) pdf.addPage().drawText('text '.repeat(n === pages && pages > 1 ? 10 : 100), { x: 10, y: 700, size: 4 });
  return pdf.save({ useObjectStreams: false });
}

const STYLESHEET = 'statement/ar/print.css';

/** Fits a two-page edition whose levels print as `levels` says: pages and paragraphs set ragged, per level (0: as designed). */
async function fitted(levels: { pages: number; ragged: number }[]): Promise<{ level: number; pages: number; printed: number[] }> {
  const printed: number[] = [];
  let result = { level: -1, pages: 0 };
  const job: PrintJob = {
    output: 'statement/ar/statement.ar.pdf',
    page: 'statement/ar/index.html',
    files: (path) => (path === STYLESHEET ? 'level 0' : undefined),
    marginText: '',
    metadata: undefined as never,
    fit: { stylesheet: STYLESHEET, levels: levels.length - 1, gainPerLevel: 1 / 24, css: (level) => `level ${level}`, label: 'the Arabic edition', onFitted: (pages, level) => (result = { pages, level }) },
  };
  const print = async (shown: PrintJob): Promise<Printed> => {
    const level = Number(String(shown.files(STYLESHEET)).replace('level ', ''));
    printed.push(level);
    return { pdf: await pdfOf(levels[level]!.pages), raggedParagraphs: levels[level]!.ragged };
  };
  await printFitted(print, job);
  return { ...result, printed };
}

describe('fitting an edition to fewer pages', () => {
  it('keeps the least tightening that saves a page', async () => {
    const { level, pages } = await fitted([{ pages: 2, ragged: 0 }, { pages: 2, ragged: 0 }, { pages: 1, ragged: 0 }, { pages: 1, ragged: 0 }, { pages: 1, ragged: 0 }]);
    expect({ level, pages }).toEqual({ level: 2, pages: 1 });
  });

  it('does not count a level that saves a page by setting paragraphs ragged', async () => {
    const { level, pages, printed } = await fitted([{ pages: 2, ragged: 1 }, { pages: 1, ragged: 3 }, { pages: 1, ragged: 2 }, { pages: 1, ragged: 1 }, { pages: 1, ragged: 0 }]);
    expect({ level, pages }).toEqual({ level: 3, pages: 1 });
    expect(printed).toContain(2); // the first level tried (the last page's share says 2), and refused
  });

  it('keeps the design when every level that saves a page sets more paragraphs ragged', async () => {
    const { level, pages } = await fitted([{ pages: 2, ragged: 0 }, { pages: 1, ragged: 2 }, { pages: 1, ragged: 2 }, { pages: 1, ragged: 1 }, { pages: 1, ragged: 1 }]);
    expect({ level, pages }).toEqual({ level: 0, pages: 2 });
  });
});
