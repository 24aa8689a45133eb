import type { Inline } from '../model/inline.js';
import { escapeHtml } from '../render/escape.js';
import { plainText } from '../render/inline.js';
import type { Edition } from './html.js';
import { artifactPath, type Format } from './paths.js';

export interface IndexEntry {
  statement: string;
  date: string;
  /** Title per language code, in that language (or the fallback when untranslated). */
  titles: Map<string, { title: Inline[]; lang: string; dir: string; script: string }>;
  /** The statement's parallel editions, as list items (writers/edition-index.ts). */
  parallel?: string[];
}

export const FORMAT_LABEL: Record<Format, string> = { html: 'HTML', pdf: 'PDF', txt: 'Text' };

/** dist/index.html: every statement in every language, with links to each format that was built. */
export function writeIndex(entries: IndexEntry[], editions: Edition[], formats: readonly Format[], sourceLang: string): string {
  const sections = entries.map((entry) => {
    const items = editions
      .filter((e) => entry.titles.has(e.code))
      .map((e) => {
        const title = entry.titles.get(e.code)!;
        const links = formats.map((f) => `<a href="${artifactPath(entry.statement, e.code, f)}" hreflang="${e.code}">${FORMAT_LABEL[f]}</a>`);
        return `<li><span lang="${title.lang}" dir="${title.dir}" data-script="${title.script}">${escapeHtml(plainText(title.title))}</span> <span class="formats">(<span lang="${e.code}" dir="${e.dir}" data-script="${e.script}">${escapeHtml(e.name)}</span>: ${links.join(', ')})</span></li>`;
      });
    const heading = entry.titles.has(sourceLang) ? plainText(entry.titles.get(sourceLang)!.title) : entry.statement;
    return `<section>\n<h2 id="${entry.statement}">${escapeHtml(heading)} <span class="formats"><time datetime="${entry.date}">${entry.date}</time></span></h2>\n<ul>\n${[...items, ...(entry.parallel ?? [])].join('\n')}\n</ul>\n</section>`;
  });
  return `<!DOCTYPE html>
<html lang="${sourceLang}" dir="ltr" data-script="Latn">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Statements</title>
<link rel="stylesheet" href="assets/fonts.css">
<link rel="stylesheet" href="assets/broadside.css">
</head>
<body>
<main class="index">
<h1>Statements</h1>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
