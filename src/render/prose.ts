import type { Inline } from '../model/inline.js';
import { renderInline, type InlineRenderer } from './walk.js';

/** Stands in for inline code, web and e-mail addresses: something that is not prose. */
export const OBJECT = '\uFFFC';

const proseRenderer: InlineRenderer = {
  text: (node) => node.text,
  emphasis: (node, inner) => inner(node.children),
  strong: (node, inner) => inner(node.children),
  strikethrough: (node, inner) => inner(node.children),
  code: () => OBJECT,
  break: () => ' ',
  link: (node, inner) => (node.autolink ? OBJECT : inner(node.children)),
  image: (node, inner) => inner(node.alt),
  language: (node, inner) => inner(node.children),
  html: (node) => node.text,
};

/**
 * What a reader sees of a text, markup removed and link text kept, with code spans and written-out
 * addresses replaced by OBJECT, so that checks on words and punctuation never look inside a URL's
 * `?` or a code span's digits.
 */
export function proseOf(nodes: readonly Inline[]): string {
  return renderInline(nodes, proseRenderer);
}
