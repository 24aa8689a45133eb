import type { LocalizedStatement } from '../localize/localize.js';
import { plainText } from '../render/inline.js';
import { fillTemplate } from '../render/template.js';

/** CSS counter styles for the numbering systems Broadside formats dates with. */
const COUNTER_STYLE: Record<string, string> = { latn: 'decimal', arab: 'arabic-indic', arabext: 'persian', hebr: 'hebrew' };

type Paper = LocalizedStatement['language']['paper'];

/** Each paper's CSS page size name. */
export const PAPER_CSS: Record<Paper, string> = { a4: 'A4', letter: 'letter', legal: 'legal', a5: 'A5' };

/**
 * Paper width and the page design for it, in millimetres: the measure (the width of the text, about
 * 65 characters of 11 pt Noto Serif), centred, and the head and foot margins, which hold the running
 * head and the page number.
 */
const PAGES: Record<Paper, { width: number; height: number; measure: number; head: number; foot: number }> = {
  a4: { width: 210, height: 297, measure: 118, head: 24, foot: 26 },
  letter: { width: 215.9, height: 279.4, measure: 118, head: 20, foot: 22 },
  legal: { width: 215.9, height: 355.6, measure: 118, head: 22, foot: 24 },
  a5: { width: 148, height: 210, measure: 100, head: 16, foot: 18 },
};

/**
 * How far an edition may be tightened to end on fewer pages, the same for every language and paper:
 * each level takes 0.125 pt off the type size, 0.0125 off the leading and 1 mm off the head and foot
 * margins, and widens the measure by 1.5 mm. At the last level the body is 10.5 pt (never below 10),
 * which wins about a sixth of a page: enough for an edition that overflows by a few lines.
 */
export const FIT_LEVELS = 4;
/** What each level wins, about: a sixth of a page per page over the four levels. */
export const FIT_GAIN_PER_LEVEL = 1 / 24;
const BODY_SIZE = 11;

export interface PageSettings {
  sizePt: number;
  leading: number;
  margins: { top: number; side: number; bottom: number };
}

/** The type size, leading and margins of a paper at a fit level (0: the design as drawn). */
export function pageSettings(paper: Paper, level = 0): PageSettings {
  if (level < 0 || level > FIT_LEVELS) throw new Error(`fit level ${level} is outside 0..${FIT_LEVELS}`);
  const page = PAGES[paper];
  const measure = page.measure + 1.5 * level;
  return {
    sizePt: Math.max(10, BODY_SIZE - 0.125 * level),
    leading: Math.round((1.4 - 0.0125 * level) * 10000) / 10000,
    margins: { top: page.head - level, side: Math.round(((page.width - measure) / 2) * 100) / 100, bottom: page.foot - level },
  };
}

/**
 * The per-page print stylesheet: paper size, type size, leading and margins, a running head with the
 * organisation and title, and "page N of M" in the language's words and digits, set in CSS margin
 * boxes (which use the web fonts, unlike Chromium's header and footer templates).
 */
export function writePrintCss(doc: LocalizedStatement, template: string, fitLevel = 0): string {
  const { meta } = doc.statement;
  const title = plainText(doc.segment(meta.title).inline);
  const organization = meta.organization ? plainText(doc.segment(meta.organization).inline) : '';
  const settings = pageSettings(doc.language.paper, fitLevel);
  return fillTemplate(
    template,
    {
      paper: PAPER_CSS[doc.language.paper],
      size: `${settings.sizePt}pt`,
      leading: String(settings.leading),
      margins: `${settings.margins.top}mm ${settings.margins.side}mm ${settings.margins.bottom}mm`,
      measure: `${Math.round((PAGES[doc.language.paper].width - 2 * settings.margins.side) * 100) / 100}mm`,
      textHeight: `${Math.round((PAGES[doc.language.paper].height - settings.margins.top - settings.margins.bottom) * 100) / 100}mm`,
      runningHead: cssString(organization ? `${organization} · ${title}` : title),
      pageNumbers: pageNumbers(doc),
    },
    'print.css',
  );
}

export function pageNumbers(doc: LocalizedStatement): string {
  const style = COUNTER_STYLE[doc.language.numbering] ?? 'decimal';
  const marker = '\u0000';
  const text = doc.t('pageOf', { page: `${marker}page${marker}`, pages: `${marker}pages${marker}` });
  return text
    .split(marker)
    .filter((part) => part !== '')
    .map((part) => (part === 'page' || part === 'pages' ? `counter(${part}, ${style})` : `"${cssString(part)}"`))
    .join(' ');
}

export function cssString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ');
}
