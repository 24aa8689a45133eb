import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';
import { actualText, parseOperations, type Operation } from './content-stream.js';
import { parseToUnicode, writeToUnicode } from './to-unicode.js';

/**
 * Mends the text layer Chromium writes, so that search, copy and screen readers get the words that
 * were written.
 *
 * Chromium gives each glyph of a font one ToUnicode entry, taken from the font's own cmap. Where
 * that is wrong for a cluster (a shaped Arabic letter, a base drawn apart from its dots, a mark, a
 * ligature) it wraps the cluster's glyphs in `/Span <</ActualText (text)>> BDC … EMC`. pdf.js
 * ignores ActualText, and poppler breaks words at every span. So each such cluster is re-encoded:
 * its first glyph gets a new character code that maps to the cluster's whole text, its other glyphs
 * codes that map to nothing, and the span is dropped. A new code draws the same glyph (through the
 * font's CIDToGIDMap) with the same width, so the page looks exactly as before.
 *
 * Whatever Chromium draws outside the structure (the running head and page numbers of CSS margin
 * boxes) is marked as an artifact, as PDF/UA asks.
 */
export function repairTextLayer(pdf: PDFDocument): void {
  const fonts = new Map<PDFRef, FontCodes>();
  for (const page of pdf.getPages()) {
    const contents = readContents(page);
    if (contents === undefined) continue;
    const rewritten = rewriteContent(contents, (name) => fontCodes(pdf, page, name, fonts));
    if (rewritten !== contents) writeContents(pdf, page, rewritten);
  }
  for (const font of fonts.values()) font.commit();
}

/** One two-byte font: its ToUnicode map, and the codes added for (glyph, text) pairs. */
interface FontCodes {
  /** The code that draws `glyph` and reads as `text`. */
  codeFor(glyph: number, text: string): number;
  /** Whether the glyph of this code moves the pen (marks and detached dots do not). */
  advances(code: number): boolean;
  commit(): void;
}

function rewriteContent(text: string, fontNamed: (name: string) => FontCodes | undefined): string {
  const operations = parseOperations(text);
  const edits: { start: number; end: number; replacement: string }[] = [];
  interface Glyph {
    font: FontCodes;
    code: number;
    /** Where its four hex digits are in the stream. */
    at: number;
  }
  interface Span {
    span: Operation;
    text: string;
    glyphs: Glyph[];
  }
  /** Open marked-content sequences: an ActualText span, Chromium's ReversedChars (right-to-left glyphs), or another. */
  const marked: (Span | 'reversed' | undefined)[] = [];
  let reversed = 0;
  let font: FontCodes | undefined;
  /** Where the drawing now under way began, when it is outside every marked-content sequence. */
  let untagged: number | undefined;
  let inText = false;
  const markArtifact = (start: number, end: number): void => void edits.push({ start, end: start, replacement: '/Artifact BMC\n' }, { start: end, end, replacement: '\nEMC' });
  for (const op of operations) {
    if (marked.length === 0) {
      if (op.operator === 'BT') inText = true;
      if (op.operator === 'ET') inText = false;
      if (untagged === undefined && (op.operator === 'BT' || (!inText && PATH_START.has(op.operator)))) untagged = op.start;
      if (untagged !== undefined && (op.operator === 'ET' || (!inText && PATH_END.has(op.operator)))) {
        if (op.operator !== 'n') markArtifact(untagged, op.end);
        untagged = undefined;
      }
      if (!inText && untagged === undefined && (op.operator === 'Do' || op.operator === 'sh')) markArtifact(op.start, op.end);
    }
    switch (op.operator) {
      case 'Tf': {
        const name = op.operands[0];
        font = name?.kind === 'name' ? fontNamed(name.value) : undefined;
        break;
      }
      case 'BDC': {
        const [tag, properties] = op.operands;
        const spanText = tag?.kind === 'name' && tag.value === 'Span' && properties?.kind === 'dict' ? actualText(properties.raw) : undefined;
        marked.push(spanText === undefined ? undefined : { span: op, text: spanText, glyphs: [] });
        break;
      }
      case 'BMC': {
        const tag = op.operands[0];
        const isReversed = tag?.kind === 'name' && tag.value === 'ReversedChars';
        if (isReversed) reversed++;
        marked.push(isReversed ? 'reversed' : undefined);
        break;
      }
      case 'EMC': {
        const span = marked.pop();
        if (span === 'reversed') reversed--;
        if (!span || span === 'reversed' || span.glyphs.length === 0) break;
        const texts = clusterTexts(span.text, span.glyphs.map((g) => g.font.advances(g.code)), reversed > 0);
        span.glyphs.forEach((glyph, i) => {
          const code = glyph.font.codeFor(glyph.code, texts[i]!);
          if (code !== glyph.code) edits.push({ start: glyph.at, end: glyph.at + 4, replacement: code.toString(16).padStart(4, '0') });
        });
        edits.push({ start: span.span.start, end: span.span.end, replacement: '' }, { start: op.start, end: op.end, replacement: '' });
        break;
      }
      case 'Tj':
      case 'TJ':
      case "'":
      case '"': {
        const span = innermostSpan(marked);
        if (!span || !font) break;
        for (const hex of op.hexStrings) {
          for (let i = 0; i + 4 <= hex.value.length; i += 4) span.glyphs.push({ font, code: parseInt(hex.value.slice(i, i + 4), 16), at: hex.start + 1 + i });
        }
        break;
      }
    }
  }
  if (edits.length === 0) return text;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += text.slice(from, edit.start) + edit.replacement;
    from = edit.end;
  }
  return out + text.slice(from);
}

const PATH_START = new Set(['m', 're']);
const PATH_END = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);

function innermostSpan<T extends object>(stack: (T | 'reversed' | undefined)[]): T | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const entry = stack[i];
    if (entry && entry !== 'reversed') return entry;
  }
  return undefined;
}

/**
 * Shares a cluster's text among its glyphs (given in content order, visual for right-to-left runs):
 * each combining mark to a glyph that does not advance, when there are as many of each, and the
 * letters to the glyphs that advance — one each when the numbers match, else all to the first. A
 * glyph left over reads as nothing.
 */
export function clusterTexts(text: string, advances: boolean[], rightToLeft: boolean): string[] {
  const order = advances.map((_, i) => i);
  if (rightToLeft) order.reverse();
  const texts = advances.map(() => '');
  const chars = [...text];
  const marks = chars.filter((c) => /\p{M}/u.test(c));
  const letters = chars.filter((c) => !/\p{M}/u.test(c));
  const spacing = order.filter((i) => advances[i]);
  const nonSpacing = order.filter((i) => !advances[i]);
  const marksApart = marks.length > 0 && marks.length === nonSpacing.length;
  if (marksApart) marks.forEach((mark, k) => (texts[nonSpacing[k]!] = mark));
  const bases = marksApart ? letters : chars;
  const carriers = spacing.length > 0 ? spacing : order;
  if (carriers.length === bases.length) bases.forEach((c, k) => (texts[carriers[k]!] += c));
  else texts[carriers[0]!] += bases.join('');
  return texts;
}

function fontCodes(pdf: PDFDocument, page: PDFPage, name: string, fonts: Map<PDFRef, FontCodes>): FontCodes | undefined {
  const ref = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict)?.get(PDFName.of(name));
  if (!(ref instanceof PDFRef)) return undefined;
  let codes = fonts.get(ref);
  if (!codes) {
    const made = makeFontCodes(pdf, pdf.context.lookup(ref, PDFDict));
    if (!made) return undefined;
    fonts.set(ref, (codes = made));
  }
  return codes;
}

/** Only Type 0 fonts with Identity-H encoding and an identity CIDToGIDMap: what Chromium writes. */
function makeFontCodes(pdf: PDFDocument, type0: PDFDict): FontCodes | undefined {
  if (type0.lookup(PDFName.of('Subtype')) !== PDFName.of('Type0') || type0.lookup(PDFName.of('Encoding')) !== PDFName.of('Identity-H')) return undefined;
  const cidFont = type0.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict);
  const toUnicodeRef = type0.get(PDFName.of('ToUnicode'));
  const toUnicodeStream = toUnicodeRef ? pdf.context.lookup(toUnicodeRef) : undefined;
  if (!cidFont || cidFont.lookup(PDFName.of('CIDToGIDMap')) !== PDFName.of('Identity') || !(toUnicodeRef instanceof PDFRef) || !(toUnicodeStream instanceof PDFRawStream)) return undefined;
  const toUnicode = parseToUnicode(Buffer.from(streamBytes(toUnicodeStream)).toString('latin1'));
  const widths = parseWidths(cidFont.lookupMaybe(PDFName.of('W'), PDFArray));
  const defaultWidth = cidFont.lookupMaybe(PDFName.of('DW'), PDFNumber)?.asNumber() ?? 1000;
  const firstNew = Math.max(0, ...toUnicode.keys(), ...widths.keys()) + 1;
  const added = new Map<string, number>();
  const glyphOf: number[] = [];
  return {
    advances: (code) => (widths.get(code) ?? defaultWidth) > 0,
    codeFor(glyph, text) {
      if (toUnicode.get(glyph) === text) return glyph;
      const key = `${glyph} ${text}`;
      let code = added.get(key);
      if (code === undefined) {
        code = firstNew + glyphOf.length;
        if (code > 0xffff) return glyph;
        glyphOf.push(glyph);
        added.set(key, code);
        toUnicode.set(code, text);
      }
      return code;
    },
    commit() {
      if (glyphOf.length === 0) return;
      const map = Buffer.alloc(2 * (firstNew + glyphOf.length));
      for (let cid = 0; cid < firstNew; cid++) map.writeUInt16BE(cid, 2 * cid);
      glyphOf.forEach((glyph, i) => map.writeUInt16BE(glyph, 2 * (firstNew + i)));
      cidFont.set(PDFName.of('CIDToGIDMap'), pdf.context.register(flateStream(pdf, map)));
      const w = cidFont.lookupMaybe(PDFName.of('W'), PDFArray) ?? pdf.context.obj([]);
      w.push(PDFNumber.of(firstNew));
      w.push(pdf.context.obj(glyphOf.map((glyph) => widths.get(glyph) ?? defaultWidth)));
      cidFont.set(PDFName.of('W'), w);
      pdf.context.assign(toUnicodeRef as PDFRef, flateStream(pdf, Buffer.from(writeToUnicode(toUnicode), 'latin1')));
    },
  };
}

/** A CIDFont's /W array: `c [w1 w2 …]` and `c_first c_last w` entries. */
function parseWidths(w: PDFArray | undefined): Map<number, number> {
  const widths = new Map<number, number>();
  if (!w) return widths;
  for (let i = 0; i < w.size(); ) {
    const first = (w.lookup(i) as PDFNumber).asNumber();
    const next = w.lookup(i + 1);
    if (next instanceof PDFArray) {
      for (let j = 0; j < next.size(); j++) widths.set(first + j, (next.lookup(j) as PDFNumber).asNumber());
      i += 2;
    } else {
      const last = (next as PDFNumber).asNumber();
      const width = (w.lookup(i + 2) as PDFNumber).asNumber();
      for (let cid = first; cid <= last; cid++) widths.set(cid, width);
      i += 3;
    }
  }
  return widths;
}

function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  if (filter === undefined) return stream.contents;
  if (filter === PDFName.of('FlateDecode')) return inflateSync(stream.contents);
  throw new Error(`unexpected stream filter ${String(filter)}`);
}

function flateStream(pdf: PDFDocument, bytes: Uint8Array): PDFRawStream {
  return pdf.context.stream(deflateSync(bytes), { Filter: 'FlateDecode' }) as unknown as PDFRawStream;
}

/** A page's content, as Latin-1 text; undefined when it is not one stream or an array of them. */
function readContents(page: PDFPage): string | undefined {
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents ? page.doc.context.lookup(contents) : undefined;
  const streams = resolved instanceof PDFArray ? resolved.asArray().map((ref) => page.doc.context.lookup(ref)) : [resolved];
  if (!streams.every((s): s is PDFRawStream => s instanceof PDFRawStream)) return undefined;
  return streams.map((s) => Buffer.from(streamBytes(s)).toString('latin1')).join('\n');
}

/** Replaces a page's content with one stream, in the place of the first it had (no orphaned objects). */
function writeContents(pdf: PDFDocument, page: PDFPage, text: string): void {
  const contents = page.node.get(PDFName.of('Contents'))!;
  const resolved = pdf.context.lookup(contents);
  const refs = resolved instanceof PDFArray ? resolved.asArray().filter((r): r is PDFRef => r instanceof PDFRef) : contents instanceof PDFRef ? [contents] : [];
  const stream = flateStream(pdf, Buffer.from(text, 'latin1'));
  const [first, ...rest] = refs;
  if (!first) {
    page.node.set(PDFName.of('Contents'), pdf.context.register(stream));
    return;
  }
  pdf.context.assign(first, stream);
  page.node.set(PDFName.of('Contents'), first);
  for (const ref of rest) pdf.context.delete(ref);
}
