import type { Inline, LinkDefinitions, LinkNode, Span } from '../model/inline.js';
import { parseInline } from '../readers/inline.js';
import { renderInline, type InlineRenderer } from '../render/walk.js';

/**
 * Inline Markdown as XLIFF sees it: runs of translatable text between inline codes. Every code
 * keeps the exact Markdown it stands for, so joining the parts gives the Markdown back byte for
 * byte, and a link's target lives in its closing code, never in the text a translator edits.
 *
 * The codes are the XLIFF renderer of the document model: the Markdown is read into nodes like any
 * other text, and each code's Markdown is sliced from it by the node's span. The XLIFF writers and
 * readers see parts and codes alone.
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

/** A code where the renderer found it: the span of the Markdown it stands for. Text is what lies between. */
type PlacedCode = Span & { kind: CodePart['kind']; code: CodeKind; href?: string; title?: string };

const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

const standalone = (node: Span, code: CodeKind): PlacedCode[] => [{ kind: 'standalone', code, at: node.at, end: node.end }];

/**
 * A container as an opening code, its children's codes and a closing code, the delimiters being the
 * Markdown around its content; one standalone code when it has no content to translate.
 */
function paired(node: Span & { content?: Span }, code: CodeKind, inside: PlacedCode[], link?: Pick<LinkNode, 'href' | 'title'>): PlacedCode[] {
  const content = node.content;
  if (!content || content.end === content.at) return standalone(node, code === 'link' ? 'autolink' : 'code');
  const open: PlacedCode = { kind: 'open', code, at: node.at, end: content.at };
  if (link) open.href = link.href;
  if (link?.title) open.title = link.title;
  return [open, ...inside, { kind: 'close', code, at: content.end, end: node.end }];
}

/** The XLIFF renderer: which nodes are codes, and where their Markdown is. */
const codeRenderer: InlineRenderer<PlacedCode[]> = {
  text: () => [],
  html: () => [],
  emphasis: (node, inner) => paired(node, 'emphasis', inner(node.children)),
  strong: (node, inner) => paired(node, 'strong', inner(node.children)),
  strikethrough: (node, inner) => paired(node, 'strikethrough', inner(node.children)),
  link: (node, inner) => (node.autolink ? standalone(node, 'autolink') : paired(node, 'link', inner(node.children), node)),
  code: (node) => standalone(node, 'code'),
  break: (node) => standalone(node, 'break'),
  image: (node) => standalone(node, 'image'),
  // A passage in another language is kept as it is written, name and all.
  language: (node) => standalone(node, 'code'),
  join: (rendered) => rendered.flat(),
};

/**
 * Inline Markdown → parts, codes numbered 1, 2, … in reading order. With its statement's link
 * definitions, a reference link (`[text][label]`) is a link code like any other.
 */
export function markdownToParts(markdown: string, definitions?: LinkDefinitions): InlinePart[] {
  return partsOf(markdown, parseInline(markdown, definitions));
}

/** `nodes`, read from `markdown`, → parts: each code's Markdown sliced from `markdown`, the text between codes as written. */
export function partsOf(markdown: string, nodes: readonly Inline[]): InlinePart[] {
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
  const open: string[] = [];
  let cursor = 0;
  for (const code of renderInline<PlacedCode[]>(nodes, codeRenderer)) {
    text(markdown.slice(cursor, code.at));
    const { kind, code: codeKind, href, title } = code;
    const source = markdown.slice(code.at, code.end);
    cursor = code.end;
    if (kind === 'close') {
      parts.push({ kind, id: open.pop()!, code: codeKind, markdown: source });
      continue;
    }
    const id = String(next++);
    if (kind === 'standalone') {
      parts.push({ kind, id, code: codeKind, markdown: source });
      continue;
    }
    open.push(id);
    parts.push({ kind, id, code: codeKind, markdown: source, ...(href === undefined ? {} : { href }), ...(title === undefined ? {} : { title }) });
  }
  text(markdown.slice(cursor));
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
export function codeDifferences(translationMarkdown: string, sourceMarkdown: string, definitions?: LinkDefinitions): string[] {
  const count = (markdown: string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const code of codesOf(markdownToParts(markdown, definitions))) if (code.kind !== 'close') counts.set(describeCode(code), (counts.get(describeCode(code)) ?? 0) + 1);
    return counts;
  };
  const source = count(sourceMarkdown);
  const translation = count(translationMarkdown);
  const out: string[] = [];
  for (const [code, n] of source) if ((translation.get(code) ?? 0) < n) out.push(`missing: ${code}`);
  for (const [code, n] of translation) if ((source.get(code) ?? 0) < n) out.push(`not in the source: ${code}`);
  return out;
}
