import { describe, expect, it } from 'vitest';
import { actualText, parseOperations } from '../src/pdf/content-stream.js';
import { clusterTexts } from '../src/pdf/text-layer.js';
import { parseToUnicode, writeToUnicode } from '../src/pdf/to-unicode.js';
import { keywordSeparator } from '../src/pdf/metadata.js';
import { xmpPacket } from '../src/pdf/xmp.js';

describe('ToUnicode maps', () => {
  it('read bfchar and bfrange entries and write them back to the same map', () => {
    const cmap = '2 beginbfchar\n<0003> <0020>\n<0101> <0644 0627>\nendbfchar\n1 beginbfrange\n<0010> <0012> <0041>\nendbfrange\n1 beginbfrange\n<0020> <0021> [<05D0> <05D1>]\nendbfrange';
    const map = parseToUnicode(cmap);
    expect([...map]).toEqual([
      [3, ' '],
      [0x101, 'لا'],
      [0x10, 'A'],
      [0x11, 'B'],
      [0x12, 'C'],
      [0x20, 'א'],
      [0x21, 'ב'],
    ]);
    expect(parseToUnicode(writeToUnicode(map))).toEqual(map);
  });
});

describe('a cluster’s text shared among its glyphs', () => {
  it('gives a letter and its mark each their glyph, in logical order in a right-to-left run', () => {
    // Drawn left to right: the mark (no advance), then the letter.
    expect(clusterTexts('نُ', [false, true], true)).toEqual(['ُ', 'ن']);
  });

  it('gives two marks drawn as one glyph to that glyph', () => {
    expect(clusterTexts('لٌّ', [false, true], true)).toEqual(['ٌّ', 'ل']);
  });

  it('gives a ligature the whole text, and a dot drawn apart nothing', () => {
    expect(clusterTexts('لا', [true], true)).toEqual(['لا']);
    expect(clusterTexts('ن', [false, true], true)).toEqual(['', 'ن']);
  });
});

describe('content streams', () => {
  it('find ActualText written as hex or as a literal string', () => {
    expect(actualText('<</ActualText <feff0646> >>')).toBe('ن');
    expect(actualText('<</ActualText (}) >>')).toBe('}');
    expect(actualText('<</ActualText (a\\)b) >>')).toBe('a)b');
    expect(actualText('<</MCID 3 >>')).toBeUndefined();
  });

  it('split into operations with their operands and the place of each hex string', () => {
    const text = '/Span<</ActualText <feff0646> >> BDC\n/F4 11.3 Tf\n1 0 0 -1 366.4 1076 Tm\n4.8 -5.8 Td <0101> Tj\nEMC';
    const ops = parseOperations(text);
    expect(ops.map((op) => op.operator)).toEqual(['BDC', 'Tf', 'Tm', 'Td', 'Tj', 'EMC']);
    const show = ops[4]!;
    expect(show.hexStrings).toEqual([{ start: text.indexOf('<0101>'), end: text.indexOf('<0101>') + 6, value: '0101' }]);
    expect(text.slice(ops[0]!.start, ops[0]!.end)).toBe('/Span<</ActualText <feff0646> >> BDC');
  });
});

describe('PDF metadata', () => {
  it('separates keywords as the language separates a list', () => {
    expect(keywordSeparator('ar')).toBe('، ');
    expect(keywordSeparator('fa')).toBe('، ');
    expect(keywordSeparator('he')).toBe(', ');
    expect(keywordSeparator('fr')).toBe(', ');
  });

  it('writes XMP with the PDF/UA identifier, escaped text and no clock of its own', () => {
    const meta = { title: 'Q & A <1>', author: 'IPJN', subject: 's', keywords: ['a', 'b'], keywordSeparator: ', ', language: 'he', direction: 'rtl' as const, creator: 'Broadside', date: new Date('2020-02-11T00:00:00Z'), outlineTitles: [] };
    const xmp = xmpPacket(meta);
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Q &amp; A &lt;1&gt;</rdf:li>');
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>he</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).toContain('<xmp:CreateDate>2020-02-11T00:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<pdf:Keywords>a, b</pdf:Keywords>');
    expect(xmpPacket(meta)).toBe(xmp);
  });
});
