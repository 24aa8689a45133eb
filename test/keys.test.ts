import { describe, expect, it } from 'vitest';
import { entryState } from '../src/localize/state.js';
import { segmentsOf, type Statement } from '../src/model/statement.js';
import type { Entry } from '../src/model/translation.js';
import { readStatement } from '../src/readers/statement.js';
import { parseInline } from '../src/readers/inline.js';

const FRONT = '---\ntitle: T\ndate: 2020-02-11\n---\n\n';

function read(body: string): Statement {
  return readStatement('s', 'statements/s.md', FRONT + body);
}

function keys(body: string): string[] {
  return segmentsOf(read(body)).map((s) => s.key);
}

/** A translation made of every segment of `body`, as a translator would have written it then. */
function translate(body: string): Map<string, Entry> {
  return new Map(segmentsOf(read(body)).map((s) => [s.key, { key: s.key, source: s.source, text: `T(${s.source})`, sourceInline: s.inline, inline: parseInline(`T(${s.source})`), sourceBlocks: [], blocks: [], line: 1, column: 1 }]));
}

function states(body: string, entries: Map<string, Entry>): Record<string, string> {
  return Object.fromEntries(segmentsOf(read(body)).map((s) => [s.key, entryState(s.source, entries.get(s.key))]));
}

const A = 'Alpha paragraph.';
const B = 'Bravo paragraph.';
const C = 'Charlie paragraph.';

describe('segment keys', () => {
  it('makes every reader-visible block a segment: headings, paragraphs, list items, quotes, table cells, front matter', () => {
    const statement = read('# Heading\n\nPara *em*.\n\n- one\n- two\n\n> Quoted.\n\n| H1 | H2 |\n|---|---|\n| c1 | c2 |\n');
    expect(segmentsOf(statement).map((s) => [s.kind, s.source])).toEqual([
      ['meta', 'T'],
      ['heading', 'Heading'],
      ['paragraph', 'Para *em*.'],
      ['item', 'one'],
      ['item', 'two'],
      ['paragraph', 'Quoted.'],
      ['cell', 'H1'],
      ['cell', 'H2'],
      ['cell', 'c1'],
      ['cell', 'c2'],
    ]);
  });

  it('keeps inline Markdown (emphasis, links, code) in the segment source', () => {
    const [, para] = segmentsOf(read('We **must** read [the law](https://example.org/law) and `code`.\n'));
    expect(para!.source).toBe('We **must** read [the law](https://example.org/law) and `code`.');
  });

  it('takes explicit keys from a trailing comment and strips it from the text', () => {
    const [, para] = segmentsOf(read('Some text\nover two lines. <!-- #intro -->\n'));
    expect(para).toMatchObject({ key: 'intro', explicitKey: true, source: 'Some text over two lines.' });
  });

  it('does not change other keys when a block is inserted, deleted or reordered', () => {
    const before = keys(`${A}\n\n${B}\n\n${C}\n`);
    const inserted = keys(`${A}\n\nNew paragraph.\n\n${B}\n\n${C}\n`);
    const deleted = keys(`${A}\n\n${C}\n`);
    const reordered = keys(`${C}\n\n${A}\n\n${B}\n`);
    expect(inserted.filter((k) => before.includes(k))).toEqual(before);
    expect(before.filter((k) => deleted.includes(k))).toEqual(deleted);
    expect(new Set(reordered)).toEqual(new Set(before));
  });

  it('does not change any other segment state when a block is inserted, deleted or reordered', () => {
    const entries = translate(`${A}\n\n${B}\n\n${C}\n`);
    const inserted = states(`${A}\n\nNew paragraph.\n\n${B}\n\n${C}\n`, entries);
    expect(Object.values(inserted).filter((s) => s === 'translated')).toHaveLength(4); // title + A, B, C
    expect(Object.values(inserted).filter((s) => s === 'missing')).toHaveLength(1);
    expect(Object.values(states(`${C}\n\n${B}\n`, entries))).toEqual(['translated', 'translated', 'translated']);
  });

  it('makes an edited keyed segment stale, not missing, and leaves the others translated', () => {
    const original = `${A} <!-- #a -->\n\n${B} <!-- #b -->\n`;
    const entries = translate(original);
    expect(states(`${A} <!-- #a -->\n\nBravo paragraph, edited. <!-- #b -->\n`, entries)).toEqual({ title: 'translated', a: 'translated', b: 'stale' });
  });

  it('counts an edit of the first words of a paragraph as an edit of that segment', () => {
    const entries = translate(`${A} <!-- #a -->\n\n${B} <!-- #b -->\n`);
    expect(states(`Alfa paragraph. <!-- #a -->\n\n${B} <!-- #b -->\n`, entries)).toEqual({ title: 'translated', a: 'stale', b: 'translated' });
  });

  it('treats whitespace and line-wrapping changes as no edit', () => {
    const entries = translate(`${A} <!-- #a -->\n`);
    expect(states('Alpha\n   paragraph. <!-- #a -->\n', entries).a).toBe('translated');
  });

  it('derives distinct keys for identical unkeyed blocks', () => {
    const [, first, second] = keys(`${A}\n\n${A}\n`);
    expect(first).not.toBe(second);
  });
});
