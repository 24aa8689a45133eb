import { escapeHtml } from '../render/escape.js';

/** The stylesheet of the status line; the pages' policy allows styles from the server only. */
export const STATUS_STYLESHEET_PATH = '/__broadside/status.css';

/** One edition's status line, in its own language: when the last rebuild ended, and its PDF and text. */
export interface StatusLine {
  lang: string;
  dir: 'ltr' | 'rtl';
  /** "Rebuilt at 14:03:07 in 0.4 s", in the edition's language. */
  rebuilt: string;
  /** Links to the edition's files, each with its label in the edition's language; a PDF still being made has `pending` instead of a link. */
  files: { label: string; href?: string; pending?: string }[];
}

/**
 * The line as HTML, fixed at the foot of the window. Every text in it is escaped: the labels are
 * translators' text. The links carry the rebuild's number, so a browser never shows a file of an
 * earlier rebuild from its cache.
 */
export function statusLineHtml(line: StatusLine, rebuild: number): string {
  const files = line.files.map((file) =>
    file.href === undefined ? `<span class="pending">${escapeHtml(file.pending ?? file.label)}</span>` : `<a href="${escapeHtml(`${file.href}?rebuild=${rebuild}`)}">${escapeHtml(file.label)}</a>`,
  );
  return `<p class="broadside-preview-status" role="status" lang="${escapeHtml(line.lang)}" dir="${line.dir}"><span class="rebuilt">${escapeHtml(line.rebuilt)}</span> · ${files.join(' · ')}</p>`;
}

/** Inserts the line last in the page's body, with its stylesheet in the head. */
export function withStatusLine(html: string, lineHtml: string): string {
  const link = `<link rel="stylesheet" href="${STATUS_STYLESHEET_PATH}">\n`;
  const headEnd = html.search(/<\/head>/i);
  const withLink = headEnd === -1 ? link + html : html.slice(0, headEnd) + link + html.slice(headEnd);
  const bodyEnd = withLink.search(/<\/body>/i);
  return bodyEnd === -1 ? `${withLink}${lineHtml}\n` : `${withLink.slice(0, bodyEnd)}${lineHtml}\n${withLink.slice(bodyEnd)}`;
}

export const STATUS_STYLESHEET = `.broadside-preview-status {
  position: fixed; inset: auto 0 0 0; z-index: 2147483646; margin: 0; padding: .3rem 1rem;
  background: #f3f4f6; color: #1f2937; border-top: 1px solid #d1d5db; font: 13px/1.4 system-ui, sans-serif;
}
.broadside-preview-status a { color: #1d4ed8; }
.broadside-preview-status .pending { color: #6b7280; font-style: italic; }
@media print { .broadside-preview-status { display: none; } }
`;
