/** Paths the preview server answers itself: no statement id starts with `_`, so no built file has them. */
export const EVENTS_PATH = '/__broadside/events';
export const RELOAD_SCRIPT_PATH = '/__broadside/reload.js';

/** The whole client: reload the page when the server says a build finished. */
export const RELOAD_SCRIPT = `new EventSource(${JSON.stringify(EVENTS_PATH)}).addEventListener('reload', () => location.reload());\n`;

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">\n?/i;

export interface LiveReloadPage {
  html: string;
  /** The page's own policy, plus this server's script and event stream; sent as a header. */
  policy?: string;
}

/**
 * A built page as the preview serves it, with the reload script. Its Content-Security-Policy moves from
 * the <meta>, which forbids every script, into a header: a header cannot loosen a <meta> policy (a
 * browser enforces both), so the <meta> has to go. Every other rule of the page's policy is kept, so
 * the preview still shows what the policy blocks.
 */
export function withLiveReload(html: string): LiveReloadPage {
  const meta = CSP_META.exec(html);
  const page = meta ? html.slice(0, meta.index) + html.slice(meta.index + meta[0].length) : html;
  const script = `<script src="${RELOAD_SCRIPT_PATH}"></script>\n`;
  const headEnd = page.search(/<\/head>/i);
  return {
    html: headEnd === -1 ? page + script : page.slice(0, headEnd) + script + page.slice(headEnd),
    policy: meta ? allowReloadScript(meta[1]!) : undefined,
  };
}

function allowReloadScript(policy: string): string {
  const kept = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive && !/^(script-src|connect-src)(\s|$)/i.test(directive));
  return [...kept, "script-src 'self'", "connect-src 'self'"].join('; ');
}
