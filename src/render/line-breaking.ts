/**
 * Paragraph-wide line breaking (Knuth and Plass, "Breaking paragraphs into lines", 1981) for
 * justified print: Chromium breaks justified text line by line and stretches only word spaces, so at
 * a reading measure some lines come out loose. Given a paragraph's measured boxes (words and word
 * pieces), glue (word spaces) and penalties (hyphenation points), this chooses the breaks that keep
 * every line's spaces within set limits, as evenly as the text allows. Pure: widths come in, breaks
 * go out.
 */

export type Item =
  /**
   * A word or word piece; `letters`: how much wider letter-spacing may make it (0 where the script is
   * never spaced out).
   */
  | { kind: 'box'; width: number; letters: number }
  /**
   * A word space; `breakable: false` for one inside text that must stay on one line (it still
   * stretches). `letters` is negative: letter-spacing widens the gap around a space by twice its
   * amount, which the space then cannot stretch by.
   */
  | { kind: 'glue'; width: number; breakable: boolean; letters: number }
  /** A place the line may end, drawing `width` more there (a hyphen); `flagged` when that is a hyphen. */
  | { kind: 'penalty'; width: number; penalty: number; flagged: boolean };

export interface Paragraph {
  items: Item[];
  /** The measure, and the first line's (less its indent). */
  lineWidth: number;
  firstLineWidth: number;
  /**
   * Set ragged: how short of the measure a line may stop (its adjustment ratio is its shortfall over
   * this), as TeX's ragged-right `\rightskip` stretch; its spaces keep their natural width.
   */
  rag?: number;
}

/**
 * How far a space may stretch and shrink, as a share of its natural width: 1.4× natural is the
 * loosest a line is meant to be (1.45× when a paragraph cannot be set otherwise: under the 1.5× limit
 * the layout check holds, for what measuring in the page and reading the PDF each round off); 0.75×
 * the tightest (between the common book limit of 0.8× and TeX's 0.67×).
 */
export const STRETCH = 0.4;
export const SHRINK = 0.25;

const LINE_PENALTY = 10;
/** What breaking at a hyphenation point costs, against a line's badness. */
export const HYPHEN_PENALTY = 50;
/** Two hyphenated lines in a row, a hyphen on the paragraph's last full line, lines of very different tightness after each other. */
const DOUBLE_HYPHEN_DEMERITS = 3000;
const FINAL_HYPHEN_DEMERITS = 5000;
const FITNESS_DEMERITS = 3000;
const INFINITE = 10_000;

export interface Line {
  /** Index of the item the line ends at (a glue or penalty); the last line ends at the paragraph's end (items.length). */
  end: number;
  /** Adjustment ratio: how far the line's spaces stretch (> 0) or shrink (< 0), 1 being the limit. */
  ratio: number;
  /** Natural width of the line (penalty width included), its spaces' natural width, and its letters' stretch. */
  natural: number;
  spaces: number;
  letters: number;
}

interface Node {
  index: number;
  line: number;
  fitness: number;
  width: number;
  spaces: number;
  letters: number;
  demerits: number;
  flagged: boolean;
  ratio: number;
  natural: number;
  lineSpaces: number;
  lineLetters: number;
  previous: Node | undefined;
}

/**
 * The best breaks whose lines all stay within `tolerance` (the adjustment ratio: 1 stretches spaces
 * to 1.5×), or undefined when the paragraph cannot be set within it. The last line is set ragged.
 */
export function breakLines(paragraph: Paragraph, tolerance = 1): Line[] | undefined {
  const { items } = paragraph;
  const n = items.length;
  // Cumulative natural widths and stretchable space before each item.
  const width = new Float64Array(n + 1);
  const spaces = new Float64Array(n + 1);
  const letters = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    width[i + 1] = width[i]! + (item.kind === 'penalty' ? 0 : item.width);
    spaces[i + 1] = spaces[i]! + (item.kind === 'glue' ? item.width : 0);
    letters[i + 1] = letters[i]! + (item.kind === 'penalty' ? 0 : item.letters);
  }
  const lineWidth = (line: number): number => (line === 0 ? paragraph.firstLineWidth : paragraph.lineWidth);
  /** Where the line after a break at `b` starts: past the spaces and penalties that a break discards. */
  const after = (b: number): number => {
    let i = b + 1;
    while (i < n && items[i]!.kind !== 'box') i++;
    return i;
  };
  let active: Node[] = [{ index: -1, line: 0, fitness: 1, width: 0, spaces: 0, letters: 0, demerits: 0, flagged: false, ratio: 0, natural: 0, lineSpaces: 0, lineLetters: 0, previous: undefined }];
  for (let b = 0; b <= n; b++) {
    const last = b === n;
    const item = items[b];
    let penalty = 0;
    let extra = 0;
    let flagged = false;
    if (!last) {
      if (item!.kind === 'box') continue;
      if (item!.kind === 'glue') {
        if (!item!.breakable || b === 0 || items[b - 1]!.kind !== 'box') continue;
      } else {
        if (item!.penalty >= INFINITE) continue;
        ({ penalty, flagged } = item!);
        extra = item!.width;
      }
    }
    const candidates: (Node | undefined)[] = [undefined, undefined, undefined, undefined];
    const kept: Node[] = [];
    for (const a of active) {
      const natural = width[b]! - a.width + extra;
      const stretchable = spaces[b]! - a.spaces;
      const lineLetters = letters[b]! - a.letters;
      const target = lineWidth(a.line);
      let ratio: number;
      const shrinkable = paragraph.rag === undefined ? stretchable * SHRINK : 0;
      if (last) ratio = natural > target ? (shrinkable > 0 ? (target - natural) / shrinkable : -Infinity) : 0;
      else if (natural < target) {
        const stretch = paragraph.rag ?? stretchable * STRETCH + lineLetters;
        ratio = stretch > 0 ? (target - natural) / stretch : Infinity;
      } else if (natural > target) ratio = shrinkable > 0 ? (target - natural) / shrinkable : -Infinity;
      else ratio = 0;
      if (ratio >= -1 && !last) kept.push(a);
      if (ratio < -1 || ratio > tolerance) continue;
      const badness = 100 * Math.abs(ratio) ** 3;
      let demerits = (LINE_PENALTY + badness) ** 2 + penalty ** 2;
      if (flagged && a.flagged) demerits += DOUBLE_HYPHEN_DEMERITS;
      if (last && a.flagged) demerits += FINAL_HYPHEN_DEMERITS;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (Math.abs(fitness - a.fitness) > 1) demerits += FITNESS_DEMERITS;
      demerits += a.demerits;
      const best = candidates[fitness];
      if (!best || demerits < best.demerits) {
        candidates[fitness] = { index: b, line: a.line + 1, fitness, width: 0, spaces: 0, letters: 0, demerits, flagged, ratio, natural, lineSpaces: stretchable, lineLetters, previous: a };
      }
    }
    active = kept;
    const start = last ? n : after(b);
    for (const c of candidates) {
      if (!c) continue;
      c.width = width[start]!;
      c.spaces = spaces[start]!;
      c.letters = letters[start]!;
      active.push(c);
    }
    if (last) {
      const best = candidates.filter((c): c is Node => c !== undefined).sort((x, y) => x.demerits - y.demerits)[0];
      if (!best) return undefined;
      const lines: Line[] = [];
      for (let node: Node | undefined = best; node?.previous; node = node.previous) lines.unshift({ end: node.index, ratio: node.ratio, natural: node.natural, spaces: node.lineSpaces, letters: node.lineLetters });
      return lines;
    }
    if (active.length === 0) return undefined;
  }
  return undefined;
}
