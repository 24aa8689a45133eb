#!/usr/bin/env node
// The layout check: reads printed PDFs with poppler (`pdftotext -bbox-layout`, word boxes) and reports
// how each edition is set, as a typographer would look at it:
//
//   node test/layout/layout-check.js FILE.pdf [FILE.pdf …]      (each PDF's index.html beside it is the text)
//
// Per edition: characters per full line (mean, max), rag depth (how far full lines stop short of the
// measure, max and mean), loose lines (mean word space over 1.5× the natural one), one-word last lines,
// line-end breaks at explicit hyphens and at hyphenation points (and words that do not come back whole
// when a line-end hyphen is rejoined), pages whose last line ends in a hyphen, soft hyphens left in the text layer, pages and how full the last
// page is. Body lines are those in the body's type size; paragraphs are runs of lines at the body's
// line pitch. The natural word space is the median space in the last lines of paragraphs, which no
// justification stretches.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {{ x0: number, x1: number, y0: number, y1: number, text: string }} Box */
/** @typedef {Box & { words: Box[], page: number }} Line */

/** Lines with their words, per page, from poppler's bounding-box output. */
export function readLines(pdf) {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = [];
  let page;
  let line;
  const box = (attrs) => {
    const n = (name) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(attrs)[1]);
    return { x0: n('xMin'), x1: n('xMax'), y0: n('yMin'), y1: n('yMax') };
  };
  for (const match of xml.matchAll(/<(page|line|word)\b([^>]*)>([^<]*)/g)) {
    const [, tag, attrs, text] = match;
    if (tag === 'page') pages.push((page = { width: Number(/width="([\d.]+)"/.exec(attrs)[1]), height: Number(/height="([\d.]+)"/.exec(attrs)[1]), lines: [] }));
    else if (tag === 'line') page.lines.push((line = { ...box(attrs), words: [], page: pages.length - 1, text: '' }));
    else line.words.push({ ...box(attrs), text: decode(text) });
  }
  for (const p of pages) for (const l of p.lines) l.text = l.words.map((w) => w.text).join(' ');
  return pages;
}

function decode(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');
}

/** The words of an edition's HTML page (its <main>), soft hyphens removed: what the PDF must say. */
export function htmlText(html) {
  const main = /<main>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;
  return decode(main.replace(/<[^>]*>/g, ' ').replace(/&#39;/g, "'"))
    .replace(/\u00AD/g, '')
    .replace(/\s+/g, ' ');
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
};
const mode = (values) => {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};
const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const HYPHEN_END = /[-\u2010\u05BE]$/;

/**
 * Measures one PDF. `text` is what the edition says (htmlText of its page), used to tell a break at a
 * hyphen the text has from a hyphenation break, and to check that rejoined words are the text's words.
 */
export function measurePdf(pdf, text, dir = 'ltr') {
  const pages = readLines(pdf);
  const all = pages.flatMap((p) => p.lines);
  const height = (l) => round(l.y1 - l.y0, 0);
  const bodyHeight = mode(all.filter((l) => l.words.length > 3).map(height));
  // A "line" of one letter is a glyph a reader could not place (Chromium writes the shadda and
  // tanwin of `كلٌّ` apart, at the end of the line before), not a line of the text.
  const body = all.filter((l) => Math.abs(height(l) - bodyHeight) <= 1 && (l.text.match(/\p{L}/gu)?.length ?? 0) > 1);
  // Line pitch: the commonest distance between consecutive body lines on a page.
  const steps = [];
  for (let i = 1; i < body.length; i++) if (body[i].page === body[i - 1].page) steps.push(round(body[i].y0 - body[i - 1].y0, 0));
  const pitch = mode(steps.filter((s) => s > 0)) ?? bodyHeight;
  const edgeStart = Math.min(...body.map((l) => l.x0));
  const edgeEnd = Math.max(...body.map((l) => l.x1));
  // A paragraph starts after a gap wider than the line pitch or with an indented first line; across
  // a page break it goes on only when the page's last line was a full one.
  const indented = (l) => (dir === 'rtl' ? edgeEnd - l.x1 : l.x0 - edgeStart) > 4;
  const full = (l) => (dir === 'rtl' ? l.x0 - edgeStart : edgeEnd - l.x1) < (edgeEnd - edgeStart) * 0.2;
  const paragraphs = [];
  for (const [i, l] of body.entries()) {
    const prev = body[i - 1];
    const continues = prev && !indented(l) && (prev.page !== l.page ? full(prev) : Math.abs(l.y0 - prev.y0 - pitch) <= 1.5);
    if (continues && paragraphs.length) paragraphs.at(-1).push(l);
    else paragraphs.push([l]);
  }
  const gaps = (l) => {
    const words = [...l.words].sort((a, b) => a.x0 - b.x0);
    return words.slice(1).map((w, k) => w.x0 - words[k].x1);
  };
  const lastLines = paragraphs.filter((p) => p.length > 1).map((p) => p.at(-1));
  const fullLines = paragraphs.flatMap((p) => p.slice(0, -1));
  const natural = median(lastLines.flatMap(gaps).concat(lastLines.length ? [] : fullLines.flatMap(gaps)));
  const shortfall = (l) => (dir === 'rtl' ? l.x0 - edgeStart : edgeEnd - l.x1);
  const chars = fullLines.map((l) => [...l.text].length);
  const loose = fullLines.filter((l) => {
    const g = gaps(l);
    return g.length > 0 && g.reduce((a, b) => a + b, 0) / g.length > 1.5 * natural;
  });
  const words = new Set(text.split(/[\s\p{P}]+/u).filter(Boolean));
  let explicitBreaks = 0;
  let hyphenationBreaks = 0;
  const brokenWords = [];
  for (const p of paragraphs) {
    for (const [k, l] of p.slice(0, -1).entries()) {
      const last = l.words.at(dir === 'rtl' ? 0 : -1)?.text ?? '';
      if (!HYPHEN_END.test(last)) continue;
      const nextLine = p[k + 1];
      const next = (nextLine.words.at(dir === 'rtl' ? -1 : 0)?.text ?? '').replace(/^\p{P}+/u, '');
      // A real hyphen at a line end reads as U+2010 (src/pdf/text-layer.ts), as written it is U+002D.
      const head = last.replace(/^\p{P}+/u, '').replace(/\u2010$/, '-');
      const firstNext = next.split(/[-\u2010]/)[0].replace(/\p{P}+$/u, '');
      if (text.includes(head + next.replace(/\p{P}+$/u, '')) || text.includes(head + firstNext)) explicitBreaks++;
      else {
        hyphenationBreaks++;
        const joined = (head.slice(0, -1) + firstNext).replace(/^.*[-\u2010]/, '').replace(/^\p{L}{1,2}['’]/u, '');
        if (!words.has(joined)) brokenWords.push(`${head}|${next}`);
      }
    }
  }
  const bodyPages = pages.map((pg, i) => body.filter((l) => l.page === i));
  const top = Math.min(...bodyPages.flat().map((l) => l.y0));
  const bottom = Math.max(...bodyPages.slice(0, -1).flat().map((l) => l.y1), top);
  const lastBottom = Math.max(...bodyPages.at(-1).map((l) => l.y1));
  const lastTop = Math.min(...bodyPages.at(-1).map((l) => l.y0), ...pages.at(-1).lines.filter((l) => l.y0 > pages.at(-1).height * 0.06 && l.y1 < pages.at(-1).height * 0.94).map((l) => l.y0));
  const extracted = all.map((l) => l.text).join('\n');
  // The last body line of a page that has another after it, where it ends in a hyphen.
  const pageEndHyphens = bodyPages.slice(0, -1).map((lines) => lines.at(-1)).filter((l) => l && HYPHEN_END.test(l.words.at(dir === 'rtl' ? 0 : -1)?.text ?? '')).map((l) => l.text);
  return {
    pages: pages.length,
    lastPageFull: pages.length > 1 ? round(((lastBottom - lastTop) / (bottom - top)) * 100, 0) : undefined,
    lines: fullLines.length + paragraphs.length,
    charsPerLine: { mean: round(chars.reduce((a, b) => a + b, 0) / Math.max(1, chars.length)), max: Math.max(0, ...chars) },
    ragDepthPt: { max: round(Math.max(0, ...fullLines.map(shortfall))), mean: round(fullLines.map(shortfall).reduce((a, b) => a + b, 0) / Math.max(1, fullLines.length)) },
    wordSpacePt: { natural: round(natural, 2), widestLine: round(Math.max(0, ...fullLines.map((l) => gaps(l)).filter((g) => g.length).map((g) => g.reduce((a, b) => a + b, 0) / g.length)), 2) },
    looseLines: loose.map((l) => l.text),
    oneWordLastLines: paragraphs.filter((p) => p.length > 1 && p.at(-1).words.length === 1).map((p) => p.at(-1).text),
    explicitHyphenBreaks: explicitBreaks,
    hyphenationBreaks,
    brokenWords,
    pageEndHyphens,
    softHyphensInText: [...extracted].filter((c) => c === '\u00AD').length,
  };
}

/** Measures the PDF beside an edition's index.html; direction from the page. */
export function measureEdition(pdf) {
  const html = readFileSync(join(dirname(pdf), 'index.html'), 'utf8');
  const dir = /<html[^>]*dir="rtl"/.test(html) ? 'rtl' : 'ltr';
  return measurePdf(pdf, htmlText(html), dir);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = process.argv.slice(2);
  if (!files.length || files.some((f) => !existsSync(f))) {
    console.error('usage: node test/layout/layout-check.js FILE.pdf [FILE.pdf …] (each with its index.html beside it)');
    process.exit(2);
  }
  for (const file of files) console.log(JSON.stringify({ file, ...measureEdition(file) }));
}
