import type { ParallelStatement } from '../editions/edition.js';
import { escapeHtml } from '../render/escape.js';
import { plainText } from '../render/inline.js';
import type { Edition } from './html.js';
import { FORMAT_LABEL } from './index-page.js';
import { artifactPath, type Format } from './paths.js';

/**
 * The index's line for a parallel edition of a statement: its title in each of its languages, each
 * tagged with its own, and links to the formats it was built in.
 */
export function editionIndexItem(doc: ParallelStatement, editions: readonly Edition[], formats: readonly Format[]): string {
  const { statement } = doc;
  const titles = doc.parallel.docs.map((d) => {
    const title = d.segment(statement.meta.title);
    return `<span lang="${title.lang}" dir="${title.dir}">${escapeHtml(plainText(title.inline))}</span>`;
  });
  const names = doc.parallel.docs.map((d) => {
    const e = editions.find((x) => x.code === d.language.code)!;
    return `<span lang="${e.code}" dir="${e.dir}" data-script="${e.script}">${escapeHtml(e.name)}</span>`;
  });
  const links = formats.map((f) => `<a href="${artifactPath(statement.id, doc.parallel.id, f)}">${FORMAT_LABEL[f]}</a>`);
  return `<li class="parallel">${titles.join(' · ')} <span class="formats">(${names.join(' · ')}: ${links.join(', ')})</span></li>`;
}
