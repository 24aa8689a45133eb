import { BroadsideError, formatLocation } from '../errors.js';
import { escapeHtml } from '../render/escape.js';
import { RELOAD_SCRIPT_PATH } from './live-reload.js';

/** The stylesheet of the error box: the pages' policy allows styles from the server only. */
export const ERROR_STYLESHEET_PATH = '/__broadside/error.css';

/** A failed build as the preview shows it: where, what, the line itself and how to fix it. */
export interface BuildErrorView {
  where?: string;
  message: string;
  frame?: string;
  hint?: string;
}

export function viewOfError(error: unknown): BuildErrorView {
  if (error instanceof BroadsideError) {
    return { where: error.location && formatLocation(error.location), message: error.message, frame: error.frame, hint: error.hint };
  }
  return { message: `internal error: ${error instanceof Error ? error.message : String(error)}`, hint: 'this is a bug in Broadside; please report it.' };
}

/**
 * The error as a box over the page. The message and the line quoted come from the files being
 * edited, translators' text among them, so all of it is escaped: the box can never run script.
 */
export function errorBox(view: BuildErrorView): string {
  const parts = [
    '<aside class="broadside-build-error" role="alert" lang="en" dir="ltr">',
    '<h2>The build failed; this is the last good output</h2>',
    `<p class="message">${view.where ? `<code class="where">${escapeHtml(view.where)}</code>: ` : ''}${escapeHtml(view.message)}</p>`,
  ];
  if (view.frame) parts.push(`<pre class="frame">${escapeHtml(view.frame)}</pre>`);
  if (view.hint) parts.push(`<p class="hint">How to fix: ${escapeHtml(view.hint)}</p>`);
  parts.push('<p class="note">This page reloads when the next build succeeds.</p>', '</aside>');
  return parts.join('\n');
}

/** What the preview serves in place of a page that no build has made yet. */
export function errorPage(view: BuildErrorView): string {
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<title>Build failed — Broadside preview</title>
<link rel="stylesheet" href="${ERROR_STYLESHEET_PATH}">
<script src="${RELOAD_SCRIPT_PATH}"></script>
</head>
<body>
${errorBox(view).replace('this is the last good output', 'no output to show yet')}
</body>
</html>
`;
}

/** Inserts the box first in the page's body. */
export function withErrorBox(html: string, view: BuildErrorView): string {
  const link = `<link rel="stylesheet" href="${ERROR_STYLESHEET_PATH}">\n`;
  const headEnd = html.search(/<\/head>/i);
  const withLink = headEnd === -1 ? link + html : html.slice(0, headEnd) + link + html.slice(headEnd);
  // Found by hand: a regex for the tag would be quadratic on a page of many "<body" without ">".
  const bodyStart = withLink.search(/<body\b/i);
  const tagEnd = bodyStart === -1 ? -1 : withLink.indexOf('>', bodyStart);
  if (tagEnd === -1) return withLink + errorBox(view);
  const at = tagEnd + 1 + (withLink[tagEnd + 1] === '\n' ? 1 : 0);
  return withLink.slice(0, at) + errorBox(view) + '\n' + withLink.slice(at);
}

export const ERROR_STYLESHEET = `.broadside-build-error {
  position: fixed; inset: 1rem 1rem auto 1rem; z-index: 2147483647; max-height: 80vh; overflow: auto;
  background: #fff5f5; color: #3b0000; border: 3px solid #b00020; border-radius: 6px; padding: 1rem 1.25rem;
  font: 15px/1.45 system-ui, sans-serif; box-shadow: 0 4px 24px rgb(0 0 0 / 25%); text-align: left;
}
.broadside-build-error h2 { margin: 0 0 .5rem; font-size: 1.1rem; color: #b00020; }
.broadside-build-error .where { font-weight: bold; }
.broadside-build-error .frame { background: #fff; border: 1px solid #e0b4b4; padding: .5rem; overflow-x: auto; font: 13px/1.4 ui-monospace, monospace; unicode-bidi: plaintext; }
.broadside-build-error .note { margin-bottom: 0; font-size: .85rem; color: #6b3030; }
`;
