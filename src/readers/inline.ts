import { decodeHTMLStrict } from 'entities/decode';
import { Lexer, Marked, type MarkedOptions, type Token, type TokenizerExtension, type Tokens } from 'marked';
import { canonicalLanguageTag, directionOf } from '../model/languages.js';
import type { Inline, LinkDefinitions } from '../model/inline.js';

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
export const LEXER_OPTIONS: MarkedOptions = new Marked({ gfm: true, extensions: [languageSpan] }).defaults;

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
    if (node.type === 'text' && last?.type === 'text') last.text += last.text.endsWith(' ') && node.text.startsWith(' ') ? node.text.slice(1) : node.text;
    else out.push(node);
  }
  return out;
}

function toNode(token: Token, at: number, onComment: CommentListener): Inline | undefined {
  const inner = (children: readonly Token[] | undefined): Inline[] => nodes(children ?? [], token.raw, at, onComment);
  switch (token.type) {
    case 'text':
      // marked decodes numeric references but not named ones; its `raw` has both, decoded here once,
      // after the line breaks and runs of spaces that Markdown shows as one space are made one.
      return { type: 'text', text: decodeReferences(token.raw.replace(/[ \t\n]+/g, (blanks) => (blanks === ' ' || blanks === '\t' ? blanks : ' '))), at };
    case 'escape':
      return { type: 'text', text: token.text, at };
    case 'em':
      return { type: 'emphasis', children: inner(token.tokens), at };
    case 'strong':
      return { type: 'strong', children: inner(token.tokens), at };
    case 'del':
      return { type: 'strikethrough', children: inner(token.tokens), at };
    case 'codespan':
      return { type: 'code', text: token.text, at };
    case 'br':
      return { type: 'break', at };
    case 'link': {
      const link = token as Tokens.Link;
      const node: Inline = { type: 'link', href: resolvedHref(link.href), autolink: link.autolink === true, children: inner(link.tokens), at };
      if (link.title) node.title = decodeReferences(link.title);
      return node;
    }
    case 'image': {
      const image = token as Tokens.Image;
      return { type: 'image', alt: inner(image.tokens), href: resolvedHref(image.href), at };
    }
    case 'languageSpan': {
      const lang = canonicalLanguageTag(token.lang as string)!;
      return { type: 'language', lang, dir: directionOf(lang), children: inner(token.tokens), at };
    }
    case 'html':
      if (!/^<!--[\s\S]*-->$/.test(token.raw)) return { type: 'html', text: token.raw, at };
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

function decodeReferences(text: string): string {
  return text.includes('&') ? text.replace(REFERENCE, (reference) => decodeHTMLStrict(reference)) : text;
}

/** Entities decoded and the scheme in lower case (`HTTPS://A` is `https://A`), as browsers read it. */
function resolvedHref(href: string): string {
  const decoded = decodeReferences(href.trim());
  return decoded.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, (scheme) => scheme.toLowerCase());
}
