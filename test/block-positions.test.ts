import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { languagesOf } from '../src/localize/language.js';
import { localize } from '../src/localize/localize.js';
import { loadProject } from '../src/io/project.js';
import { segmentsOf, UnknownBlockError, type Block } from '../src/model/statement.js';
import { readStatement } from '../src/readers/statement.js';
import { writeHtml } from '../src/writers/html.js';
import { writeText } from '../src/writers/text.js';
import { makeProject, REPO, runCli } from './helpers.js';

const FRONT = '---\ntitle: T\ndate: 2020-01-01\n---\n\n';
// Line 6 on: blocks within quotations within lists within quotations, with a table, code and a rule.
const BODY = [
  'Intro.',
  '',
  '> Quoted line one',
  '> continues here.',
  '>',
  '> - item a',
  '> - item b',
  '>   with more',
  '>',
  '>   Second para of b',
  '>   two lines.',
  '',
  '- x',
  '',
  '  > deep quote',
  '  > two',
  '',
  '  | h | i |',
  '  |---|---|',
  '  | c | d |',
  '',
  '  ```',
  '  code',
  '  ```',
  '',
  '  ---',
  '',
].join('\n');

/** Each block and list item as `type line:column`, indented by depth, with what the file has there. */
function outline(blocks: readonly Block[], text: string, depth = 0): string[] {
  const lines = text.split('\n');
  const at = (line: number, column: number): string => `${line}:${column} ${lines[line - 1]!.slice(column - 1, column + 9)}`;
  return blocks.flatMap((block) => {
    const own = `${'  '.repeat(depth)}${block.type} ${at(block.line, block.column)}`;
    if (block.type === 'blockquote') return [own, ...outline(block.blocks, text, depth + 1)];
    if (block.type === 'list') return [own, ...block.items.flatMap((item) => [`${'  '.repeat(depth + 1)}item ${at(item.line, item.column)}`, ...outline(item.children, text, depth + 2)])];
    return [own];
  });
}

describe('blocks in the model', () => {
  it('carry their own line and column, however deep they are', () => {
    const text = FRONT + BODY;
    expect(outline(readStatement('s', 's.md', text).blocks, text)).toEqual([
      'paragraph 6:1 Intro.',
      'blockquote 8:1 > Quoted l',
      '  paragraph 8:3 Quoted lin',
      '  list 11:3 - item a',
      '    item 11:3 - item a',
      '    item 12:3 - item b',
      '      paragraph 15:5 Second par',
      'list 18:1 - x',
      '  item 18:1 - x',
      '    blockquote 20:3 > deep quo',
      '      paragraph 20:5 deep quote',
      '    table 23:3 | h | i |',
      '    code 27:3 ```',
      '    rule 31:3 ---',
    ]);
  });

  it('give their segments the same place, so messages about a passage name the right line', () => {
    const text = FRONT + BODY;
    const statement = readStatement('s', 's.md', text);
    const quote = statement.blocks[1]!;
    if (quote.type !== 'blockquote' || quote.blocks[1]?.type !== 'list') throw new Error('unexpected shape');
    const item = quote.blocks[1].items[1]!;
    expect([item.segment.source, item.segment.line, item.segment.column]).toEqual(['item b with more', 12, 3]);
  });

  const errorAt = (body: string): string => {
    try {
      readStatement('s', 's.md', FRONT + body);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return `${error.location?.line}:${error.location?.column} ${error.message}`;
    }
    throw new Error('no error');
  };

  it('name the line and column of a key comment deep in a statement, with how to fix it', () => {
    const body = 'Intro.\n\n> - one\n> - two\n>\n>   > Quoted <!-- #k --> on.\n';
    expect(errorAt(body)).toBe('11:14 the key comment <!-- #k --> is in the middle of the text; a key comment must end its block');
    expect(errorAt('Intro.\n\n1. a\n2. b\n\n   > Para <!-- ours -->\n')).toBe('11:11 <!-- ours --> looks like a key comment without its #');
  });

  it('name the line and column of a character refused deep in a statement', () => {
    expect(errorAt('> a\n>\n> - b\n>   [c](https://x.org/&#x7f;) d\n')).toBe('9:23 control character U+007F is not allowed (written as a character reference or an entity)');
    expect(errorAt('- a\n- b\n\n  > q\n  > z &ZeroWidthSpace;y\n')).toBe('10:7 invisible character U+200B (zero-width space) is not allowed');
  });
});

describe('a check finding on a list item deep in a statement', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('names the line and column of its translation in the translation file', async () => {
    const body = 'Intro. <!-- #intro -->\n\n> - One item. <!-- #one -->\n> - Two items:\n>\n>   - the [site](https://example.org) here. <!-- #deep -->\n';
    const hebrew = [
      'language: he',
      'statements:',
      '  s:',
      '    title:',
      '      source: T',
      '      text: ט',
      '    intro:',
      '      source: Intro.',
      '      text: מבוא.',
      '    deep:',
      '      source: the [site](https://example.org) here.',
      '      text: "האתר  כאן."',
      '',
    ].join('\n');
    const dir = await makeProject({ 'broadside.yaml': 'sourceLanguage: en\nlanguages:\n  - code: en\n  - code: he\n', 'statements/s.md': FRONT + body, 'translations/he.yaml': hebrew }, { shipped: false });
    dirs.push(dir);
    const result = await runCli(['check', '--lang', 'he'], dir);
    expect(result.code).toBe(6);
    expect(result.stdout).toContain('translations/he.yaml:12:13: error [markup-links] he s/deep: links differ');
    expect(result.stdout).toContain('translations/he.yaml:12:13: warning [whitespace-double] he s/deep: 2 spaces in a row');
    // An item with no translation yet points at the statement's section, where its entry belongs.
    expect(result.stdout).toContain('translations/he.yaml:4:5: warning [missing] he s/one: not translated');
  });
});

describe('a block type a walk does not know', () => {
  it('is an error in the HTML and text writers and in the walk that finds segments, never left out', async () => {
    const project = await loadProject(REPO);
    const english = languagesOf(project.config).find((l) => l.isSource)!;
    const statement = readStatement('s', 's.md', `${FRONT}Known.\n`);
    const doc = localize(statement, english, english, project.interfaceStrings, undefined);
    const page = { editions: [{ code: 'en', dir: 'ltr' as const, script: 'Latn', name: 'English' }], downloads: [], template: project.templates.page };
    expect(writeHtml(doc, page)).toContain('Known.');
    expect(writeText(doc, { columns: 72 })).toContain('Known.');
    // A block no one knows, added behind the reader's back.
    statement.blocks.push({ type: 'footnote', line: 8, column: 1 } as unknown as Block);
    expect(() => writeHtml(doc, page)).toThrow(UnknownBlockError);
    expect(() => writeText(doc, { columns: 72 })).toThrow(UnknownBlockError);
    expect(() => segmentsOf(statement)).toThrow(UnknownBlockError);
    expect(() => localize(statement, english, english, project.interfaceStrings, undefined)).toThrow(UnknownBlockError);
  });
});
