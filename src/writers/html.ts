import type { LocalizedSegment, LocalizedStatement } from '../localize/localize.js';
import { openGraphLocale } from '../model/languages.js';
import { describe } from '../localize/describe.js';
import { UnknownBlockError, type Block, type Segment } from '../model/statement.js';
import { escapeHtml } from '../render/escape.js';
import { plainText, renderInlineHtml } from '../render/inline.js';
import { fillTemplate } from '../render/template.js';
import { typesetHtml } from '../render/typeset.js';
import { artifactPath, type Format } from './paths.js';

export interface Edition {
  code: string;
  dir: 'ltr' | 'rtl';
  /** ISO 15924 script code: the name is drawn in that script's face. */
  script: string;
  /** The language's name in itself (its own `languageName` interface string). */
  name: string;
}

export interface PageContext {
  /** Every language the statement is published in, in configuration order. */
  editions: Edition[];
  /** The other formats this edition has, to link: in the order of the writers' list. */
  downloads: ReadonlyArray<{ format: Format; mediaType: string; label: string }>;
  baseUrl?: string;
  template: string;
}

/** A language in the page's switcher, named in itself, in its own direction and script. */
export function languageLinkHtml(edition: Edition, href: string, current = false): string {
  const e = edition;
  return `<li><a href="${escapeHtml(href)}"${current ? ' aria-current="page"' : ''} hreflang="${e.code}" lang="${e.code}" dir="${e.dir}" data-script="${e.script}">${escapeHtml(e.name)}</a></li>`;
}

/** The links to the edition's other formats, which sit beside its page in `folder`. */
export function downloadLinksHtml(doc: LocalizedStatement, folder: string, context: PageContext): string[] {
  return context.downloads.map(({ format, mediaType, label }) => {
    const file = artifactPath(doc.statement.id, folder, format).split('/').pop()!;
    return `<li><a href="${file}" type="${mediaType}">${interfaceHtml(doc, label)}</a></li>`;
  });
}

/** One standalone HTML page for one statement in one language. Pure. */
export function writeHtml(doc: LocalizedStatement, context: PageContext): string {
  const { statement, language, t } = doc;
  const { meta } = statement;
  const title = plain(doc.segment(meta.title));
  const organization = meta.organization ? plain(doc.segment(meta.organization)) : '';
  const description = describe(doc);
  const href = (lang: string): string => pageHref(statement.id, language.code, lang, context.baseUrl);
  const others = context.editions.filter((e) => e.code !== language.code);
  const sourceCode = doc.source.code;

  const alternates = [
    ...context.editions.map((e) => `<link rel="alternate" hreflang="${e.code}" href="${escapeHtml(href(e.code))}">`),
    `<link rel="alternate" hreflang="x-default" href="${escapeHtml(href(sourceCode))}">`,
  ];
  if (context.baseUrl) alternates.unshift(`<link rel="canonical" href="${escapeHtml(href(language.code))}">`);
  const languageLinks = context.editions.map((e) =>
    e.code === language.code ? languageLinkHtml(e, 'index.html', true) : languageLinkHtml(e, pageHref(statement.id, language.code, e.code)),
  );
  const downloads = downloadLinksHtml(doc, language.code, context);

  return fillTemplate(
    context.template,
    {
      lang: language.code,
      dir: language.dir,
      script: language.script,
      numbering: language.numbering,
      styleSource: "'self'",
      documentTitle: escapeHtml(organization ? `${title} – ${organization}` : title),
      title: escapeHtml(title),
      description: escapeHtml(description),
      organization: escapeHtml(organization),
      keywords: meta.keywords ? `\n<meta name="keywords" content="${escapeHtml(plain(doc.segment(meta.keywords)))}">` : '',
      alternates: alternates.join('\n'),
      ogLocale: openGraphLocale(language.code),
      ogAlternates: others.map((e) => `<meta property="og:locale:alternate" content="${openGraphLocale(e.code)}">`).join('\n'),
      assets: '../../assets',
      organizationHtml: meta.organization ? inlineSegment(doc, meta.organization) : '',
      languagesLabel: escapeHtml(t('languagesLabel')),
      languageLinks: languageLinks.join('\n'),
      titleHtml: inlineSegment(doc, meta.title),
      isoDate: meta.date,
      published: interfaceHtml(doc, 'published', doc.date),
      body: renderBlocks(doc, statement.blocks, headingLevels(statement.blocks)),
      downloads: downloads.join('\n'),
    },
    'page.html',
  );
}

export function pageHref(statement: string, from: string, to: string, baseUrl?: string): string {
  if (baseUrl) return new URL(artifactPath(statement, to, 'html'), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
  return from === to ? 'index.html' : `../${to}/index.html`;
}

function plain(segment: LocalizedSegment): string {
  return plainText(segment.inline);
}

/** Attributes for a segment's element: language and direction when they differ from the page's. */
function segmentAttributes(doc: LocalizedStatement, segment: LocalizedSegment): string {
  if (segment.state !== 'missing' && segment.state !== 'stale') return '';
  return ` lang="${segment.lang}" dir="${segment.dir}" data-script="${doc.source.script}" class="fallback"`;
}

function fallbackNote(doc: LocalizedStatement, segment: LocalizedSegment): string {
  if (segment.state !== 'missing' && segment.state !== 'stale') return '';
  const key = segment.state === 'missing' ? 'untranslatedNote' : 'staleNote';
  const language = interfaceFellBack(doc, key) ? doc.source : doc.language;
  return `<strong class="fallback-note" lang="${language.code}" dir="${language.dir}" data-script="${language.script}">${escapeHtml(doc.t(key))}</strong> `;
}

/** The interface string was not translated (or is broken), so the source language's is shown. */
function interfaceFellBack(doc: LocalizedStatement, key: string): boolean {
  const id = `interface.${key}`;
  return doc.fallbacks.missing.includes(id) || doc.fallbacks.stale.includes(id) || doc.fallbacks.broken.includes(id);
}

/** Stands for the date while the string around it is escaped. */
const DATE_MARK = '\uE000';

/**
 * An interface string as HTML. Shown in English for want of a translation, it is tagged as English
 * (its punctuation and words then sit right on a right-to-left page), and the date in it, written in
 * the page's language, keeps its own language and direction so that no English word splits it.
 */
export function interfaceHtml(doc: LocalizedStatement, key: string, date?: string): string {
  const text = escapeHtml(date === undefined ? doc.t(key) : doc.t(key, { date: DATE_MARK }));
  if (!interfaceFellBack(doc, key)) return date === undefined ? text : text.replace(DATE_MARK, escapeHtml(date));
  const { language, source } = doc;
  const dated = date === undefined ? text : text.replace(DATE_MARK, `<span lang="${language.code}" dir="${language.dir}">${escapeHtml(date)}</span>`);
  return `<span lang="${source.code}" dir="${source.dir}" data-script="${source.script}">${dated}</span>`;
}

/** A segment's inline HTML, set by the rules of the language it is shown in (a fallback keeps its own). */
function segmentHtml(localized: LocalizedSegment, hyphenate: boolean): string {
  return typesetHtml(renderInlineHtml(localized.inline), localized.lang, localized.dir, { hyphenate });
}

export function inlineSegment(doc: LocalizedStatement, segment: Segment, withNote = false): string {
  const localized = doc.segment(segment);
  const html = segmentHtml(localized, false);
  if (localized.state !== 'missing' && localized.state !== 'stale') return html;
  return `<span${segmentAttributes(doc, localized)}>${withNote ? fallbackNote(doc, localized) : ''}${html}</span>`;
}

function element(doc: LocalizedStatement, tag: string, segment: Segment, extra = ''): string {
  const localized = doc.segment(segment);
  return `<${tag}${extra}${segmentAttributes(doc, localized)}>${fallbackNote(doc, localized)}${segmentHtml(localized, !/^h\d$/.test(tag))}</${tag}>`;
}

/**
 * The HTML level of each Markdown heading level the statement uses, by rank: the title is the h1, the
 * highest level used (`#` or `##` alike) is h2, and no level is skipped, as screen readers and the
 * PDF's structure and bookmarks expect.
 */
export function headingLevels(blocks: Block[]): Map<number, number> {
  const used = new Set<number>();
  const visit = (list: Block[]): void => {
    for (const block of list) {
      if (block.type === 'heading') used.add(block.level);
      if (block.type === 'blockquote') visit(block.blocks);
      if (block.type === 'list') for (const item of block.items) visit(item.children);
    }
  };
  visit(blocks);
  return new Map([...used].sort((a, b) => a - b).map((level, rank) => [level, Math.min(6, rank + 2)]));
}

export function renderBlocks(doc: LocalizedStatement, blocks: Block[], levels: Map<number, number>): string {
  return blocks.map((block) => renderBlock(doc, block, levels)).join('\n');
}

function renderBlock(doc: LocalizedStatement, block: Block, levels: Map<number, number>): string {
  switch (block.type) {
    case 'heading':
      return element(doc, `h${levels.get(block.level)!}`, block.segment, ` id="${block.segment.key}"`);
    case 'paragraph':
      return element(doc, 'p', block.segment);
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : '';
      const items = block.items.map((item) => {
        const children = item.children.length ? `\n${renderBlocks(doc, item.children, levels)}` : '';
        const localized = doc.segment(item.segment);
        const content = `${fallbackNote(doc, localized)}${segmentHtml(localized, true)}${children}`;
        // A list item shown in another language keeps the page's direction, so its number stands
        // where the page's numbers do; the passage inside has its own.
        const attributes = segmentAttributes(doc, localized);
        return attributes ? `<li><div${attributes}>${content}</div></li>` : `<li>${content}</li>`;
      });
      return `<${tag}${start}>\n${items.join('\n')}\n</${tag}>`;
    }
    case 'blockquote':
      return `<blockquote>\n${renderBlocks(doc, block.blocks, levels)}\n</blockquote>`;
    case 'table': {
      const align = (i: number): string => (block.align[i] ? ` data-align="${block.align[i]}"` : '');
      const head = block.header.map((cell, i) => element(doc, 'th', cell, align(i))).join('');
      const rows = block.rows.map((row) => `<tr>${row.map((cell, i) => element(doc, 'td', cell, align(i))).join('')}</tr>`);
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    }
    case 'code':
      return `<pre dir="ltr"><code>${escapeHtml(block.text)}</code></pre>`;
    case 'rule':
      return '<hr>';
    default:
      throw new UnknownBlockError((block as { type: string }).type);
  }
}
