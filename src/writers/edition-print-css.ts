import type { ParallelStatement } from '../editions/edition.js';
import { longPassages } from '../editions/long-passages.js';
import { plainText } from '../render/inline.js';
import { fillTemplate } from '../render/template.js';
import { cssString, PAPER_CSS, pageNumbers, pageSettings } from './print-css.js';

/**
 * Side margins of a page of columns, in millimetres, by paper: the columns take the page's width
 * less these, so that two or three of them each hold a readable line (A4: three columns of about
 * 55 mm, some 35 characters of 9.5 pt, or two of 85 mm).
 */
const COLUMN_SIDE_MARGIN = { a4: 16, letter: 16, legal: 16, a5: 12 } as const;

/** Width and height of each paper, in millimetres. */
const PAPER_MM = { a4: [210, 297], letter: [215.9, 279.4], legal: [215.9, 355.6], a5: [148, 210] } as const;

/** Between two columns (templates/edition.css: --gutter in print). */
const GUTTER_MM = 6;

const PT_PER_MM = 72 / 25.4;

/** Type size of the columns, by their number: smaller as they narrow; fitting takes off what it takes for single editions. */
const COLUMN_SIZE_PT: Record<number, number> = { 2: 10, 3: 9.5 };

/**
 * A parallel edition's print stylesheet: its paper, margins, type size and leading, and the running
 * head and page numbers of its first language. Stacked, it is set on the single editions' measure;
 * in columns, on nearly the page's width. Fitting to fewer pages tightens it as it does a single edition.
 */
export function writeEditionPrintCss(doc: ParallelStatement, template: string, fitLevel = 0): string {
  const { meta } = doc.statement;
  const paper = doc.language.paper;
  const settings = pageSettings(paper, fitLevel);
  const { layout, docs } = doc.parallel;
  const columns = layout === 'columns';
  const title = plainText(doc.segment(meta.title).inline);
  const organization = meta.organization ? plainText(doc.segment(meta.organization).inline) : '';
  const side = columns ? COLUMN_SIDE_MARGIN[paper] : settings.margins.side;
  const shrink = pageSettings(paper).sizePt - settings.sizePt;
  const size = columns ? (COLUMN_SIZE_PT[docs.length] ?? 9.5) - shrink : settings.sizePt;
  const leading = columns ? Math.round((settings.leading - 0.04) * 10000) / 10000 : settings.leading;
  const [width, height] = PAPER_MM[paper];
  const long = columns
    ? longPassages(doc, {
        columnWidth: ((width - 2 * side - (docs.length - 1) * GUTTER_MM) / docs.length) * PT_PER_MM,
        bodyHeight: (height - settings.margins.top - settings.margins.bottom) * PT_PER_MM,
        sizePt: size,
        leading,
      })
    : [];
  return fillTemplate(
    template,
    {
      paper: PAPER_CSS[paper],
      size: `${size}pt`,
      leading: String(leading),
      margins: `${settings.margins.top}mm ${side}mm ${settings.margins.bottom}mm`,
      runningHead: cssString(organization ? `${organization} · ${title}` : title),
      pageNumbers: pageNumbers(doc),
      longPassages: long.map((key) => `.passage[data-key="${cssString(key)}"] { break-inside: auto; page-break-inside: auto; }\n`).join(''),
    },
    'edition-print.css',
  );
}
