import { describe, expect, it } from 'vitest';
import { flatInline, INLINE_MODEL_VERSION, type Inline, type InlineType } from '../src/model/inline.js';
import { parseInline } from '../src/readers/inline.js';
import { plainText, renderInlineHtml, renderInlineText } from '../src/render/inline.js';
import { OBJECT, proseOf } from '../src/render/prose.js';
import { UnknownInlineNodeError } from '../src/render/walk.js';
import { partsOf } from '../src/xliff/inline-codes.js';

/** One node of every type, built by hand, as a writer test should be: without the reader. */
const ONE_OF_EACH: Record<InlineType, Inline> = {
  text: { type: 'text', text: 'a < b', at: 0, end: 5 },
  emphasis: { type: 'emphasis', children: [{ type: 'text', text: 'em', at: 1, end: 3 }], at: 0, end: 4, content: { at: 1, end: 3 } },
  strong: { type: 'strong', children: [{ type: 'text', text: 'st', at: 2, end: 4 }], at: 0, end: 6, content: { at: 2, end: 4 } },
  strikethrough: { type: 'strikethrough', children: [{ type: 'text', text: 'del', at: 2, end: 5 }], at: 0, end: 7, content: { at: 2, end: 5 } },
  code: { type: 'code', text: 'x&y', at: 0, end: 5 },
  link: { type: 'link', href: 'https://example.org/?a=1&b=2', title: 'T "q"', autolink: false, children: [{ type: 'text', text: 'link', at: 1, end: 5 }], at: 0, end: 40, content: { at: 1, end: 5 } },
  image: { type: 'image', alt: [{ type: 'text', text: 'alt', at: 2, end: 5 }], href: '/x.png', at: 0, end: 14, content: { at: 2, end: 5 } },
  break: { type: 'break', at: 0, end: 3 },
  language: { type: 'language', lang: 'he', dir: 'rtl', children: [{ type: 'text', text: 'שלום', at: 1, end: 5 }], at: 0, end: 15, content: { at: 1, end: 5 } },
  html: { type: 'html', text: '<b>', at: 0, end: 3 },
};

const RENDERERS = {
  html: (nodes: Inline[]) => renderInlineHtml(nodes),
  text: (nodes: Inline[]) => renderInlineText(nodes, { urls: [], number: String }),
  plain: (nodes: Inline[]) => plainText(nodes),
  prose: (nodes: Inline[]) => proseOf(nodes),
  xliff: (nodes: Inline[]) => partsOf('x'.repeat(40), nodes),
};

describe('the inline model', () => {
  it('is versioned', () => {
    expect(INLINE_MODEL_VERSION).toBe(2);
  });

  it.each(Object.keys(RENDERERS) as Array<keyof typeof RENDERERS>)('has every node type rendered by the %s renderer', (name) => {
    for (const node of Object.values(ONE_OF_EACH)) expect(() => RENDERERS[name]([node])).not.toThrow();
  });

  it.each(Object.keys(RENDERERS) as Array<keyof typeof RENDERERS>)('makes a node type the %s renderer does not know an error, never text', (name) => {
    const unknown = { type: 'footnote', at: 0 } as unknown as Inline;
    expect(() => RENDERERS[name]([ONE_OF_EACH.text, unknown])).toThrow(UnknownInlineNodeError);
    expect(() => RENDERERS[name]([{ type: 'toString', at: 0 } as unknown as Inline])).toThrow(UnknownInlineNodeError);
  });

  it('renders hand-built nodes escaped in HTML, as words in text and as prose for the checks', () => {
    const nodes = Object.values(ONE_OF_EACH);
    expect(renderInlineHtml(nodes)).toBe(
      'a &lt; b<em>em</em><strong>st</strong><del>del</del><code>x&amp;y</code><a href="https://example.org/?a=1&amp;b=2" title="T &quot;q&quot;">link</a>alt<br><span lang="he" dir="rtl">שלום</span>&lt;b&gt;',
    );
    expect(renderInlineText(nodes, { urls: [], number: String })).toBe('a < bemst~~del~~x&ylinkalt [1]\n\u2067שלום\u2069<b>');
    expect(proseOf(nodes)).toBe(`a < bemstdel${OBJECT}linkalt שלום<b>`);
  });

  it('is read with positions, decoded once', () => {
    expect(parseInline('AT&amp;T *b* [c](HTTPS://X.ORG "t&amp;")')).toEqual([
      { type: 'text', text: 'AT&T ', at: 0, end: 9 },
      { type: 'emphasis', children: [{ type: 'text', text: 'b', at: 10, end: 11 }], at: 9, end: 12, content: { at: 10, end: 11 } },
      { type: 'text', text: ' ', at: 12, end: 13 },
      { type: 'link', href: 'https://X.ORG', title: 't&', autolink: false, children: [{ type: 'text', text: 'c', at: 14, end: 15 }], at: 13, end: 40, content: { at: 14, end: 15 } },
    ]);
  });

  it('spans every node with the exact Markdown it was read from, delimiters and content apart', () => {
    const markdown = 'A ***b*** __c *d*__ ~~e~~ [f `g`][ref] ![h *i*](/j.png) [texte]{lang=fr} <https://k.org> l\\\nm';
    const nodes = parseInline(markdown, new Map([['ref', { href: 'https://ref.org' }]]));
    const pieces = flatInline(nodes).map((node) => {
      const content = 'content' in node && node.content ? [markdown.slice(node.at, node.content.at), markdown.slice(node.content.end, node.end)] : [];
      return [node.type, markdown.slice(node.at, node.end), ...content];
    });
    expect(pieces).toEqual([
      ['text', 'A '],
      ['emphasis', '***b***', '*', '*'],
      ['strong', '**b**', '**', '**'],
      ['text', 'b'],
      ['text', ' '],
      ['strong', '__c *d*__', '__', '__'],
      ['text', 'c '],
      ['emphasis', '*d*', '*', '*'],
      ['text', 'd'],
      ['text', ' '],
      ['strikethrough', '~~e~~', '~~', '~~'],
      ['text', 'e'],
      ['text', ' '],
      ['link', '[f `g`][ref]', '[', '][ref]'],
      ['text', 'f '],
      ['code', '`g`'],
      ['text', ' '],
      ['image', '![h *i*](/j.png)', '![', '](/j.png)'],
      ['text', 'h '],
      ['emphasis', '*i*', '*', '*'],
      ['text', 'i'],
      ['text', ' '],
      ['language', '[texte]{lang=fr}', '[', ']{lang=fr}'],
      ['text', 'texte'],
      ['text', ' '],
      ['link', '<https://k.org>'],
      ['text', 'https://k.org'],
      ['text', ' l'],
      ['break', '\\\n'],
      ['text', 'm'],
    ]);
  });
});
