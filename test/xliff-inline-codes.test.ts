import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/io/project.js';
import { segmentsOf } from '../src/model/statement.js';
import { alignIds, codeDifferences, markdownToParts, partsToMarkdown } from '../src/xliff/inline-codes.js';
import { REPO } from './helpers.js';

describe('markdownToParts', () => {
  it('makes paired codes of emphasis, strong, strikethrough and links, and standalone ones of code, placeholders, breaks and bare URLs', () => {
    const markdown = 'A *b* __c__ ~~d~~ [e *f*](https://x.org/?a=1&b=2 "T") `g` \\* {{date}} <https://y.org> z  \nw';
    const parts = markdownToParts(markdown);
    expect(parts).toEqual([
      { kind: 'text', text: 'A ' },
      { kind: 'open', id: '1', code: 'emphasis', markdown: '*' },
      { kind: 'text', text: 'b' },
      { kind: 'close', id: '1', code: 'emphasis', markdown: '*' },
      { kind: 'text', text: ' ' },
      { kind: 'open', id: '2', code: 'strong', markdown: '__' },
      { kind: 'text', text: 'c' },
      { kind: 'close', id: '2', code: 'strong', markdown: '__' },
      { kind: 'text', text: ' ' },
      { kind: 'open', id: '3', code: 'strikethrough', markdown: '~~' },
      { kind: 'text', text: 'd' },
      { kind: 'close', id: '3', code: 'strikethrough', markdown: '~~' },
      { kind: 'text', text: ' ' },
      { kind: 'open', id: '4', code: 'link', markdown: '[', href: 'https://x.org/?a=1&b=2', title: 'T' },
      { kind: 'text', text: 'e ' },
      { kind: 'open', id: '5', code: 'emphasis', markdown: '*' },
      { kind: 'text', text: 'f' },
      { kind: 'close', id: '5', code: 'emphasis', markdown: '*' },
      { kind: 'close', id: '4', code: 'link', markdown: '](https://x.org/?a=1&b=2 "T")' },
      { kind: 'text', text: ' ' },
      { kind: 'standalone', id: '6', code: 'code', markdown: '`g`' },
      { kind: 'text', text: ' \\* ' },
      { kind: 'standalone', id: '7', code: 'placeholder', markdown: '{{date}}' },
      { kind: 'text', text: ' ' },
      { kind: 'standalone', id: '8', code: 'autolink', markdown: '<https://y.org>' },
      { kind: 'text', text: ' z' },
      { kind: 'standalone', id: '9', code: 'break', markdown: '  \n' },
      { kind: 'text', text: 'w' },
    ]);
    expect(partsToMarkdown(parts)).toBe(markdown);
  });

  it('gives back every shipped text, English and translated, byte for byte', async () => {
    const project = await loadProject(REPO);
    const texts = [...project.statements.flatMap((s) => segmentsOf(s).map((segment) => segment.source)), ...project.interfaceStrings.strings.values()];
    for (const translation of project.translations.values()) {
      for (const entries of [translation.interface, ...translation.statements.values()]) for (const entry of entries.values()) texts.push(entry.text);
    }
    expect(texts.length).toBeGreaterThan(80);
    for (const text of texts) expect(partsToMarkdown(markdownToParts(text))).toBe(text);
  });

  it('gives back any inline Markdown byte for byte', () => {
    const piece = fc.constantFrom('a', ' ', '*', '_', '**', '~~', '`', '[', ']', '(', ')', '{{', '}}', '\\', '<', '>', 'https://x.org', '\n', 'א', '&');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => partsToMarkdown(markdownToParts(pieces.join(''))) === pieces.join('')));
  });
});

describe('alignIds', () => {
  it('gives a translation’s codes the ids of the same codes in the source, in whatever order the translation has them', () => {
    const source = markdownToParts('Read *this* at [site](https://a.org) before {{date}}.');
    const translation = alignIds(markdownToParts('Avant {{date}}, lisez _ceci_ sur [le site](https://a.org).'), source);
    expect(translation.filter((p) => p.kind !== 'text').map((p) => [p.kind, (p as { id: string }).id])).toEqual([
      ['standalone', '3'],
      ['open', '1'],
      ['close', '1'],
      ['open', '2'],
      ['close', '2'],
    ]);
    const extra = alignIds(markdownToParts('`x` [b](https://other.org)'), source);
    expect(extra.filter((p) => p.kind !== 'text').map((p) => (p as { id: string }).id)).toEqual(['x4', 'x5', 'x5']);
  });
});

describe('codeDifferences', () => {
  it('is empty for the same codes in another order or with other delimiters, and names what differs', () => {
    expect(codeDifferences('_b_ [c](https://a.org) *a*', '*a* **x** [c](https://a.org)'.replace('**x** ', '*b* '))).toEqual([]);
    expect(codeDifferences('a [c](https://b.org) `y`', '*a* [c](https://a.org) `x`')).toEqual([
      'missing: emphasis',
      'missing: the link to https://a.org',
      'missing: code `x`',
      'not in the source: the link to https://b.org',
      'not in the source: code `y`',
    ]);
  });
});
