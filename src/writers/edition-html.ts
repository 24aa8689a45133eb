import { describe } from '../localize/describe.js';
import type { LocalizedStatement } from '../localize/localize.js';
import { passagesOf, type ParallelStatement } from '../editions/edition.js';
import type { Block } from '../model/statement.js';
import { escapeHtml } from '../render/escape.js';
import { plainText } from '../render/inline.js';
import { fillTemplate } from '../render/template.js';
import { downloadLinksHtml, headingLevels, inlineSegment, interfaceHtml, languageLinkHtml, pageHref, renderBlocks, type PageContext } from './html.js';

/**
 * One HTML page for a parallel edition: each passage is a row with one cell per language, in the
 * edition's order. The row is a grid whose cells start on the same line (first baselines aligned),
 * and the page's direction is the first language's, so a Hebrew-first edition reads right to left.
 * Every cell carries its own language, direction and script, so each column is set, and read
 * aloud, in its own language; a screen reader reads a passage language by language. Pure.
 */
export function writeEditionHtml(doc: ParallelStatement, context: PageContext): string {
  const { statement, language } = doc;
  const { meta } = statement;
  const { docs, layout, id } = doc.parallel;
  const levels = headingLevels(statement.blocks);
  const title = docs.map((d) => plainText(d.segment(meta.title).inline)).join(' · ');
  const organization = meta.organization ? plainText(doc.segment(meta.organization).inline) : '';
  const names = new Map(context.editions.map((e) => [e.code, e]));

  const row = (kind: string, cell: (d: LocalizedStatement) => string, key = kind): string =>
    `<div class="passage" data-passage="${kind}" data-key="${key}">\n${docs.map((d) => {
      const name = names.get(d.language.code)!.name;
      // A group with a language is what Chromium tags as a Div with /Lang: each cell's text is tagged with its language.
      return `<div class="cell" role="group" aria-label="${escapeHtml(name)}" ${languageAttributes(d)}>${languageMark(name)}${cell(d)}</div>`;
    }).join('\n')}\n</div>`;
  const rows = [
    ...(meta.organization ? [row('organization', (d) => `<p class="organization">${inlineSegment(d, meta.organization!)}</p>`)] : []),
    row('title', (d) => `<h1>${inlineSegment(d, meta.title)}</h1>`),
    row('dateline', (d) => `<p class="dateline"><time datetime="${meta.date}">${interfaceHtml(d, 'published', d.date)}</time></p>`),
    ...passagesOf(statement).map((passage) => row(passage.kind, (d) => headingId(renderBlocks(d, [passage.block], levels), passage.block, d === docs[0] ? '' : `-${d.language.code}`), passage.key)),
  ];
  const languageLinks = docs.map((d) => languageLinkHtml(names.get(d.language.code)!, pageHref(statement.id, id, d.language.code, context.baseUrl)));
  const downloads = downloadLinksHtml(doc, id, context);
  return fillTemplate(
    context.template,
    {
      lang: language.code,
      dir: language.dir,
      script: language.script,
      numbering: language.numbering,
      layout,
      columns: String(docs.length),
      documentTitle: escapeHtml(organization ? `${title} – ${organization}` : title),
      description: escapeHtml(describe(doc)),
      organization: escapeHtml(organization),
      canonical: context.baseUrl ? `\n<link rel="canonical" href="${escapeHtml(pageHref(statement.id, id, id, context.baseUrl))}">` : '',
      assets: '../../assets',
      languagesLabel: escapeHtml(doc.t('languagesLabel')),
      languageLinks: languageLinks.join('\n'),
      rows: rows.join('\n'),
      downloads: downloads.join('\n'),
    },
    'edition.html',
  );
}

/** A heading's id is its key in the first language's cell, and the key and language in the others', so each id is unique. */
function headingId(html: string, block: Block, suffix: string): string {
  return block.type === 'heading' && suffix ? html.replace(` id="${block.segment.key}"`, ` id="${block.segment.key}${suffix}"`) : html;
}

function languageAttributes(doc: LocalizedStatement): string {
  const { code, dir, script, numbering } = doc.language;
  return `lang="${code}" dir="${dir}" data-script="${script}" data-numbering="${numbering}"`;
}

/** Shown where the languages are stacked (on a phone, or a stacked edition): which language a passage is in. */
function languageMark(name: string): string {
  return `<p class="language-mark" aria-hidden="true">${escapeHtml(name)}</p>`;
}
