export type RequestPath = { file: string; endsWithSlash: boolean } | { refused: 400 | 403 };

/**
 * The file a request names, relative to the served folder with `/` between segments, or why it is
 * refused. Checked on the raw request, so `..` is refused rather than resolved, also when encoded
 * (`%2e%2e`), and so are NUL and backslashes.
 */
export function requestPath(url: string): RequestPath {
  const raw = url.split(/[?#]/, 1)[0]!;
  if (!raw.startsWith('/')) return { refused: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { refused: 400 };
  }
  const segments = decoded.split('/');
  if (/[\0\\]/.test(decoded) || segments.includes('..')) return { refused: 403 };
  return { file: segments.filter((s) => s && s !== '.').join('/'), endsWithSlash: decoded.endsWith('/') };
}
