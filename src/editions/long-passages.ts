import { plainText } from '../render/inline.js';
import { blockSegments, passagesOf, type ParallelStatement } from './edition.js';

/** What the print stylesheet knows of a page of columns, in points. */
export interface ColumnPage {
  columnWidth: number;
  bodyHeight: number;
  sizePt: number;
  leading: number;
}

/**
 * An advance per character, in ems, on the low side for every face Broadside sets (Noto Serif,
 * Noto Serif Hebrew, Amiri), so that a passage is rather under- than overestimated.
 */
const EM_PER_CHARACTER = 0.45;
/** Amiri is set larger and on more leading (templates/edition.css). */
const ARABIC = { size: 1.06, leading: 0.2 };

/**
 * The keys of the passages that, in their tallest column, are estimated taller than a whole page:
 * those may break (in every column together), where every other passage is kept on one page.
 * Chromium would otherwise push such a passage to a new page before breaking it, leaving the rest
 * of the page empty. Pure.
 */
export function longPassages(doc: ParallelStatement, page: ColumnPage): string[] {
  return passagesOf(doc.statement)
    .filter((passage) => {
      const segments = blockSegments(passage.block);
      const heights = doc.parallel.docs.map((d) => {
        const arabic = d.language.script === 'Arab';
        const size = page.sizePt * (arabic ? ARABIC.size : 1);
        const perLine = Math.max(1, Math.floor(page.columnWidth / (size * EM_PER_CHARACTER)));
        const lines = segments.reduce((sum, s) => sum + Math.ceil(plainText(d.segment(s).inline).length / perLine), 0);
        return lines * size * (page.leading + (arabic ? ARABIC.leading : 0));
      });
      return Math.max(...heights) > page.bodyHeight;
    })
    .map((passage) => passage.key);
}
