import { Lexer, type Token, type Tokens } from 'marked';
import { LEXER_OPTIONS } from '../readers/inline.js';

/** marked's tokens, which keep each construct's exact Markdown (`raw`) that the codes must carry. */
const inlineTokens = (markdown: string): Token[] => new Lexer(LEXER_OPTIONS).inlineTokens(markdown);

/**
 * Inline Markdown as XLIFF sees it: runs of translatable text between inline codes. Every code
 * keeps the exact Markdown it stands for, so joining the parts gives the Markdown back byte for
 * byte, and a link's target lives in its closing code, never in the text a translator edits.
 *
 * This file is the only place that knows how inline markup is read; the XLIFF writers and readers
 * see parts and codes alone.
 */
export type CodeKind = 'emphasis' | 'strong' | 'strikethrough' | 'link' | 'code' | 'placeholder' | 'break' | 'image' | 'autolink';

export type InlinePart =
  | { kind: 'text'; text: string }
  /** Opens a paired code (emphasis, strong, strikethrough, link); `close` has the same id. */
  | { kind: 'open'; id: string; code: CodeKind; markdown: string; href?: string; title?: string }
  | { kind: 'close'; id: string; code: CodeKind; markdown: string }
  /** A code with no text inside for the translator: code spans, placeholders, breaks, images, bare URLs. */
  | { kind: 'standalone'; id: string; code: CodeKind; markdown: string };

export type CodePart = Exclude<InlinePart, { kind: 'text' }>;

const PAIRED: Record<string, CodeKind> = { em: 'emphasis', strong: 'strong', del: 'strikethrough' };
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/** Inline Markdown → parts, codes numbered 1, 2, … in reading order. */
export function markdownToParts(markdown: string): InlinePart[] {
  const parts: InlinePart[] = [];
  let next = 1;
  const text = (raw: string): void => {
    let at = 0;
    for (const match of raw.matchAll(PLACEHOLDER)) {
      if (match.index > at) pushText(parts, raw.slice(at, match.index));
      parts.push({ kind: 'standalone', id: String(next++), code: 'placeholder', markdown: match[0] });
      at = match.index + match[0].length;
    }
    if (at < raw.length) pushText(parts, raw.slice(at));
  };
  const walk = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      const children = 'tokens' in token && token.tokens ? token.tokens : [];
      const inner = children.map((t) => t.raw).join('');
      const paired = PAIRED[token.type];
      if (token.type === 'text' || token.type === 'escape' || token.type === 'html') text(token.raw);
      else if (paired && children.length && token.raw.length > inner.length && (token.raw.length - inner.length) % 2 === 0 && token.raw.slice((token.raw.length - inner.length) / 2, (token.raw.length + inner.length) / 2) === inner) {
        const delimiter = (token.raw.length - inner.length) / 2;
        const id = String(next++);
        parts.push({ kind: 'open', id, code: paired, markdown: token.raw.slice(0, delimiter) });
        walk(children);
        parts.push({ kind: 'close', id, code: paired, markdown: token.raw.slice(token.raw.length - delimiter) });
      } else if (token.type === 'link' && token.raw.startsWith(`[${inner}]`) && children.length) {
        const link = token as Tokens.Link;
        const id = String(next++);
        const open: InlinePart = { kind: 'open', id, code: 'link', markdown: '[', href: link.href };
        if (link.title) open.title = link.title;
        parts.push(open);
        walk(children);
        parts.push({ kind: 'close', id, code: 'link', markdown: token.raw.slice(inner.length + 1) });
      } else {
        const code: CodeKind = token.type === 'codespan' ? 'code' : token.type === 'br' ? 'break' : token.type === 'image' ? 'image' : token.type === 'link' ? 'autolink' : 'code';
        parts.push({ kind: 'standalone', id: String(next++), code, markdown: token.raw });
      }
    }
  };
  walk(inlineTokens(markdown));
  return parts;
}

function pushText(parts: InlinePart[], text: string): void {
  const last = parts[parts.length - 1];
  if (last?.kind === 'text') last.text += text;
  else parts.push({ kind: 'text', text });
}

/** Parts → Markdown: text as it stands, each code as the Markdown it keeps. */
export function partsToMarkdown(parts: readonly InlinePart[]): string {
  return parts.map((p) => (p.kind === 'text' ? p.text : p.markdown)).join('');
}

export function codesOf(parts: readonly InlinePart[]): CodePart[] {
  return parts.filter((p): p is CodePart => p.kind !== 'text');
}

/** What makes two codes the same code, whatever their ids or delimiters (`*` or `_`): kind, and a link's target. */
function identity(part: CodePart): string {
  if (part.kind === 'standalone') return `${part.code} ${part.markdown}`;
  if (part.kind === 'open') return `${part.code} open ${part.href ?? ''} ${part.title ?? ''}`;
  return `${part.code} close`;
}

/**
 * A translation's parts with the ids of the source codes they correspond to (the first unused
 * source code that is the same code), so a tool matches the translation's tags to the source's.
 * Codes the source does not have keep fresh ids after the source's.
 */
export function alignIds(translation: readonly InlinePart[], source: readonly InlinePart[]): InlinePart[] {
  const free = new Map<string, string[]>();
  for (const code of codesOf(source)) if (code.kind !== 'close') (free.get(identity(code)) ?? free.set(identity(code), []).get(identity(code))!).push(code.id);
  let fresh = codesOf(source).filter((c) => c.kind !== 'close').length + 1;
  const renamed = new Map<string, string>();
  return translation.map((part) => {
    if (part.kind === 'text') return part;
    if (part.kind === 'close') return { ...part, id: renamed.get(part.id) ?? part.id };
    const id = free.get(identity(part))?.shift() ?? `x${fresh++}`;
    renamed.set(part.id, id);
    return { ...part, id };
  });
}

/** A code in words, for messages: `emphasis`, `the link to https://…`, `code \`x\``, `placeholder {{date}}`. */
export function describeCode(part: CodePart): string {
  if (part.kind === 'open' && part.code === 'link') return `the link to ${part.href}`;
  if (part.kind !== 'standalone') return part.code;
  return `${part.code} ${part.markdown.trim() || JSON.stringify(part.markdown)}`;
}

/**
 * How a translation's codes differ from the source's, in plain words; empty when they are the
 * same codes (in any order, as languages order words differently). Compared on the Markdown the
 * translation becomes, so a code typed as Markdown counts like one inserted as a tag.
 */
export function codeDifferences(translationMarkdown: string, sourceMarkdown: string): string[] {
  const count = (markdown: string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const code of codesOf(markdownToParts(markdown))) if (code.kind !== 'close') counts.set(describeCode(code), (counts.get(describeCode(code)) ?? 0) + 1);
    return counts;
  };
  const source = count(sourceMarkdown);
  const translation = count(translationMarkdown);
  const out: string[] = [];
  for (const [code, n] of source) if ((translation.get(code) ?? 0) < n) out.push(`missing: ${code}`);
  for (const [code, n] of translation) if ((source.get(code) ?? 0) < n) out.push(`not in the source: ${code}`);
  return out;
}
