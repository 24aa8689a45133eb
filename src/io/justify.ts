import type { Page } from 'puppeteer-core';
import { breakLines, HYPHEN_PENALTY, SHRINK, STRETCH, type Item, type Line } from '../render/line-breaking.js';

/**
 * Justified print, set paragraph by paragraph: the page is laid out as it will print (print media,
 * the measure from its print stylesheet), every justified paragraph's words, spaces and hyphenation
 * points are measured, the best breaks are chosen in Node (src/render/line-breaking.ts), and the
 * paragraph's lines are fixed in the page: the text between two chosen breaks is set unbreakable,
 * so Chromium can break only there, and a line set tighter than natural gets its word spacing.
 * A paragraph set ragged (English) is broken the same way, for an even rag; one that cannot be
 * justified within the limits is set ragged too, and one whose lines do not come out as planned is
 * left to Chromium, ragged. Only Broadside's own functions run in the page (JavaScript stays off for the
 * page itself); the translator's text is only measured and moved, never parsed.
 */

/** The blocks set as paragraphs: those justified, and those set ragged (aligned to the start or an edge). */
const BLOCKS = 'main p, main li';

/** A measured item: kind, width (CSS px), where it sits (text node index, start and end offset), and its characters. */
type Measured = [kind: Kind, width: number, node: number, start: number, end: number, chars: number];
const enum Kind {
  Box = 0,
  Space = 1,
  /** A space inside text kept on one line: it stretches, but no line ends there. */
  KeptSpace = 2,
  /** A soft hyphen (width: the hyphen drawn if the line ends there). */
  SoftHyphen = 3,
  /** After a hyphen the text has, where a line may end with no hyphen added. */
  AfterHyphen = 4,
  /** A soft hyphen in a name (`span.name`): a break of last resort. */
  NameHyphen = 5,
}

/** How short of the measure a ragged line may comfortably stop, in em (TeX's \raggedright allows 2). */
const RAG = 3;

/** What breaking a name costs: more than any line the limits allow, so only where nothing else will do. */
const NAME_PENALTY = 1000;

interface MeasuredBlock {
  block: number;
  /** Justified, or set ragged (aligned to the start or an edge). */
  justify: boolean;
  /** The type size, in px. */
  em: number;
  lineWidth: number;
  firstLineWidth: number;
  /** The most letter-spacing a line may take (--print-tracking), in px. */
  tracking: number;
  items: Measured[];
}

interface Plan {
  block: number;
  /** Set ragged, on these breaks: the paragraph cannot be justified within the limits. */
  ragged: boolean;
  /** Each chosen break, in order: text node, start and end of the text left breakable there. */
  cuts: [node: number, start: number, end: number][];
  /** Word spacing (px) per line, 0 where the line is not set tighter than natural. */
  spacing: number[];
  /** Per line, 0 where word spaces suffice, else what letter-spacing must make up (see spacingOut). */
  tracking: ([shortfall: number, spaces: number, count: number] | 0)[];
  /** The lines that end at a hyphen: the line's index, and the break as `block:item`. */
  hyphens: [line: number, key: string][];
}

/**
 * Fixes the lines of every justified paragraph of the page as shown, and keeps hyphens off the last
 * line of every page but the last (a reader turning the page would have to remember half a word):
 * the pages' last lines are foreseen in the page as laid out for print (see foreseePageEnds), and a
 * paragraph whose hyphen falls there is broken again without that hyphen, which almost never moves
 * where the page ends. Call once the fonts are loaded; the page must have JavaScript off for its own
 * scripts (CDP's evaluate still runs these functions). Returns how many paragraphs meant to be
 * justified had to be set ragged.
 */
export async function justifyParagraphs(page: Page): Promise<number> {
  await page.emulateMediaType('print');
  const laidOut = await page.evaluate(measureBlocks, BLOCKS);
  if (!laidOut) return 0;
  const { blocks, skipped } = laidOut;
  const forbidden = new Set<string>();
  let plans = new Map<number, Plan>();
  // Set ragged: paragraphs with more than text in them (a forced break, generated text), and those
  // that cannot be justified within the limits.
  const ragged = [...skipped];
  for (const measured of blocks) {
    const plan = planBlock(measured, forbidden);
    if (plan) plans.set(measured.block, plan);
    else ragged.push(measured.block);
  }
  let failed = await page.evaluate(applyPlans, BLOCKS, [...plans.values()], ragged, STRETCH);
  const setRagged = (): number => blocks.filter((m) => m.justify && (plans.get(m.block)?.ragged !== false || failed.includes(m.block))).length;
  // Breaking a paragraph again can move a page's end; a few rounds settle it.
  for (let round = 0; round < PAGE_END_ROUNDS; round++) {
    const ends = await page.evaluate(foreseePageEnds, BLOCKS);
    const again = new Map<number, Plan>();
    for (const [block, line] of ends) {
      const hyphen = plans.get(block)?.hyphens.find(([at]) => at === line);
      if (!hyphen || failed.includes(block) || forbidden.has(hyphen[1])) continue;
      forbidden.add(hyphen[1]);
      again.set(block, planBlock(blocks.find((m) => m.block === block)!, forbidden)!);
    }
    if (again.size === 0) return setRagged();
    plans = new Map([...plans, ...again]);
    failed = [...failed, ...(await page.evaluate(applyPlans, BLOCKS, [...again.values()], [], STRETCH))];
  }
  return setRagged();
}

/** How many times the pages' last lines are foreseen again after paragraphs were broken anew (a page's end moves when a paragraph gains a line). */
const PAGE_END_ROUNDS = 6;

/** The breaks of one measured paragraph, justified if it can be within the limits; undefined if it cannot be set on one measure at all. */
function planBlock(measured: MeasuredBlock, forbidden: Set<string>): Plan | undefined {
  const setWith = (names: boolean): { items: Item[]; lines: Line[] | undefined } => {
    const items: Item[] = measured.items.map(([kind, width, , , , chars], k) => {
      if (kind === Kind.Box) return { kind: 'box', width, letters: measured.tracking * chars };
      if (kind === Kind.Space || kind === Kind.KeptSpace) return { kind: 'glue', width, breakable: kind === Kind.Space, letters: -measured.tracking };
      const penalty = forbidden.has(`${measured.block}:${k}`) || (kind === Kind.NameHyphen && !names) ? Infinity : kind === Kind.NameHyphen ? NAME_PENALTY : HYPHEN_PENALTY;
      return { kind: 'penalty', width, penalty, flagged: true };
    });
    const paragraph = { items, lineWidth: measured.lineWidth, firstLineWidth: measured.firstLineWidth };
    if (!measured.justify) return { items, lines: breakLines({ ...paragraph, rag: RAG * measured.em }, Infinity) };
    // A paragraph that cannot be set otherwise lets its spaces stretch to 1.45×; where the script may
    // be spaced out, its hardest lines then take more letter-spacing (up to twice the allowance).
    return { items, lines: breakLines(paragraph) ?? breakLines(paragraph, 1.125) ?? (measured.tracking > 0 ? (breakLines(paragraph, 1.5) ?? breakLines(paragraph, 2)) : undefined) };
  };
  // Names are broken only where the paragraph cannot be set within the limits otherwise.
  let { items, lines } = setWith(false);
  if (!lines && measured.justify) ({ items, lines } = setWith(true));
  const justified = measured.justify && lines !== undefined;
  // Otherwise it is set ragged, on the breaks that make the most even rag.
  if (!lines) lines = breakLines({ items, lineWidth: measured.lineWidth, firstLineWidth: measured.firstLineWidth, rag: RAG * measured.em }, Infinity);
  if (!lines) return undefined;
  const cuts = lines.slice(0, -1).map((line) => {
    const [, , node, start, end] = measured.items[line.end]!;
    return [node, start, end] as [number, number, number];
  });
  let from = 0;
  const spacing: number[] = [];
  const tracking: Plan['tracking'] = [];
  for (const [k, line] of lines.entries()) {
    const count = items.slice(from, line.end).filter((item) => item.kind === 'glue').length;
    from = line.end + 1;
    spacing.push(tightening(line, count));
    tracking.push(!justified || k === lines.length - 1 ? 0 : spacingOut(line, k === 0 ? measured.firstLineWidth : measured.lineWidth, count));
  }
  const hyphens = lines.slice(0, -1).flatMap((line, k): [number, string][] => (measured.items[line.end]![0] >= Kind.SoftHyphen ? [[k, `${measured.block}:${line.end}`]] : []));
  return { block: measured.block, ragged: !justified, cuts, spacing, tracking, hyphens };
}

/**
 * Word spacing (px) that brings a line set tighter than natural within the measure, spread evenly
 * over its spaces, and a hair more so that rounding never makes it overflow; 0 for other lines.
 */
function tightening(line: Line, spaces: number): number {
  if (line.ratio >= 0 || spaces === 0) return 0;
  return Math.floor(((line.ratio * SHRINK * line.spaces) / spaces - 0.02) * 1000) / 1000;
}

/**
 * What a line needs from letter-spacing when its word spaces alone would stretch past their limit:
 * its shortfall, and its spaces' natural width and count. The page works out the letter-spacing
 * (it knows the line's characters); Chromium's justification then fills the line with word space.
 */
function spacingOut(line: Line, target: number, spaces: number): [number, number, number] | 0 {
  const shortfall = target - line.natural;
  return shortfall > STRETCH * line.spaces && line.letters > 0 ? [shortfall, line.spaces, spaces] : 0;
}

// ---- Run in the page: self-contained, no imports, no closures over Node values. ----

function measureBlocks(selector: string): { blocks: MeasuredBlock[]; skipped: number[] } | undefined {
  // Only a page whose print stylesheet gives its measure is laid out here as it will print; on any
  // other (a parallel edition's columns) Chromium's own justification would leave loose lines, so
  // its paragraphs are set ragged.
  if (getComputedStyle(document.documentElement).getPropertyValue('--print-measure') === '') {
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) if (getComputedStyle(el).textAlign === 'justify') el.style.textAlign = 'start';
    return undefined;
  }
  const all = Array.from(document.querySelectorAll<HTMLElement>(selector));
  const chosen: number[] = [];
  const skipped: number[] = [];
  const styleOf = new Map<Element, CSSStyleDeclaration>();
  const style = (el: Element): CSSStyleDeclaration => {
    let s = styleOf.get(el);
    if (!s) styleOf.set(el, (s = getComputedStyle(el)));
    return s;
  };
  const generated = (el: Element): boolean => ['::before', '::after'].some((p) => !['none', 'normal'].includes(getComputedStyle(el, p).content));
  const justified = new Set<number>();
  for (const [i, el] of all.entries()) {
    if (!['justify', 'start', 'left', 'right'].includes(style(el).textAlign)) continue;
    if (style(el).textAlign === 'justify') justified.add(i);
    const inline = Array.from(el.querySelectorAll('*')).every((d) => style(d).display === 'inline' && d.tagName !== 'BR' && !generated(d));
    (inline && !generated(el) ? chosen : skipped).push(i);
  }
  const context = document.createElement('canvas').getContext('2d')!;
  const hyphens = new Map<string, number>();
  const hyphenWidth = (el: Element): number => {
    const s = style(el);
    const font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    if (!hyphens.has(font)) {
      context.font = font;
      hyphens.set(font, context.measureText('-').width);
    }
    return hyphens.get(font)!;
  };
  // What each text node is, read before the paragraphs are laid out for measuring.
  const texts = chosen.map((i) => {
    const walker = document.createTreeWalker(all[i]!, NodeFilter.SHOW_TEXT);
    const nodes: { node: Text; kept: boolean; name: boolean; hyphen: number }[] = [];
    const nowrap = (el: Element): boolean => style(el).textWrapMode === 'nowrap' || style(el).whiteSpace === 'nowrap';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement!;
      // A name's break points count unless something around the name is kept on one line too.
      const name = parent.classList.contains('name') && !nowrap(parent.parentElement!);
      nodes.push({ node: n as Text, kept: nowrap(parent), name, hyphen: hyphenWidth(parent) });
    }
    return nodes;
  });
  // Measured on one line, start-aligned: no line end hides a space or draws a hyphen.
  for (const i of chosen) Object.assign(all[i]!.style, { textAlign: 'start', whiteSpace: 'nowrap' });
  const range = document.createRange();
  const measure = (node: Text, start: number, end: number): number => {
    range.setStart(node, start);
    range.setEnd(node, end);
    let width = 0;
    for (const rect of Array.from(range.getClientRects())) width += rect.width;
    return width;
  };
  // Words and spaces recur, and asking the layout for a width costs about 0.1 ms: a piece of text is
  // measured once for each look it has (what its element's style gives its glyphs) and each pair of
  // characters around it (kerning and joining reach across them).
  // Longhands only: Chromium gives the computed `font` shorthand as "" when a font-variant is set.
  const LOOK = ['fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontStretch', 'fontSizeAdjust', 'fontOpticalSizing', 'fontKerning', 'fontSynthesis', 'fontFeatureSettings', 'fontVariationSettings', 'fontVariantLigatures', 'fontVariantCaps', 'fontVariantNumeric', 'fontVariantEastAsian', 'fontVariantPosition', 'letterSpacing', 'wordSpacing', 'textTransform', 'textRendering', 'direction'] as const;
  const looks = new Map<Element, string>();
  const lookOf = (el: Element): string => {
    let look = looks.get(el);
    if (look === undefined) looks.set(el, (look = [...LOOK.map((p) => style(el)[p]), el.closest('[lang]')?.getAttribute('lang') ?? ''].join('\u0001')));
    return look;
  };
  const measuredWidths = new Map<string, number>();
  const widthIn = (nodes: Text[], n: number, start: number, end: number): number => {
    const node = nodes[n]!;
    const text = node.data;
    const before = start > 0 ? text[start - 1] : (nodes[n - 1]?.data.at(-1) ?? '');
    const after = end < text.length ? text[end] : (nodes[n + 1]?.data[0] ?? '');
    const key = `${lookOf(node.parentElement!)}\u0000${before}\u0000${text.slice(start, end)}\u0000${after}`;
    let width = measuredWidths.get(key);
    if (width === undefined) measuredWidths.set(key, (width = measure(node, start, end)));
    return width;
  };
  const blocks = chosen.map((i, c): MeasuredBlock => {
    const el = all[i]!;
    const nodes = texts[c]!.map((t) => t.node);
    const items: Measured[] = [];
    let box: [number, number, number][] = [];
    const flush = (): void => {
      if (!box.length) return;
      items.push([0, box.reduce((w, [n, s, e]) => w + widthIn(nodes, n, s, e), 0), box[0]![0], box[0]![1], box.at(-1)![2], box.reduce((count, [, s, e]) => count + e - s, 0)]);
      box = [];
    };
    const addToBox = (n: number, at: number): void => {
      const open = box.at(-1);
      if (open && open[0] === n && open[2] === at) open[2] = at + 1;
      else box.push([n, at, at + 1]);
    };
    for (const [n, { node, kept, name, hyphen }] of texts[c]!.entries()) {
      const text = node.data;
      for (let j = 0; j < text.length; ) {
        const ch = text[j]!;
        if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
          let k = j;
          while (k < text.length && (text[k] === ' ' || text[k] === '\n' || text[k] === '\t' || text[k] === '\r')) k++;
          flush();
          const previous = items.at(-1);
          // Collapsed away: at the start of the paragraph, or after another space.
          if (previous && previous[0] !== 1 && previous[0] !== 2) items.push([kept ? 2 : 1, widthIn(nodes, n, j, k), n, j, k, 1]);
          j = k;
          continue;
        }
        if (ch === '\u00AD' && (!kept || name)) {
          flush();
          items.push([name ? 5 : 3, hyphen, n, j, j + 1, 0]);
          j++;
          continue;
        }
        addToBox(n, j);
        if ((ch === '-' || ch === '\u2010') && !kept && /\p{L}/u.test(text[j + 1] ?? '')) {
          flush();
          items.push([4, 0, n, j + 1, j + 1, 0]);
        }
        j++;
      }
    }
    flush();
    while (items.length && items.at(-1)![0] !== 0) items.pop();
    // A space at a line's end is drawn with no width: give it the paragraph's usual space.
    const widths = items.filter((it) => (it[0] === 1 || it[0] === 2) && it[1] > 0).map((it) => it[1]).sort((a, b) => a - b);
    const usual = widths[widths.length >> 1] ?? 0;
    for (const it of items) if ((it[0] === 1 || it[0] === 2) && it[1] === 0) it[1] = usual;
    const s = style(el);
    const px = (v: string): number => parseFloat(v) || 0;
    const lineWidth = el.getBoundingClientRect().width - px(s.paddingLeft) - px(s.paddingRight) - px(s.borderLeftWidth) - px(s.borderRightWidth);
    return { block: i, justify: justified.has(i), em: px(s.fontSize), lineWidth, firstLineWidth: lineWidth - px(s.textIndent), tracking: px(s.getPropertyValue('--print-tracking')) * px(s.fontSize), items };
  });
  for (const i of chosen) Object.assign(all[i]!.style, { textAlign: '', whiteSpace: '' });
  return { blocks, skipped };
}

function applyPlans(selector: string, plans: Plan[], ragged: number[], stretch: number): number[] {
  const all = Array.from(document.querySelectorAll<HTMLElement>(selector));
  const failed: number[] = [];
  // Each paragraph set keeps a copy of itself as it was before, to be set again from.
  type Paragraph = HTMLElement & { unset?: HTMLElement };
  for (const plan of plans) {
    let el: Paragraph = all[plan.block]!;
    const unset = el.unset ?? (el.cloneNode(true) as HTMLElement);
    if (el.unset) {
      const again: Paragraph = unset.cloneNode(true) as HTMLElement;
      el.replaceWith(again);
      el = again;
    }
    el.unset = unset;
    const original = unset.cloneNode(true) as HTMLElement;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const lines: HTMLElement[][] = plan.spacing.map(() => []);
    let line = 0;
    let cut = 0;
    for (const [n, node] of nodes.entries()) {
      const text = node.data;
      const parts = document.createDocumentFragment();
      let from = 0;
      const piece = (to: number): void => {
        const kept = text.slice(from, to).replace(/\u00AD/g, '');
        if (kept === '') return;
        const span = document.createElement('span');
        span.style.whiteSpace = 'nowrap';
        if (plan.spacing[line]) span.style.wordSpacing = `${plan.spacing[line]}px`;
        span.textContent = kept;
        parts.append(span);
        lines[line]!.push(span);
      };
      while (cut < plan.cuts.length && plan.cuts[cut]![0] === n) {
        const [, start, end] = plan.cuts[cut]!;
        // A name broken as a last resort.
        if (node.parentElement!.classList.contains('name')) node.parentElement!.style.whiteSpace = 'normal';
        piece(start);
        if (end > start) parts.append(text.slice(start, end));
        from = end;
        line++;
        cut++;
      }
      piece(text.length);
      node.replaceWith(parts);
    }
    // A space that ends a piece of a line, before an element, would still let the line break there
    // (whether a line may break after a space is up to the element holding both sides): it moves
    // to the start of the next piece.
    for (const spans of lines) {
      for (let k = 0; k + 1 < spans.length; k++) {
        const [a, b] = [spans[k]!, spans[k + 1]!];
        if (!/\s$/.test(a.textContent!)) continue;
        a.textContent = a.textContent!.trimEnd();
        if (!/^\s/.test(b.textContent!)) b.textContent = ` ${b.textContent}`;
      }
    }
    for (const [k, spans] of lines.entries()) {
      const need = plan.tracking[k];
      if (!need) continue;
      // Letter-spacing ls widens every character, spaces included, and a gap between two words by
      // about 2·ls: choose it so that the gaps, once justified, stay within the spaces' limit.
      const [shortfall, spaces, count] = need;
      const chars = spans.reduce((n, span) => n + span.textContent!.length, 0);
      // …and never more than fills the line (justification cannot take space away).
      const ls = Math.min(Math.ceil(((shortfall - stretch * spaces) / Math.max(1, chars - 2 * count)) * 1000) / 1000, Math.floor((shortfall / chars) * 1000) / 1000);
      for (const span of spans) span.style.letterSpacing = `${ls}px`;
    }
    // Check the lines came out as planned: each on one line, in order, within the measure.
    const box = el.getBoundingClientRect();
    let top = -Infinity;
    const ok = lines.every((spans) => {
      const rects = spans.flatMap((s) => Array.from(s.getClientRects())).filter((r) => r.width > 0);
      if (!rects.length) return true;
      const lineTop = rects[0]!.top;
      const fits = rects.every((r) => Math.abs(r.top - lineTop) < 2 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5);
      const below = lineTop > top + 2;
      top = lineTop;
      return fits && below;
    });
    if (!ok) {
      original.style.textAlign = 'start';
      el.replaceWith(original);
      failed.push(plan.block);
    } else if (plan.ragged) el.style.textAlign = 'start';
  }
  for (const i of ragged) all[i]!.style.textAlign = 'start';
  return failed;
}

/**
 * The last line of every page but the last, foreseen in the page as laid out for print on one long
 * page (print media, the print measure): its lines are laid into pages of --print-text-height as
 * Chromium's print lays them, keeping each paragraph's orphans and widows, blocks that avoid breaks
 * inside whole, and a heading with what follows it. Returns those lines that are lines of the blocks
 * chosen by `selector`, each as [block, line within the block].
 */
function foreseePageEnds(selector: string): [number, number][] {
  const probe = document.createElement('div');
  probe.style.cssText = 'position: absolute; height: var(--print-text-height)';
  document.body.append(probe);
  const height = probe.getBoundingClientRect().height;
  probe.remove();
  if (!height) return [];
  const styleOf = new Map<Element, CSSStyleDeclaration>();
  const style = (el: Element): CSSStyleDeclaration => {
    let s = styleOf.get(el);
    if (!s) styleOf.set(el, (s = getComputedStyle(el)));
    return s;
  };
  const boxOf = (node: Node): Element => {
    let el = node.parentElement!;
    while (el.parentElement && style(el).display.startsWith('inline')) el = el.parentElement;
    return el;
  };
  // Every line of text, with the block it is a line of, in reading order.
  const lines: { top: number; bottom: number; box: Element }[] = [];
  const linesOf = new Map<Element, { top: number; bottom: number; box: Element }[]>();
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/\S/.test((node as Text).data)) continue;
    const box = boxOf(node);
    range.selectNodeContents(node);
    for (const rect of Array.from(range.getClientRects())) {
      if (rect.width === 0) continue;
      const leading = parseFloat(style(box).lineHeight) || rect.height * 1.2;
      const middle = (rect.top + rect.bottom) / 2 + window.scrollY;
      const own = linesOf.get(box) ?? [];
      linesOf.set(box, own);
      const line = own.find((l) => Math.abs((l.top + l.bottom) / 2 - middle) < leading / 2);
      if (line) [line.top, line.bottom] = [Math.min(line.top, middle - leading / 2), Math.max(line.bottom, middle + leading / 2)];
      else {
        const added = { top: middle - leading / 2, bottom: middle + leading / 2, box };
        own.push(added);
        lines.push(added);
      }
    }
  }
  lines.sort((a, b) => a.top - b.top);
  const first = new Map<Element, number>();
  const last = new Map<Element, number>();
  lines.forEach((line, k) => {
    for (let el: Element | null = line.box; el && el !== document.body; el = el.parentElement) {
      if (!first.has(el)) first.set(el, k);
      last.set(el, k);
    }
  });
  const ends: number[] = [];
  for (let start = 0; start < lines.length; ) {
    const top = lines[start]!.top;
    let fits = start;
    while (fits + 1 < lines.length && lines[fits + 1]!.bottom - top <= height + 0.5) fits++;
    if (fits === lines.length - 1) break;
    // Move the break earlier until every element around it allows a break there.
    let end = fits;
    for (let moved = true; moved && end >= start; ) {
      moved = false;
      for (let el: Element | null = lines[end]!.box; el && el !== document.body && !moved; el = el.parentElement) {
        const from: number = first.get(el)!;
        const to: number = last.get(el)!;
        const s = style(el);
        let at = end;
        if (to === end) {
          if (s.breakAfter.startsWith('avoid')) at = from - 1;
        } else if (s.breakInside.startsWith('avoid')) at = from - 1;
        else if (el === lines[end]!.box) {
          const kept = to - end < (parseInt(s.widows) || 2) ? to - from + 1 - (parseInt(s.widows) || 2) : end - from + 1;
          at = kept < (parseInt(s.orphans) || 2) ? from - 1 : from + kept - 1;
        }
        if (at !== end) [end, moved] = [at, true];
      }
    }
    // Nothing may stay on the page: it breaks where the lines stop fitting.
    if (end < start) end = fits;
    ends.push(end);
    start = end + 1;
  }
  const blocks = new Map(Array.from(document.querySelectorAll(selector)).map((el, i) => [el, i]));
  return ends.filter((end) => blocks.has(lines[end]!.box)).map((end) => [blocks.get(lines[end]!.box)!, end - first.get(lines[end]!.box)!]);
}
