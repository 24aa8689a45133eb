import { decodeHTMLStrict } from 'entities/decode';
import { Lexer, Marked, type MarkedOptions, type Token, type TokenizerExtension, type Tokens } from 'marked';
import { canonicalLanguageTag, directionOf } from '../model/languages.js';
import type { Content, Inline, LinkDefinitions, Span } from '../model/inline.js';

/** `[texte]{lang=fr}`: the text in brackets is in the language named in braces. */
const LANGUAGE_SPAN = /^\[((?:\\.|[^\\\]\n])*)\]\{lang=([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\}/;

const languageSpan: TokenizerExtension = {
  name: 'languageSpan',
  level: 'inline',
  start: (src) => src.indexOf('['),
  tokenizer(src) {
    const match = LANGUAGE_SPAN.exec(src);
    if (!match || canonicalLanguageTag(match[2]!) === undefined) return undefined;
    return { type: 'languageSpan', raw: match[0], lang: match[2]!, tokens: this.lexer.inlineTokens(match[1]!) };
  },
};

/** marked's options with Broadside's one extension; every Markdown Broadside reads is lexed with these. */
const LEXER_OPTIONS: MarkedOptions = new Marked({ gfm: true, extensions: [languageSpan] }).defaults;

/** The marked token behind a node the reader could not make sense of: refused by the reader that called. */
export class UnreadableInline extends Error {
  constructor(
    readonly construct: string,
    readonly at: number,
  ) {
    super(`${construct} at ${at}`);
  }
}

/**
 * Inline Markdown, as written (line breaks kept: two spaces or a backslash at a line's end is a
 * hard break), → inline nodes, decoded once and NFC. `definitions` resolves `[text][label]` links: a
 * statement's own, which its translations reuse. An HTML comment is left out (key comments are
 * taken off by the caller); raw HTML becomes an `html` node for the caller to refuse or show.
 */
export function parseInline(markdown: string, definitions: LinkDefinitions = new Map(), onComment?: (comment: string, at: number) => void): Inline[] {
  const lexer = new Lexer(LEXER_OPTIONS);
  const links = lexer.tokens.links as Record<string, { href: string; title: string }>;
  for (const [label, { href, title }] of definitions) links[label] = { href, title: title ?? '' };
  const out = nodes(lexer.inlineTokens(markdown), markdown, 0, onComment);
  // A comment left out at either end leaves the space that stood before or after it.
  const [first, last] = [out[0], out.at(-1)];
  if (first?.type === 'text') first.text = first.text.trimStart();
  if (last?.type === 'text') last.text = last.text.trimEnd();
  return out.filter((node) => node.type !== 'text' || node.text !== '');
}

/** The key marked files a definition under, so that translations look labels up as marked does. */
export function definitionLabel(label: string): string {
  return label.replace(/\s+/g, ' ').toLowerCase();
}

type CommentListener = ((comment: string, at: number) => void) | undefined;

/** `tokens`, the tokens of `raw` (which starts at `offset` in the Markdown read), → nodes with their spans. */
function nodes(tokens: readonly Token[], raw: string, offset: number, onComment: CommentListener): Inline[] {
  const out: Inline[] = [];
  let cursor = 0;
  for (const token of tokens) {
    const found = raw.indexOf(token.raw, cursor);
    const start = found < 0 ? cursor : found;
    cursor = start + token.raw.length;
    const node = toNode(token, offset + start, onComment);
    if (!node) continue;
    // Adjacent text (marked splits it at every character that might start markup) is one node.
    const last = out.at(-1);
    if (node.type === 'text' && last?.type === 'text') {
      last.text += last.text.endsWith(' ') && node.text.startsWith(' ') ? node.text.slice(1) : node.text;
      last.end = node.end;
    } else out.push(node);
  }
  return out;
}

/**
 * Where a container's children are: between its delimiters when its Markdown is the children's
 * between an opening and a closing delimiter (`*a*`, `~~a~~`), or after `open` up to the first
 * `close` that follows the children (`[a](href)`, `[a][label]`).
 */
function contentSpan(token: Token, at: number, open?: string): Span | undefined {
  const children = 'tokens' in token && token.tokens ? token.tokens : [];
  const inner = children.map((t) => t.raw).join('');
  const { raw } = token;
  if (open !== undefined) return raw.startsWith(`${open}${inner}]`) ? { at: at + open.length, end: at + open.length + inner.length } : undefined;
  const delimiter = (raw.length - inner.length) / 2;
  if (!children.length || !Number.isInteger(delimiter) || delimiter < 1 || raw.slice(delimiter, raw.length - delimiter) !== inner) return undefined;
  return { at: at + delimiter, end: at + raw.length - delimiter };
}

const STYLES = { em: 'emphasis', strong: 'strong', del: 'strikethrough' } as const;

function withContent<Node extends Inline & Content>(node: Node, content: Span | undefined): Node {
  if (content) node.content = content;
  return node;
}

function toNode(token: Token, at: number, onComment: CommentListener): Inline | undefined {
  const end = at + token.raw.length;
  // Children are placed within the container's content when it has one, else within its whole Markdown.
  const inner = (children: readonly Token[] | undefined, content: Span | undefined): Inline[] =>
    content ? nodes(children ?? [], token.raw.slice(content.at - at, content.end - at), content.at, onComment) : nodes(children ?? [], token.raw, at, onComment);
  switch (token.type) {
    case 'text':
      // marked decodes numeric references but not named ones; its `raw` has both, decoded here once,
      // after the line breaks and runs of spaces that Markdown shows as one space are made one.
      return { type: 'text', text: decodeReferences(token.raw.replace(/[ \t\n]+/g, (blanks) => (blanks === ' ' || blanks === '\t' ? blanks : ' '))), at, end };
    case 'escape':
      return { type: 'text', text: token.text, at, end };
    case 'em':
    case 'strong':
    case 'del': {
      const content = contentSpan(token, at);
      return withContent({ type: STYLES[token.type], children: inner(token.tokens, content), at, end }, content);
    }
    case 'codespan':
      return { type: 'code', text: token.text, at, end };
    case 'br':
      return { type: 'break', at, end };
    case 'link': {
      const link = token as Tokens.Link;
      const content = link.autolink === true ? undefined : contentSpan(token, at, '[');
      const node: Inline = { type: 'link', href: resolvedHref(link.href), autolink: link.autolink === true, children: inner(link.tokens, content), at, end };
      if (link.title) node.title = decodeReferences(link.title);
      return withContent(node, content);
    }
    case 'image': {
      const image = token as Tokens.Image;
      const content = contentSpan(token, at, '![');
      return withContent({ type: 'image', alt: inner(image.tokens, content), href: resolvedHref(image.href), at, end }, content);
    }
    case 'languageSpan': {
      const lang = canonicalLanguageTag(token.lang as string)!;
      const content = contentSpan(token, at, '[');
      return withContent({ type: 'language', lang, dir: directionOf(lang), children: inner(token.tokens, content), at, end }, content);
    }
    case 'html':
      if (!/^<!--[\s\S]*-->$/.test(token.raw)) return { type: 'html', text: token.raw, at, end };
      onComment?.(token.raw, at);
      return undefined;
    default:
      throw new UnreadableInline(`Markdown construct "${token.type}"`, at);
  }
}

/**
 * Entities and character references, as CommonMark reads them: a known name, or up to 7 decimal or
 * 6 hexadecimal digits (`&#87654321;` stays text), each with its semicolon.
 */
const REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/** Where `char` is written in the Markdown `raw`: as itself, or as an entity or a character reference; -1 when it is not. */
export function writtenAt(raw: string, char: string): number {
  const itself = raw.indexOf(char);
  for (const reference of raw.matchAll(REFERENCE)) {
    if (itself >= 0 && reference.index > itself) break;
    if (decodeHTMLStrict(reference[0]) === char) return reference.index;
  }
  return itself;
}

function decodeReferences(text: string): string {
  return text.includes('&') ? text.replace(REFERENCE, (reference) => decodeHTMLStrict(reference)) : text;
}

/** Entities decoded and the scheme in lower case (`HTTPS://A` is `https://A`), as browsers read it. */
function resolvedHref(href: string): string {
  const decoded = decodeReferences(href.trim());
  return decoded.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, (scheme) => scheme.toLowerCase());
}
