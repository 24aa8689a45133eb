import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFPage } from 'pdf-lib';
import { parseOperations } from './content-stream.js';
import { parseToUnicode } from './to-unicode.js';

/**
 * The lines of body text that end in a hyphen, in reading order (pages top to bottom, left-to-right
 * text), each with whether it is the last line of a page that has another after it. Read from a PDF
 * as Chromium writes it (before it is finished): glyphs placed by `Tm` and `Td` in two-byte fonts
 * whose ToUnicode maps say what they read as. Body text is the commonest font size.
 */
export async function lineEndHyphens(bytes: Uint8Array): Promise<{ pageEnd: boolean }[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = pdf.getPages();
  if (pages.length < 2) return [];
  const maps = new Map<PDFRef | PDFDict, Map<number, string>>();
  const perPage = pages.map((page) => pageLines(page, maps));
  const sizes = new Map<number, number>();
  for (const lines of perPage) for (const line of lines) sizes.set(line.size, (sizes.get(line.size) ?? 0) + line.glyphs);
  const body = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0];
  const result: { pageEnd: boolean }[] = [];
  perPage.forEach((lines, p) => {
    const bodyLines = lines.filter((l) => l.size === body).sort((a, b) => a.y - b.y);
    bodyLines.forEach((line, k) => {
      if (line.endsWithHyphen) result.push({ pageEnd: k === bodyLines.length - 1 && p < pages.length - 1 });
    });
  });
  return result;
}

interface TextLine {
  y: number;
  size: number;
  glyphs: number;
  endsWithHyphen: boolean;
}

const HYPHENS = new Set(['-', '\u00AD', '\u2010', '\u2011']);

/** The page's lines of text: glyphs grouped by baseline and size, with what their last glyph reads as. */
function pageLines(page: PDFPage, maps: Map<PDFRef | PDFDict, Map<number, string>>): TextLine[] {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  const toUnicode = (name: string): Map<number, string> => {
    const ref = fonts?.get(PDFName.of(name));
    const font = ref instanceof PDFRef ? page.doc.context.lookup(ref, PDFDict) : ref instanceof PDFDict ? ref : undefined;
    const key = ref instanceof PDFRef ? ref : font;
    if (!font || !key) return new Map();
    let map = maps.get(key);
    if (!map) {
      const stream = font.lookup(PDFName.of('ToUnicode'));
      map = stream instanceof PDFRawStream ? parseToUnicode(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')) : new Map();
      maps.set(key, map);
    }
    return map;
  };
  const lines = new Map<string, { y: number; size: number; glyphs: number; lastX: number; last: string; before: string }>();
  let font = new Map<number, string>();
  let size = 0;
  let lineX = 0;
  let lineY = 0;
  let x = 0;
  let y = 0;
  for (const op of parseOperations(contentOf(page))) {
    const n = (i: number): number => {
      const o = op.operands[i];
      return o?.kind === 'number' ? o.value : 0;
    };
    if (op.operator === 'Tf') {
      const name = op.operands[0];
      font = name?.kind === 'name' ? toUnicode(name.value) : new Map();
      size = Math.round(n(1) * 100) / 100;
    } else if (op.operator === 'Tm') {
      [lineX, lineY] = [n(4), n(5)];
      [x, y] = [lineX, lineY];
    } else if (op.operator === 'Td') {
      [x, y] = [lineX + n(0), lineY + n(1)];
      [lineX, lineY] = [x, y];
    } else if (op.operator === 'Tj' && op.hexStrings.length === 1) {
      const hex = op.hexStrings[0]!.value;
      const key = `${size}:${Math.round(y)}`;
      const line = lines.get(key) ?? { y, size, glyphs: 0, lastX: -Infinity, last: '', before: '' };
      lines.set(key, line);
      for (let i = 0; i + 4 <= hex.length; i += 4) {
        const text = font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
        line.glyphs++;
        if (x < line.lastX) continue;
        // What the hyphen follows: the last glyph that reads as something (Chromium draws an empty one beside it).
        if (line.last.trim() !== '') line.before = line.last;
        [line.lastX, line.last] = [x, text];
      }
    }
  }
  return [...lines.values()].map((l) => ({ y: l.y, size: l.size, glyphs: l.glyphs, endsWithHyphen: HYPHENS.has(l.last) && /\p{L}$/u.test(l.before) }));
}

function contentOf(page: PDFPage): string {
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs
    .map((ref) => page.doc.context.lookup(ref))
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
    .map((s) => Buffer.from(decodePDFRawStream(s).decode()).toString('latin1'))
    .join('\n');
}
