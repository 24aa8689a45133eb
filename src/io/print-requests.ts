import type { HTTPRequest } from 'puppeteer-core';

/** A made-up origin: pages are never loaded from file://, so they cannot reach local files. */
export const PRINT_ORIGIN = 'https://print.broadside.invalid';

const CONTENT_TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', woff2: 'font/woff2' };

/** What a print tab shows now, for answering its requests. */
export interface ShownPage {
  /** The address the tab's document has (the first page it navigated to), under PRINT_ORIGIN. */
  location: string;
  /** The page shown now; files beside `location` are answered with the files beside it. */
  page: string;
  /** The only files the page may load, by path under PRINT_ORIGIN. */
  files: (path: string) => string | Uint8Array | undefined;
}

/**
 * The print tab's request policy: a GET under PRINT_ORIGIN for one of the build's own files (the
 * page, its print stylesheet, the shared stylesheet and fonts) is answered from memory; everything
 * else (the network, file://, data the page did not come with) is refused and reported.
 */
export function answerRequest(request: HTTPRequest, shown: ShownPage | undefined, onBlocked?: (url: string) => void): void {
  const url = request.url();
  const requested = url.startsWith(`${PRINT_ORIGIN}/`) ? decodeURIComponent(new URL(url).pathname.slice(1)) : undefined;
  const besidePage = requested !== undefined && shown !== undefined && requested.startsWith(folderOf(shown.location));
  const path = besidePage ? folderOf(shown.page) + requested.slice(folderOf(shown.location).length) : requested;
  const body = path === undefined || !shown ? undefined : shown.files(path);
  if (body === undefined || request.method() !== 'GET') {
    onBlocked?.(url);
    void request.abort('blockedbyclient');
    return;
  }
  const extension = path!.split('.').pop()!;
  void request.respond({
    status: 200,
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    // Files beside the page change with the edition shown; the shared fonts and stylesheets do not.
    headers: { 'cache-control': besidePage ? 'no-store' : 'max-age=86400, immutable' },
    body: typeof body === 'string' ? Buffer.from(body) : body,
  });
}

/** `a/b/page.html` → `a/b/`. */
function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}
