import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNull, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';
import { actualText, parseOperations, textToHex, type Operation } from './content-stream.js';
import { parseToUnicode, writeToUnicode } from './to-unicode.js';
import { markedElements } from './structure.js';

/**
 * Mends the text layer Chromium writes, so that search, copy and screen readers get the words that
 * were written.
 *
 * Chromium gives each glyph of a font one ToUnicode entry, taken from the font's own cmap. Where
 * that is wrong for a cluster (a shaped Arabic letter, a base drawn apart from its dots, a mark, a
 * ligature) it wraps the cluster's glyphs in `/Span <</ActualText (text)>> BDC … EMC`. pdf.js
 * ignores ActualText, and poppler breaks words at every span. So each such cluster is re-encoded:
 * its glyphs get new character codes whose ToUnicode entries share out the cluster's text, and the
 * span is dropped. A new code draws the same glyph through the font's CIDToGIDMap.
 *
 * Readers also split a word wherever a glyph ends short of the next one (Amiri kerns ر and و away
 * from the letter that follows, tucks و under a wide ك, and places marks off their base). Chromium
 * places every such glyph with its own `Td`, so the width a glyph declares does not move anything
 * drawn after it; where it is followed by a letter of the same word, its code gets the width that
 * ends exactly where that letter begins.
 *
 * Whatever Chromium draws outside the structure (the running head and page numbers of CSS margin
 * boxes) is marked as an artifact, as PDF/UA asks, and so is what it tags but only draws lines and
 * fills for (the masthead's rule, a fallback passage's bar).
 */
export function repairTextLayer(pdf: PDFDocument): { texts: PageTexts[]; notdef: string } {
  const fonts = new Map<PDFRef, FontCodes>();
  const texts: PageTexts[] = [];
  let notdef = '';
  for (const page of pdf.getPages()) {
    const contents = readContents(page);
    if (contents === undefined) {
      texts.push(new Map());
      continue;
    }
    // A page selects its fonts about a thousand times; look each name up in its resources once.
    const byName = new Map<string, FontCodes | undefined>();
    const fontNamed = (name: string): FontCodes | undefined => (byName.has(name) ? byName.get(name) : byName.set(name, fontCodes(pdf, page, name, fonts)).get(name));
    const { content, decorations, marked, missing } = rewriteContent(contents, fontNamed);
    notdef += missing;
    if (content !== contents) writeContents(pdf, page, content);
    if (decorations.length > 0) untagDecorations(pdf, page, decorations);
    texts.push(marked);
  }
  for (const font of fonts.values()) font.commit();
  return { texts, notdef: [...new Set(notdef)].join('') };
}

/** What each tagged sequence of a page reads as (its MCID → the text of its glyphs, in the order drawn). */
export type PageTexts = Map<number, string>;

/** One two-byte font: its ToUnicode map, its widths, and the codes added for (glyph, text, width). */
interface FontCodes {
  /** The code that draws `glyph`, reads as `text` and declares `width` (thousandths of the size). */
  codeFor(glyph: number, text: string, width: number): number;
  /** A code for a mark that reads as nothing to poppler and as `mark` to pdf.js: the mark's own character (see popplerMarks), or another if that is taken. */
  markCode(glyph: number, mark: string, width: number): number;
  /** What the code reads as today. */
  textOf(code: number): string | undefined;
  widthOf(code: number): number;
  commit(): void;
}

/** One glyph shown, where it is in the stream and on the line. */
interface Glyph {
  font: FontCodes;
  code: number;
  /** Where its four hex digits are in the stream. */
  at: number;
  /** Its text-space position, and font size. */
  x: number;
  y: number;
  size: number;
  /** The BT … ET block it is in; glyphs of a block share a line matrix. */
  block: number;
  /** A Td or Tm places whatever is drawn next, so this glyph's width moves nothing. */
  placedAfter: boolean;
  /** Drawn in a right-to-left run. */
  reversed: boolean;
  /** The tagged sequence it is drawn in. */
  mcid?: number;
  /** Where the operator that shows it ends in the stream. */
  opEnd: number;
  /** The font's resource name. */
  fontName: string;
  /** Its text, when an ActualText span said what it is. */
  text?: string;
}

/**
 * The page's content with its text layer mended, the sequences that only decorate, what each tagged
 * sequence reads as, and the text of every glyph drawn as .notdef (glyph 0, a font's empty box: no
 * font had the character).
 */
function rewriteContent(content: string, fontNamed: (name: string) => FontCodes | undefined): { content: string; decorations: number[]; marked: PageTexts; missing: string } {
  const operations = parseOperations(content);
  const edits: { start: number; end: number; replacement: string }[] = [];
  const glyphs: Glyph[] = [];
  interface Span {
    span: Operation;
    text: string;
    glyphs: Glyph[];
  }
  /** Open marked-content sequences: an ActualText span, Chromium's ReversedChars (right-to-left glyphs), or another. */
  const marked: (Span | 'reversed' | undefined)[] = [];
  let reversed = 0;
  /** Open sequences that belong to the structure (they carry an MCID), and what they draw. */
  const tagged: { op: Operation; mcid: number; depth: number; drawsText: boolean; drawsPath: boolean }[] = [];
  /** MCIDs of sequences that draw only lines and fills (rules, borders): decorations, made artifacts. */
  const decorations: number[] = [];
  let font: FontCodes | undefined;
  let fontName = '';
  /** Each text block's matrix, and where the block and the marked sequences around it end. */
  const blockMatrix = new Map<number, number[]>();
  const blockEnd = new Map<number, number>();
  /** Blocks ended, each with the depth of marked content to leave before it counts as ended (out of the tagged sequence it is in). */
  let closing: { block: number; depth: number }[] = [];
  let closeDepth = 0;
  let size = 0;
  let block = 0;
  /** Blocks whose text matrix is not a plain translation (or use spacing operators): left as they are. */
  const unusual = new Set<number>();
  let lineX = 0;
  let x = 0;
  let lineY = 0;
  /** Where the drawing now under way began, when it is outside every marked-content sequence. */
  let untagged: number | undefined;
  let inText = false;
  const markArtifact = (start: number, end: number): void => void edits.push({ start, end: start, replacement: '/Artifact BMC\n' }, { start: end, end, replacement: '\nEMC' });
  const placeNext = (): void => {
    const last = glyphs[glyphs.length - 1];
    if (last && last.block === block) last.placedAfter = true;
  };
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
      case 'BT':
        block++;
        closeDepth = tagged.length > 0 ? tagged[tagged.length - 1]!.depth : marked.length;
        lineX = x = lineY = 0;
        break;
      case 'Tf': {
        const name = op.operands[0];
        font = name?.kind === 'name' ? fontNamed(name.value) : undefined;
        fontName = name?.kind === 'name' ? name.value : '';
        size = numberOperand(op, 1);
        break;
      }
      case 'Tm':
        blockMatrix.set(block, op.operands.map((o) => (o.kind === 'number' ? o.value : NaN)));
        if (numberOperand(op, 0) !== 1 || numberOperand(op, 1) !== 0 || numberOperand(op, 2) !== 0) unusual.add(block);
        lineX = x = numberOperand(op, 4);
        lineY = numberOperand(op, 5);
        placeNext();
        break;
      case 'Td':
        lineX += numberOperand(op, 0);
        lineY += numberOperand(op, 1);
        x = lineX;
        placeNext();
        break;
      case 'TD':
      case 'T*':
      case 'Tc':
      case 'Tw':
      case 'Tz':
      case 'TJ':
      case "'":
      case '"':
        unusual.add(block);
        break;
      case 'BDC': {
        const [tag, properties] = op.operands;
        const spanText = tag?.kind === 'name' && tag.value === 'Span' && properties?.kind === 'dict' ? actualText(properties.raw) : undefined;
        const mcid = properties?.kind === 'dict' ? /\/MCID\s+(\d+)/.exec(properties.raw)?.[1] : undefined;
        if (mcid !== undefined) tagged.push({ op, mcid: Number(mcid), depth: marked.length, drawsText: false, drawsPath: false });
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
        if (tagged.length > 0 && tagged[tagged.length - 1]!.depth === marked.length) {
          const sequence = tagged.pop()!;
          if (sequence.drawsPath && !sequence.drawsText) {
            decorations.push(sequence.mcid);
            edits.push({ start: sequence.op.start, end: sequence.op.end, replacement: '/Artifact BMC' });
          }
        }
        if (!span || span === 'reversed') break;
        // A span with no glyph (Chromium leaves some at the end of a page) would add its text where nothing is drawn.
        edits.push({ start: span.span.start, end: span.span.end, replacement: '' }, { start: op.start, end: op.end, replacement: '' });
        const texts = clusterTexts(span.text, span.glyphs.map((g) => g.font.widthOf(g.code) > 0), reversed > 0);
        span.glyphs.forEach((glyph, i) => (glyph.text = texts[i]));
        break;
      }
    }
    if (op.operator === 'ET') closing.push({ block, depth: closeDepth });
    if (closing.length > 0 && marked.length <= closing[0]!.depth) {
      for (const ended of closing) if (marked.length <= ended.depth) blockEnd.set(ended.block, op.end);
      closing = closing.filter((ended) => !blockEnd.has(ended.block));
    }
    if (PATH_END.has(op.operator) && op.operator !== 'n') for (const sequence of tagged) sequence.drawsPath = true;
    if (op.operator === 'Do' || op.operator === 'sh') for (const sequence of tagged) sequence.drawsText = true;
    if (op.operator !== 'Tj' && op.operator !== 'TJ' && op.operator !== "'" && op.operator !== '"') continue;
    for (const sequence of tagged) sequence.drawsText = true;
    const span = innermostSpan(marked);
    for (const hex of op.hexStrings) {
      for (let i = 0; i + 4 <= hex.value.length; i += 4) {
        const code = parseInt(hex.value.slice(i, i + 4), 16);
        if (!font) continue;
        const glyph: Glyph = { font, code, at: hex.start + 1 + i, x, y: lineY, size, block, placedAfter: false, reversed: reversed > 0, mcid: tagged[tagged.length - 1]?.mcid, opEnd: op.end, fontName };
        glyphs.push(glyph);
        span?.glyphs.push(glyph);
        x += (font.widthOf(code) * size) / 1000;
      }
    }
  }
  const sequenceTexts: PageTexts = new Map();
  const marksFirst = new Map<number, MarksFirst>();
  glyphs.forEach((glyph, i) => {
    const found = glyph.font.widthOf(glyph.code) > 0 && glyph.placedAfter && isWordChar(glyphText(glyph)) && !unusual.has(glyph.block) ? wordDrawnFromItsMarks(glyphs, i) : undefined;
    if (found) marksFirst.set(i, found);
  });
  /** The codes of those words' marks, when each is one mark and its character is free as a code (popplerMarks). */
  const markCodes = new Map<number, number>();
  for (const word of marksFirst.values()) {
    const texts = word.marks.map((k) => glyphText(glyphs[k]!));
    if (!texts.every((t) => [...t].length === 1)) continue;
    const base = glyphs[word.base]!;
    const [matrix, at] = [blockMatrix.get(base.block), blockEnd.get(base.block)];
    if (!matrix || matrix.length !== 6 || matrix.some(Number.isNaN) || at === undefined) continue;
    const codes = word.marks.map((k, n) => glyphs[k]!.font.markCode(glyphs[k]!.code, texts[n]!, 0));
    if (codes.some((code, n) => code !== texts[n]!.codePointAt(0))) continue;
    word.marks.forEach((k, n) => markCodes.set(k, codes[n]!));
    // Poppler no longer sees the marks themselves, only the span that ends where the base begins.
    word.reach = base.x - MARK_FIRST_GAP * base.size;
    edits.push({ start: at, end: at, replacement: popplerMarks(base, glyphs[word.space]!, matrix, (base.reversed ? [...texts].reverse() : texts).join('').normalize('NFC')) });
  }
  let missing = '';
  glyphs.forEach((glyph, i) => {
    const text = lineEndText(glyph, glyphs[i - 1], glyphs[i + 1]);
    // Chromium's fonts have an identity CIDToGIDMap (see makeFontCodes): code 0 draws glyph 0.
    if (glyph.code === 0) missing += text;
    let width = glyph.font.widthOf(glyph.code);
    // A letter reaches the next letter, past any mark drawn between them (readers set marks aside
    // and measure from the letter before); a mark reaches whatever follows it.
    let next = glyphs[i + 1];
    if (width > 0) for (let j = i + 1; next && next.block === glyph.block && (next.font.widthOf(next.code) === 0 || glyphText(next) === ''); j++) next = glyphs[j + 1];
    const markFirst = marksFirst.get(i);
    if (markFirst) {
      width = Math.max(width, Math.round(((markFirst.reach - glyph.x) * 1000) / glyph.size));
    } else if (next && glyph.placedAfter && next.block === glyph.block && !unusual.has(glyph.block) && isWordChar(text) && isWordChar(next.text ?? next.font.textOf(next.code) ?? '')) {
      const gap = reachFor(glyph, glyphs[i + 1]!, next) - glyph.x - (width * glyph.size) / 1000;
      const change = Math.round((gap * 1000) / glyph.size);
      if (change !== 0 && Math.abs(gap) < MAX_GAP * glyph.size && width + change >= 0) width += change;
    }
    if (glyph.mcid !== undefined) sequenceTexts.set(glyph.mcid, (sequenceTexts.get(glyph.mcid) ?? '') + text);
    const code = markCodes.get(i) ?? glyph.font.codeFor(glyph.code, text, width);
    if (code !== glyph.code) edits.push({ start: glyph.at, end: glyph.at + 4, replacement: code.toString(16).padStart(4, '0') });
  });
  if (edits.length === 0) return { content, decorations, marked: sequenceTexts, missing };
  edits.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let from = 0;
  for (const edit of edits) {
    parts.push(content.slice(from, edit.start), edit.replacement);
    from = edit.end;
  }
  parts.push(content.slice(from));
  return { content: parts.join(''), decorations, marked: sequenceTexts, missing };
}

/**
 * What a glyph reads as. A hyphen that ends a line after a letter is one the text has
 * (anti-Semitism): poppler would take it for a break and drop it, so it reads as U+2010 HYPHEN,
 * which poppler keeps. A soft hyphen Chromium drew at a break reads as "-", which readers remove as
 * they rejoin the word.
 */
function lineEndText(glyph: Glyph, before: Glyph | undefined, after: Glyph | undefined): string {
  const text = glyph.text ?? glyph.font.textOf(glyph.code) ?? '';
  if ((text !== '-' && text !== '\u00ad') || glyph.reversed || !before || before.block !== glyph.block) return text;
  const endsLine = !after || Math.abs(after.y - glyph.y) > glyph.size / 2;
  const afterLetter = /^[\p{L}\p{M}]/u.test(before.text ?? before.font.textOf(before.code) ?? '');
  if (!endsLine || !afterLetter) return text;
  return text === '-' ? '\u2010' : '-';
}

const glyphText = (glyph: Glyph): string => glyph.text ?? glyph.font.textOf(glyph.code) ?? '';

function numberOperand(op: Operation, i: number): number {
  const operand = op.operands[i];
  return operand?.kind === 'number' ? operand.value : NaN;
}

/**
 * Where a letter followed by `next` (past any marks) should end: where `next` begins, unless a
 * single mark drawn between them sits further right, drawn before its base (تترسّخ). Poppler starts
 * a new word at a mark more than 0.1 em past the end of the letter before, so the letter reaches the
 * mark, when its base then comes back by less than the 0.2 em at which both readers start a new
 * word, and by more than the 0.1 em at which poppler takes it for a copy of the mark.
 */
function reachFor(glyph: Glyph, after: Glyph, next: Glyph): number {
  const isMark = after !== next && after.font.widthOf(after.code) === 0 && /^\p{M}/u.test(glyphText(after));
  if (!isMark || after.block !== glyph.block) return next.x;
  const back = (after.x - next.x) / glyph.size;
  return back > 0.11 && back < 0.18 ? after.x : next.x;
}

/** A word that, as drawn (left to right), begins with its marks: the last letter of a right-to-left word with marks on it (Persian هٔ, Arabic لٌّ). */
interface MarksFirst {
  /** Where the letter before the space should end. */
  reach: number;
  /** The glyphs of its marks, and of their base letter. */
  marks: number[];
  base: number;
  /** A space glyph before them (it draws nothing). */
  space: number;
}

/**
 * pdf.js measures the space before a word from the last glyph that is neither a space nor a mark,
 * so it would find one space before such a word's marks and another before their base, cutting the
 * marks off their letter. The letter before the space reaches to just short of the base instead:
 * pdf.js then finds one space, from the space glyph, and poppler still breaks the words at it.
 */
function wordDrawnFromItsMarks(glyphs: Glyph[], i: number): MarksFirst | undefined {
  const glyph = glyphs[i]!;
  let k = i + 1;
  while (glyphs[k]?.block === glyph.block && glyphText(glyphs[k]!) === ' ') k++;
  const mark = glyphs[k];
  const isMark = (g: Glyph | undefined): g is Glyph => g?.block === glyph.block && g.font === glyph.font && g.font.widthOf(g.code) === 0 && /^\p{M}/u.test(glyphText(g));
  if (k === i + 1 || !isMark(mark)) return undefined;
  const marks: number[] = [];
  while (isMark(glyphs[k])) marks.push(k++);
  const base = glyphs[k];
  if (base?.block !== glyph.block || base.font !== glyph.font || base.font.widthOf(base.code) === 0 || base.opEnd === glyphs[k - 1]!.opEnd) return undefined;
  // Nor past the first mark: poppler would take the two words for one.
  return { reach: Math.min(base.x - MARK_FIRST_GAP * glyph.size, mark.x - MARK_FIRST_GAP_POPPLER * glyph.size), marks, base: k, space: i + 1 };
}

/** How far short of that base the letter before the space ends, as a share of the font size: under the 0.102 at which pdf.js sees a space. */
const MARK_FIRST_GAP = 0.1;
/** How far short of the first mark, at least: poppler still sees a space there. */
const MARK_FIRST_GAP_POPPLER = 0.07;
/** How wide the marks given to poppler are, as a share of the font size: a word of their own that ends where their base begins, clear of the word before. */
const MARKS_WIDTH = 0.03;

/**
 * Poppler takes marks drawn above a word's last letter, before it, for a word of their own (raised,
 * or so close to the letter's start that it looks like a copy). So their glyphs read as nothing to
 * poppler (an empty ToUnicode entry) and as themselves to pdf.js (their code is their character,
 * which pdf.js reads where the entry is empty), and poppler gets them from an ActualText span, which
 * pdf.js ignores, around a glyph that draws nothing, on the base's line, ending where the base begins.
 * The span is drawn after the base's text block, as an artifact: pdf.js starts a new run of text at
 * every marked sequence, which would split the line.
 */
function popplerMarks(base: Glyph, space: Glyph, [a, b, c, d, e, f]: number[], marks: string): string {
  const width = Math.round(MARKS_WIDTH * 1000);
  const code = space.font.codeFor(space.code, '', width).toString(16).padStart(4, '0');
  const x = base.x - (width * base.size) / 1000 - e!;
  return `\nq /Artifact BMC BT /${base.fontName} ${num(base.size)} Tf ${[a, b, c, d, e, f].map((n) => num(n!)).join(' ')} Tm ${num(x)} ${num(base.y - f!)} Td /Span <</ActualText <FEFF${textToHex(marks)}> >> BDC <${code}> Tj EMC ET EMC Q`;
}

const num = (n: number): string => String(Math.round(n * 1e5) / 1e5);

/** Gaps and overlaps up to this share of the font size, between two letters, are kerning within a word: word spaces are glyphs of their own. */
const MAX_GAP = 0.3;

const isWordChar = (text: string): boolean => /^[\p{L}\p{M}\p{N}]/u.test(text);

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
 * Shares a cluster's text among its glyphs (given in content order, visual for right-to-left runs).
 * Combining marks go to the glyphs that do not advance: one each when there are as many, else all
 * to the first (a glyph that draws shadda and tanwin together). Letters go to the glyphs that
 * advance: one each when the numbers match, else all to the first. A glyph left over (a dot drawn
 * apart from its letter) reads as nothing.
 */
export function clusterTexts(text: string, advances: boolean[], rightToLeft: boolean): string[] {
  const order = advances.map((_, i) => i);
  if (rightToLeft) order.reverse();
  const texts = advances.map(() => '');
  const chars = [...text];
  const marks = chars.filter((c) => /\p{M}/u.test(c));
  const spacing = order.filter((i) => advances[i]);
  const nonSpacing = order.filter((i) => !advances[i]);
  const marksApart = marks.length > 0 && nonSpacing.length > 0 && spacing.length > 0;
  if (marksApart && marks.length === nonSpacing.length) marks.forEach((mark, k) => (texts[nonSpacing[k]!] = mark));
  else if (marksApart) texts[nonSpacing[0]!] = marks.join('');
  const bases = marksApart ? chars.filter((c) => !/\p{M}/u.test(c)) : chars;
  const carriers = spacing.length > 0 ? spacing : order;
  if (carriers.length === bases.length) bases.forEach((c, k) => (texts[carriers[k]!] += c));
  else texts[carriers[0]!] += bases.join('');
  return texts;
}

/**
 * Takes decorations out of the structure: each MCID leaves the structure element that held it and
 * the page's entry in the parent tree; an element left with nothing goes too.
 */
function untagDecorations(pdf: PDFDocument, page: PDFPage, mcids: number[]): void {
  const marks = markedElements(pdf, page);
  if (!marks) return;
  for (const mcid of mcids) {
    const element = marks.lookup(mcid);
    if (!(element instanceof PDFDict)) continue;
    marks.set(mcid, PDFNull);
    const kids = element.get(PDFName.of('K'));
    const isThis = (kid: unknown): boolean => (kid instanceof PDFNumber && kid.asNumber() === mcid) || (kid instanceof PDFDict && kid.lookupMaybe(PDFName.of('MCID'), PDFNumber)?.asNumber() === mcid);
    const resolved = kids instanceof PDFRef ? pdf.context.lookup(kids) : kids;
    const left = resolved instanceof PDFArray ? resolved.asArray().filter((kid) => !isThis(kid instanceof PDFRef ? pdf.context.lookup(kid) : kid)) : isThis(resolved) ? [] : undefined;
    if (left === undefined) continue;
    if (left.length > 0) {
      element.set(PDFName.of('K'), left.length === 1 ? left[0]! : pdf.context.obj(left));
      continue;
    }
    element.delete(PDFName.of('K'));
    const parent = element.lookupMaybe(PDFName.of('P'), PDFDict);
    const siblings = parent?.lookupMaybe(PDFName.of('K'), PDFArray);
    const ref = siblings?.asArray().find((kid) => kid instanceof PDFRef && pdf.context.lookup(kid) === element);
    if (siblings && ref) siblings.remove(siblings.indexOf(ref)!);
  }
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
  /** As Chromium wrote them (what the codes in the content read as), and as they will be written. */
  const written = parseToUnicode(Buffer.from(streamBytes(toUnicodeStream)).toString('latin1'));
  const writtenWidths = parseWidths(cidFont.lookupMaybe(PDFName.of('W'), PDFArray));
  const toUnicode = new Map(written);
  const widths = new Map(writtenWidths);
  const defaultWidth = cidFont.lookupMaybe(PDFName.of('DW'), PDFNumber)?.asNumber() ?? 1000;
  const firstNew = Math.max(0, ...written.keys(), ...writtenWidths.keys()) + 1;
  // Only a font that draws Arabic script gives marks their own characters as codes.
  const reserved = [...written.values()].some((text) => /[\u0600-\u06ff]/.test(text)) ? MARK_CODES : new Set<number>();
  const added = new Map<string, number>();
  /** The glyph each code drawn differently from Chromium's draws. */
  const glyphOf = new Map<number, number>();
  const invisible = INVISIBLE_CODES.filter((code) => code >= firstNew);
  let next = firstNew;
  const widthOf = (code: number): number => writtenWidths.get(code) ?? defaultWidth;
  const newCode = (text: string): number => {
    if (text === '' && invisible.length > 0) return invisible.shift()!;
    while (INVISIBLE_CODES.includes(next) || reserved.has(next)) next++;
    return next++;
  };
  const codeFor = (glyph: number, text: string, width: number): number => {
    if (!reserved.has(glyph) && written.get(glyph) === text && widthOf(glyph) === width) return glyph;
    const key = `${glyph} ${width} ${text}`;
    let code = added.get(key);
    if (code === undefined) {
      code = newCode(text);
      if (code > 0xffff) return glyph;
      glyphOf.set(code, glyph);
      added.set(key, code);
      toUnicode.set(code, text);
      widths.set(code, width);
    }
    return code;
  };
  return {
    widthOf,
    textOf: (code) => written.get(code),
    codeFor,
    markCode(glyph, mark, width) {
      const code = mark.codePointAt(0)!;
      if (!reserved.has(code) || (glyphOf.has(code) && (glyphOf.get(code) !== glyph || widths.get(code) !== width))) return codeFor(glyph, mark, width);
      glyphOf.set(code, glyph);
      toUnicode.set(code, '');
      widths.set(code, width);
      return code;
    },
    commit() {
      if (glyphOf.size === 0) return;
      const last = Math.max(firstNew - 1, ...glyphOf.keys());
      const map = Buffer.alloc(2 * (last + 1));
      for (let cid = 0; cid < firstNew; cid++) map.writeUInt16BE(cid, 2 * cid);
      for (const [code, glyph] of glyphOf) map.writeUInt16BE(glyph, 2 * code);
      cidFont.set(PDFName.of('CIDToGIDMap'), pdf.context.register(flateStream(pdf, map)));
      // Chromium's entries stay as they are unless a code of theirs now draws a mark.
      const reassigned = [...glyphOf.keys()].some((code) => code < firstNew);
      const w = reassigned ? pdf.context.obj([]) : (cidFont.lookupMaybe(PDFName.of('W'), PDFArray) ?? pdf.context.obj([]));
      appendWidths(pdf, w, reassigned ? widths : new Map([...widths].filter(([code]) => code >= firstNew)));
      cidFont.set(PDFName.of('W'), w);
      // Codes Chromium used for what are now marks' codes, no longer drawn: their entries go.
      for (const code of reserved) if (!glyphOf.has(code)) toUnicode.delete(code);
      pdf.context.assign(toUnicodeRef as PDFRef, flateStream(pdf, Buffer.from(writeToUnicode(toUnicode), 'latin1')));
    },
  };
}

/** Adds to a /W array one `first [w1 w2 …]` entry for each run of consecutive codes, in code order. */
function appendWidths(pdf: PDFDocument, w: PDFArray, widths: Map<number, number>): void {
  const codes = [...widths.keys()].sort((a, b) => a - b);
  for (let i = 0; i < codes.length; ) {
    let j = i + 1;
    while (j < codes.length && codes[j] === codes[j - 1]! + 1) j++;
    w.push(PDFNumber.of(codes[i]!));
    w.push(pdf.context.obj(codes.slice(i, j).map((code) => widths.get(code)!)));
    i = j;
  }
}

/** The Arabic-script combining marks, whose characters serve as the codes of marks given to pdf.js alone (popplerMarks). */
const MARK_CODES = new Set([...range(0x0610, 0x061a), ...range(0x064b, 0x065f), 0x0670, ...range(0x06d6, 0x06dc), ...range(0x06df, 0x06e4), 0x06e7, 0x06e8, ...range(0x06ea, 0x06ed)]);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Codes for glyphs that read as nothing (a dot or a stroke of a letter drawn apart from it). Their
 * ToUnicode entry is empty, which poppler reads as nothing; pdf.js reads an empty entry as the code
 * itself, and these codes are invisible format characters (U+200B…, U+2060…), which it skips.
 */
const INVISIBLE_CODES = [0x200b, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x206a, 0x206b, 0x206c, 0x206d, 0x206e, 0x206f];

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

/** A stream's bytes, inflated with Node's zlib (pdf-lib's own inflate and deflate are JavaScript, several times slower). */
export function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  if (filter === undefined) return stream.contents;
  if (filter === PDFName.of('FlateDecode')) return inflateSync(stream.contents);
  throw new Error(`unexpected stream filter ${String(filter)}`);
}

export function flateStream(pdf: PDFDocument, bytes: Uint8Array): PDFRawStream {
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
