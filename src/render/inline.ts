import type { Inline, LinkNode } from '../model/inline.js';
import { escapeHtml } from './escape.js';
import { keepInlineTags } from './inline-tags.js';
import { renderInline, type InlineRenderer } from './walk.js';

const SAFE_URL = /^(?:https?:\/\/|mailto:|#)/i;

/** Links may point to the web, to e-mail or within the page; never to scripts, data or local files. */
export function isSafeUrl(href: string): boolean {
  return SAFE_URL.test(href.trim());
}

const LRI = '\u2066';
const RLI = '\u2067';
const PDI = '\u2069';

const htmlRenderer: InlineRenderer = {
  text: (node) => escapeHtml(node.text),
  emphasis: (node, inner) => `<em>${inner(node.children)}</em>`,
  strong: (node, inner) => `<strong>${inner(node.children)}</strong>`,
  strikethrough: (node, inner) => `<del>${inner(node.children)}</del>`,
  code: (node) => `<code>${escapeHtml(node.text)}</code>`,
  break: () => '<br>',
  link: (node, inner) => {
    if (!isSafeUrl(node.href)) return inner(node.children);
    const title = node.title ? ` title="${escapeHtml(node.title)}"` : '';
    return `<a href="${escapeHtml(node.href)}"${title}>${inner(node.children)}</a>`;
  },
  image: (node) => escapeHtml(plainText(node.alt)),
  language: (node, inner) => `<span lang="${escapeHtml(node.lang)}" dir="${node.dir}">${inner(node.children)}</span>`,
  html: (node) => escapeHtml(node.text),
};

/**
 * Inline nodes → HTML. Raw HTML is shown as text, never interpreted; links with unsafe targets lose
 * the link; images become their alt text. The result then goes through a sanitiser that allows only
 * the tags this renderer emits, so a bug here cannot open a hole.
 */
export function renderInlineHtml(nodes: readonly Inline[]): string {
  return keepInlineTags(renderInline(nodes, htmlRenderer));
}

export interface TextLinks {
  urls: string[];
  /** How reference numbers are written (the language's own digits). */
  number: (n: number) => string;
}

/**
 * Inline nodes → plain text. With `links` (the text edition), each link becomes "text [n]" and its
 * target is added to `links.urls`, and struck-through words are marked ~~so~~; without, a link is
 * just its text. A passage in another language is isolated
 * (U+2066/U+2067 … U+2069) so that its direction does not reorder the words around it.
 */
export function renderInlineText(nodes: readonly Inline[], links?: TextLinks): string {
  if (!links) return renderInline(nodes, plainRenderer);
  const references: string[] = [];
  return placeReferences(renderInline(nodes, textRenderer(links, references)), references);
}

/** Inline nodes → the words alone (titles, metadata), links reduced to their text. */
export function plainText(nodes: readonly Inline[]): string {
  return renderInline(nodes, plainRenderer);
}

/**
 * Where a link's reference goes, marked in the text while it is rendered: a noncharacter, which no
 * text Broadside reads may hold (the character checks refuse them).
 */
const REFERENCE = '\uFDD0';

function textRenderer(links: TextLinks, references: string[]): InlineRenderer {
  // The mark is a character no text may hold: should one come through anyway, it is dropped.
  const unmarked = (text: string): string => text.replaceAll(REFERENCE, '');
  return {
    ...plainRenderer,
    text: (node) => unmarked(node.text),
    code: (node) => unmarked(node.text),
    html: (node) => unmarked(node.text),
    // Struck-through words are not words the text says; plain text marks them as pandoc does.
    strikethrough: (node, inner) => `~~${inner(node.children)}~~`,
    link: (node, inner) => {
      const { text, reference } = linkToText(node, inner(node.children), links);
      if (!reference) return text;
      references.push(reference);
      return text + REFERENCE;
    },
  };
}

const plainRenderer: InlineRenderer = {
  text: (node) => node.text,
  emphasis: (node, inner) => inner(node.children),
  strong: (node, inner) => inner(node.children),
  strikethrough: (node, inner) => inner(node.children),
  code: (node) => node.text,
  break: () => '\n',
  link: (node, inner) => inner(node.children),
  image: (node, inner) => inner(node.alt),
  language: (node, inner) => `${node.dir === 'rtl' ? RLI : LRI}${inner(node.children)}${PDI}`,
  html: (node) => node.text,
};

// Made on first use: creating a segmenter loads ICU data, and most texts have no link to place.
let words: Intl.Segmenter | undefined;
/** A format character: word segmentation looks through it, so a word runs on across it. */
const WORD_JOINER = '\u2060';

/**
 * Puts each reference where its mark is, or, when the link ends inside a word ([net](…)works),
 * after the end of that word (Unicode word boundaries, read over the whole text, whatever the
 * inline nodes it is made of), so the plain text never cuts a word in two. The marks of
 * struck-through text (`~~`) are read as joining what they stand between, as the words they mark
 * are read without them.
 */
function placeReferences(marked: string, references: readonly string[]): string {
  if (references.length === 0) return marked;
  const parts = marked.split(REFERENCE);
  const text = parts.join('');
  words ??= new Intl.Segmenter('und', { granularity: 'word' });
  const segments = words.segment(text.replace(/~/g, WORD_JOINER));
  let out = '';
  let from = 0;
  let at = 0;
  parts.slice(0, -1).forEach((part, k) => {
    at += part.length;
    const word = at > 0 ? segments.containing(at - 1) : undefined;
    const end = Math.max(at, from, word?.isWordLike ? word.index + word.segment.length : at);
    out += text.slice(from, end) + references[k];
    from = end;
  });
  return out + text.slice(from);
}

/** A link's text and, with `links`, the reference " [n]" to its target, unless the text is the address itself. */
function linkToText(link: LinkNode, text: string, links: TextLinks): { text: string; reference?: string } {
  const href = link.href;
  if (!isSafeUrl(href) || href.startsWith('#')) return { text };
  const target = href.replace(/^mailto:/, '');
  const written = text.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, (scheme) => scheme.toLowerCase());
  if (text === href || text === target) return { text: target };
  // An address written out with its scheme in capitals (<MAILTO:A@B>) is shown as written.
  if (written === href) return { text };
  let n = links.urls.indexOf(href) + 1;
  if (n === 0) n = links.urls.push(href);
  return { text, reference: ` [${links.number(n)}]` };
}
