import type { LocalizedStatement } from '../localize/localize.js';
import { plainText } from '../render/inline.js';
import { fillTemplate } from '../render/template.js';

/** CSS counter styles for the numbering systems Broadside formats dates with. */
const COUNTER_STYLE: Record<string, string> = { latn: 'decimal', arab: 'arabic-indic', arabext: 'persian', hebr: 'hebrew' };

/**
 * The per-page print stylesheet: paper size, a running head with the organisation and title, and
 * "page N of M" in the language's words and digits, set in CSS margin boxes (which use the web fonts,
 * unlike Chromium's header and footer templates).
 */
export function writePrintCss(doc: LocalizedStatement, template: string): string {
  const { meta } = doc.statement;
  const title = plainText(doc.segment(meta.title).inline);
  const organization = meta.organization ? plainText(doc.segment(meta.organization).inline) : '';
  return fillTemplate(
    template,
    {
      paper: doc.language.paper === 'a5' ? 'A5' : doc.language.paper === 'a4' ? 'A4' : doc.language.paper,
      runningHead: cssString(organization ? `${organization} · ${title}` : title),
      pageNumbers: pageNumbers(doc),
    },
    'print.css',
  );
}

function pageNumbers(doc: LocalizedStatement): string {
  const style = COUNTER_STYLE[doc.language.numbering] ?? 'decimal';
  const marker = '\u0000';
  const text = doc.t('pageOf', { page: `${marker}page${marker}`, pages: `${marker}pages${marker}` });
  return text
    .split(marker)
    .filter((part) => part !== '')
    .map((part) => (part === 'page' || part === 'pages' ? `counter(${part}, ${style})` : `"${cssString(part)}"`))
    .join(' ');
}

function cssString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ');
}
