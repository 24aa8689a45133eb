import { Lexer, type Token, type Tokens } from 'marked';
import { escapeHtml } from './escape.js';
import { keepInlineTags } from './inline-tags.js';

// Checks and writers ask for the tokens of the same texts a dozen times over in a build, and no one
// changes tokens; bounded for long-running `build --watch` and `preview`.
const tokensOf = new Map<string, readonly Token[]>();
const KEPT_TEXTS = 10_000;

/** Inline Markdown → tokens; shared by every writer so all formats see the same structure. Never modify them. */
export function inlineTokens(markdown: string): readonly Token[] {
  let tokens = tokensOf.get(markdown);
  if (!tokens) {
    if (tokensOf.size >= KEPT_TEXTS) tokensOf.clear();
    tokensOf.set(markdown, (tokens = new Lexer({ gfm: true }).inlineTokens(markdown)));
  }
  return tokens;
}

const SAFE_URL = /^(?:https?:\/\/|mailto:|#)/i;

/** Links may point to the web, to e-mail or within the page; never to scripts, data or local files. */
export function isSafeUrl(href: string): boolean {
  return SAFE_URL.test(href.trim());
}

/**
 * Inline Markdown → HTML. Raw HTML in the text is shown as text, never interpreted; links with
 * unsafe targets lose the link; images become their alt text. The result then goes through a
 * sanitiser that allows only the tags this function emits, so a bug here cannot open a hole.
 */
export function renderInlineHtml(markdown: string): string {
  return keepInlineTags(tokensToHtml(inlineTokens(markdown)));
}

function tokensToHtml(tokens: readonly Token[]): string {
  return tokens.map(tokenToHtml).join('');
}

function tokenToHtml(token: Token): string {
  switch (token.type) {
    case 'text':
      return 'tokens' in token && token.tokens ? tokensToHtml(token.tokens) : escapeHtml(token.text);
    case 'escape':
      return escapeHtml(token.text);
    case 'strong':
    case 'em':
    case 'del':
      return `<${token.type}>${tokensToHtml(token.tokens ?? [])}</${token.type}>`;
    case 'codespan':
      return `<code>${escapeHtml(token.text)}</code>`;
    case 'br':
      return '<br>';
    case 'link': {
      const link = token as Tokens.Link;
      const inner = tokensToHtml(link.tokens);
      return isSafeUrl(link.href) ? `<a href="${escapeHtml(link.href.trim())}">${inner}</a>` : inner;
    }
    case 'image':
      return escapeHtml((token as Tokens.Image).text);
    case 'html':
      return /^<!--[\s\S]*-->$/.test(token.raw) ? '' : escapeHtml(token.raw);
    default:
      return escapeHtml(token.raw);
  }
}

export interface TextLinks {
  urls: string[];
  /** How reference numbers are written (the language's own digits). */
  number: (n: number) => string;
}

/**
 * Inline Markdown → plain text. With `links`, each link becomes "text [n]" and its target is added
 * to `links.urls`; without, a link is just its text.
 */
export function renderInlineText(markdown: string, links?: TextLinks): string {
  return tokensToText(inlineTokens(markdown), links);
}

// Made on first use: creating a segmenter loads ICU data, and most texts have no link to place.
let words: Intl.Segmenter | undefined;

function tokensToText(tokens: readonly Token[], links: TextLinks | undefined): string {
  let out = '';
  // The reference of a link that ends inside a word ([net](…)works) waits for the end of the word
  // (Unicode word boundaries), so the plain text never cuts a word in two.
  let pending = '';
  let linked = '';
  for (const token of tokens) {
    const { text, reference = '' } = token.type === 'link' ? linkToText(token as Tokens.Link, links) : { text: tokenToText(token, links) };
    const end = pending ? wordEnd(linked, text) : undefined;
    if (end === undefined) {
      out += text;
      linked += text;
    } else {
      out += `${text.slice(0, end)}${pending}${text.slice(end)}`;
      [pending, linked] = ['', ''];
    }
    if (reference) [pending, linked] = [pending + reference, linked || text];
  }
  return out + pending;
}

/** Where in `text` the word that the end of `before` is in ends; undefined when it runs on past `text`. */
function wordEnd(before: string, text: string): number | undefined {
  words ??= new Intl.Segmenter('und', { granularity: 'word' });
  const word = words.segment(before + text).containing(before.length - 1);
  const end = word ? word.index + word.segment.length - before.length : 0;
  return end < text.length ? Math.max(0, end) : undefined;
}

/** A link's text and, with `links`, the reference " [n]" to its target, unless the text is the address itself. */
function linkToText(link: Tokens.Link, links: TextLinks | undefined): { text: string; reference?: string } {
  const text = tokensToText(link.tokens, links);
  const href = link.href.trim();
  if (!links || !isSafeUrl(href) || href.startsWith('#')) return { text };
  const target = href.replace(/^mailto:/i, '');
  if (text === href || text === target) return { text: target };
  let n = links.urls.indexOf(href) + 1;
  if (n === 0) n = links.urls.push(href);
  return { text, reference: ` [${links.number(n)}]` };
}

function tokenToText(token: Token, links: TextLinks | undefined): string {
  switch (token.type) {
    case 'text':
      return 'tokens' in token && token.tokens ? tokensToText(token.tokens, links) : token.text;
    case 'escape':
    case 'codespan':
      return token.text;
    case 'strong':
    case 'em':
    case 'del':
      return tokensToText(token.tokens ?? [], links);
    case 'br':
      return '\n';
    case 'image':
      return (token as Tokens.Image).text;
    case 'html':
      return /^<!--[\s\S]*-->$/.test(token.raw) ? '' : token.raw;
    default:
      return token.raw;
  }
}

/** Inline Markdown → the words alone (titles, metadata), links reduced to their text. */
export function plainText(markdown: string): string {
  return renderInlineText(markdown);
}
