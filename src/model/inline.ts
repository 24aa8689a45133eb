/**
 * The inline part of the document model: what a segment's text is once read. Readers make these
 * nodes (src/readers/inline.ts); writers and checks only walk them (src/render/walk.ts).
 *
 * Text in every node is decoded: entities (`&amp;`, `&copy;`), character references (`&#x202E;`),
 * backslash escapes and YAML escapes are gone, so no writer decodes or escapes twice. Every node
 * knows where it came from: `[at, end)` is its span in the Markdown it was read from (the string
 * given to the reader), and a node with children has `content`, the span between its delimiters
 * (`*`…`*`, `[`…`](href)`), so a writer that must carry the exact Markdown of a construct (the XLIFF
 * inline codes) slices it from the source instead of lexing it again (`lineColumn` of
 * src/readers/source-text.ts turns an offset into a line and column).
 *
 * This is the API other formats map from (the XLIFF writer's inline codes, for one): a node type is
 * added here, in the reader and in every renderer, and `INLINE_MODEL_VERSION` goes up.
 */
export const INLINE_MODEL_VERSION = 2;

/** Where a node is in the Markdown it was read from: offsets, end exclusive. */
export interface Span {
  at: number;
  end: number;
}

/**
 * A container's children's Markdown, between its delimiters. Absent when the Markdown does not hold
 * the children as one run between two delimiters (marked shaped the token otherwise): the node is
 * then one piece of markup as a whole.
 */
export interface Content {
  content?: Span;
}

/** Plain words. */
export interface TextNode {
  type: 'text';
  text: string;
  at: number;
  end: number;
}

/** `*a*`, `**a**`, `~~a~~`: formatting around other inline nodes. */
export interface StyleNode<Type extends 'emphasis' | 'strong' | 'strikethrough' = 'emphasis' | 'strong' | 'strikethrough'> extends Content {
  type: Type;
  children: Inline[];
  at: number;
  end: number;
}

/** `` `a` ``: literal text, shown as written (only entities are not decoded, as CommonMark says). */
export interface CodeNode {
  type: 'code';
  text: string;
  at: number;
  end: number;
}

/**
 * `[a](href "title")`, `[a][label]`, `<https://…>`, a bare `https://…`. `href` is resolved: reference
 * labels looked up, entities decoded, the scheme in lower case. Whether it may be followed is the
 * writer's decision (`isSafeUrl`); an unsafe link is shown as its text.
 */
export interface LinkNode extends Content {
  type: 'link';
  href: string;
  title?: string;
  /** Written out as an address (`<…>` or bare), rather than as text in brackets. */
  autolink: boolean;
  children: Inline[];
  at: number;
  end: number;
}

/** `![alt](src)`: Broadside shows no images, so every writer shows the alternative text. */
export interface ImageNode extends Content {
  type: 'image';
  alt: Inline[];
  href: string;
  at: number;
  end: number;
}

/** A hard line break: two spaces or a backslash at the end of a line. */
export interface BreakNode {
  type: 'break';
  at: number;
  end: number;
}

/** `[texte]{lang=fr}`: a passage in another language than its paragraph. */
export interface LanguageSpanNode extends Content {
  type: 'language';
  /** A BCP 47 tag, as written. */
  lang: string;
  dir: 'ltr' | 'rtl';
  children: Inline[];
  at: number;
  end: number;
}

/** Raw HTML in a translation (statements refuse it): never interpreted, shown as the text it is. */
export interface RawHtmlNode {
  type: 'html';
  text: string;
  at: number;
  end: number;
}

export type Inline = TextNode | StyleNode<'emphasis'> | StyleNode<'strong'> | StyleNode<'strikethrough'> | CodeNode | LinkNode | ImageNode | BreakNode | LanguageSpanNode | RawHtmlNode;

export type InlineType = Inline['type'];

/** A reference definition, `[label]: href "title"`, by its normalised label. */
export interface LinkDefinition {
  href: string;
  title?: string;
}

export type LinkDefinitions = ReadonlyMap<string, LinkDefinition>;

/** The nodes inside `node`, for walks that do not care what kind of container it is. */
export function childrenOf(node: Inline): readonly Inline[] {
  switch (node.type) {
    case 'emphasis':
    case 'strong':
    case 'strikethrough':
    case 'link':
    case 'language':
      return node.children;
    case 'image':
      return node.alt;
    default:
      return [];
  }
}

/** Every node of `nodes`, nested ones included, in document order. */
export function flatInline(nodes: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  const visit = (list: readonly Inline[]): void => {
    for (const node of list) {
      out.push(node);
      visit(childrenOf(node));
    }
  };
  visit(nodes);
  return out;
}

/** The decoded strings of `nodes` a writer may put in an output, each with its node: words, code, link targets and titles. */
function decodedParts(nodes: readonly Inline[]): Array<{ node: Inline; text: string }> {
  const parts: Array<{ node: Inline; text: string }> = [];
  for (const node of flatInline(nodes)) {
    if (node.type === 'text' || node.type === 'code' || node.type === 'html') parts.push({ node, text: node.text });
    if (node.type === 'link' || node.type === 'image') parts.push({ node, text: node.href });
    if (node.type === 'link' && node.title) parts.push({ node, text: node.title });
  }
  return parts;
}

/** All decoded text of `nodes` a writer may put in an output: words, code, link targets and titles. */
export function decodedText(nodes: readonly Inline[]): string {
  return decodedParts(nodes)
    .map((part) => part.text)
    .join('');
}

/** The node that character `index` of `decodedText(nodes)` comes from, with that character. */
export function decodedCharacterAt(nodes: readonly Inline[], index: number): { node: Inline; char: string } | undefined {
  let start = 0;
  for (const { node, text } of decodedParts(nodes)) {
    if (index < start + text.length) return { node, char: String.fromCodePoint(text.codePointAt(index - start)!) };
    start += text.length;
  }
  return undefined;
}
