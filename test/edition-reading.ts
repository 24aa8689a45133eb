import { readFile } from 'node:fs/promises';
import { words } from './pdf-reading.js';

/** One language's cell of a passage, as the edition's HTML has it. */
export interface HtmlCell {
  lang: string;
  text: string;
}

/** The cells of a parallel edition's page, row by row, in document order. */
export function htmlRows(html: string): HtmlCell[][] {
  const article = html.slice(html.indexOf('<article>'), html.indexOf('</article>'));
  return article
    .split('<div class="passage"')
    .slice(1)
    .map((row) =>
      row
        .split('<div class="cell"')
        .slice(1)
        .map((cell) => ({
          lang: /\blang="([^"]+)"/.exec(cell)![1]!,
          text: decode(cell.replace(/<p class="language-mark"[^>]*>[^<]*<\/p>/, '').replace(/^[^>]*>/, '').replace(/<[^>]+>/g, ' ')),
        })),
    );
}

function decode(text: string): string {
  // Soft hyphens are break points, not text.
  return text.replace(/\u00ad/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** A text item pdf.js read, with where it stands. */
export interface PdfItem {
  str: string;
  dir: string;
  /** Baseline, in points from the foot of the page. */
  y: number;
  height: number;
  hasEOL: boolean;
}

/** A piece of one cell (a structure Div with a language) on one page. */
export interface PdfCellPart {
  page: number;
  lang: string;
  items: PdfItem[];
}

export interface EditionPdf {
  pages: number;
  /** Height of each page, in points. */
  pageHeight: number;
  /** Every cell's parts in structure order, page by page. */
  parts: PdfCellPart[];
}

interface StructNode {
  role?: string;
  lang?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/**
 * Reads a parallel edition's PDF with pdf.js: its structure tree (each cell is a Div with its
 * language, inherited from the document's when it is the same) and the text items of each cell,
 * matched through their marked-content ids.
 */
export async function readEditionPdf(path: string): Promise<EditionPdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(await readFile(path)), disableFontFace: true, verbosity: 0 }).promise;
  const parts: PdfCellPart[] = [];
  let pageHeight = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    pageHeight = page.view[3]! - page.view[1]!;
    const content = await page.getTextContent({ includeMarkedContent: true });
    const byId = new Map<string, PdfItem[]>();
    const open: (string | null)[] = [];
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push((item as { id?: string | null }).id ?? null);
        else if (item.type === 'endMarkedContent') open.pop();
        continue;
      }
      const id = [...open].reverse().find((x) => x);
      if (!id) continue;
      if (!byId.has(id)) byId.set(id, []);
      byId.get(id)!.push({ str: item.str, dir: item.dir, y: item.transform[5], height: item.height, hasEOL: item.hasEOL });
    }
    const tree = (await page.getStructTree()) as StructNode;
    const visit = (node: StructNode, lang: string | undefined): void => {
      const own = node.lang ?? lang;
      if (node.role === 'Div') {
        const items: PdfItem[] = [];
        const collect = (n: StructNode): void => {
          if (n.type === 'content' && n.id) items.push(...(byId.get(n.id) ?? []));
          n.children?.forEach(collect);
        };
        collect(node);
        if (items.some((i) => i.str.trim())) parts.push({ page: n, lang: own!, items });
        return;
      }
      node.children?.forEach((child) => visit(child, own));
    };
    visit(tree, undefined);
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, pageHeight, parts };
}

/** A cell of the PDF: its parts on every page it reaches. */
export interface PdfCell {
  lang: string;
  parts: PdfCellPart[];
}

/**
 * Puts the PDF's cell parts back into the HTML's rows: a part that does not begin with the words of
 * the next cell expected continues its language's cell from the page before.
 */
export function matchCells(rows: HtmlCell[][], pdf: EditionPdf): PdfCell[][] {
  const expected = rows.flatMap((row, r) => row.map((cell, c) => ({ r, c, cell })));
  const out: PdfCell[][] = rows.map((row) => row.map((cell) => ({ lang: cell.lang, parts: [] })));
  let next = 0;
  const last = new Map<string, PdfCell>();
  for (const part of pdf.parts) {
    const want = expected[next];
    const begins = want && want.cell.lang === part.lang && startsWith(textOf(part.items), want.cell.text);
    if (begins) {
      const cell = out[want.r]![want.c]!;
      cell.parts.push(part);
      last.set(part.lang, cell);
      next++;
    } else {
      const cell = last.get(part.lang);
      if (!cell) throw new Error(`a part of the PDF on page ${part.page} (${part.lang}) continues no cell: ${textOf(part.items).slice(0, 60)}`);
      cell.parts.push(part);
    }
  }
  if (next !== expected.length) throw new Error(`only ${next} of ${expected.length} cells were found in the PDF`);
  return out;
}

function startsWith(extracted: string, written: string): boolean {
  // Case aside (the organisation is set in capitals by CSS), and in any order: pdf.js gives the items
  // of a line that mixes directions (a date in a Hebrew line) in the order they are drawn.
  const [a, b] = [words(extracted.toLowerCase()).slice(0, 6), words(written.toLowerCase()).slice(0, 2)];
  return b.length > 0 && b.every((word) => a.includes(word));
}

/** A cell part's text as pdf.js gives it to search and copy. */
export function textOf(items: readonly PdfItem[]): string {
  return items.map((i) => i.str + (i.hasEOL ? '\n' : '')).join('');
}

/** Baseline of the part's first line: the highest baseline of its items (PDF y grows upwards). */
export function firstBaseline(part: PdfCellPart): number {
  return Math.max(...part.items.filter((i) => i.str.trim()).map((i) => i.y));
}
