import type { Token, Tokens } from 'marked';
import * as z from 'zod';
import { InputError } from '../errors.js';
import { lexWithinLimits, MAX_NESTING } from './markdown.js';
import { derivedKey, KEY_PATTERN, META_KEYS, normalizeInline, splitKeyMarker } from '../model/keys.js';
import type { Inline, LinkDefinition } from '../model/inline.js';
import { decodedCharacterAt, flatInline } from '../model/inline.js';
import type { Block, ListItem, Segment, SegmentKind, Statement, StatementMeta } from '../model/statement.js';
import { forbiddenInline, unbalancedDirection, zeroWidthIn } from './characters.js';
import { parseInline, UnreadableInline, writtenAt } from './inline.js';
import { keyCommentProblem } from './key-comments.js';
import { codeFrame, lineColumn, LineIndex } from './source-text.js';
import { parseYamlSource, validateYaml } from './yaml-source.js';

const FrontMatter = z
  .object({
    title: z.string({ error: 'is required: the title of the statement, as text' }).trim().min(1, 'must not be empty'),
    organization: z.string().trim().min(1).optional(),
    description: z.string().trim().min(1).optional(),
    date: z
      .string({ error: 'is required: the date of the statement, written YYYY-MM-DD' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
      .refine(isCalendarDate, 'is not a date in the calendar'),
    keywords: z.string().trim().min(1).optional(),
  })
  .strict();

/** 2020-02-31 matches the pattern, and Date.parse even accepts it; only a round trip tells. */
function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

const FRONT_MATTER_EXAMPLE = '---\ntitle: Mission Statement\norganization: Example Network\ndate: 2020-02-11\n---';

/** Reads a canonical statement (Markdown with YAML front matter) into the model. Pure: text in, model out. */
export function readStatement(id: string, file: string, text: string): Statement {
  if (text.trim() === '') {
    throw new InputError('the statement file is empty', { file, line: 1, column: 1 }, `write a front-matter block and then the statement, for example:\n${FRONT_MATTER_EXAMPLE}\n\nWe believe in …`);
  }
  const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!fm) {
    throw new InputError(
      text.startsWith('---') ? 'the front matter is not closed' : 'the statement has no front matter',
      { file, line: 1, column: 1 },
      `start the file with a front-matter block, for example:\n${FRONT_MATTER_EXAMPLE}`,
    );
  }
  const yaml = parseYamlSource(fm[1]!, file, 1);
  const data = validateYaml(yaml, FrontMatter, 'front matter', `the front matter must look like:\n${FRONT_MATTER_EXAMPLE}`);
  const reader = new StatementReader(file, text, fm[0].length);
  const blocks = reader.read();
  const metaSegment = (key: (typeof META_KEYS)[number], value: string | undefined): Segment | undefined => {
    if (value === undefined) return undefined;
    const at = text.indexOf(`${key}:`);
    const { line, column } = lineColumn(text, at < 0 ? 0 : at);
    const source = normalizeInline(value);
    return { key, kind: 'meta', source, inline: reader.inline(source, at < 0 ? 0 : at), explicitKey: true, line, column };
  };
  const meta: StatementMeta = {
    title: metaSegment('title', data.title)!,
    organization: metaSegment('organization', data.organization),
    description: metaSegment('description', data.description),
    keywords: metaSegment('keywords', data.keywords),
    date: data.date,
  };
  if (blocks.length === 0) {
    throw new InputError('the statement has no text after its front matter', { file, ...lineColumn(text, fm[0].length) }, 'write the statement below the closing --- line.');
  }
  return { id, file, meta, blocks, definitions: reader.definitions };
}

class StatementReader {
  private readonly keys = new Map<string, Segment>();
  private readonly lines: LineIndex;
  readonly definitions = new Map<string, LinkDefinition>();

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly bodyOffset: number,
  ) {
    this.lines = new LineIndex(text);
  }

  read(): Block[] {
    const tokens = lexWithinLimits(this.text.slice(this.bodyOffset));
    if (!tokens) {
      this.fail(
        `the Markdown is nested more than ${MAX_NESTING} levels deep (emphasis, links, quotations or lists within each other)`,
        this.tooDeepAt(),
        'remove the repeated *, _, [ or > characters; to show them as text, put a backslash before each (\\*).',
      );
    }
    for (const [label, { href, title }] of Object.entries(tokens.links)) {
      this.definitions.set(label, title ? { href, title } : { href });
    }
    return this.blocks(tokens, this.bodyOffset);
  }

  /** The first paragraph that is too deep on its own, to point at (else the start of the text). */
  private tooDeepAt(): number {
    let offset = this.bodyOffset;
    for (const part of this.text.slice(this.bodyOffset).split(/(?<=\n[ \t]*\n)/)) {
      if (!lexWithinLimits(part)) return offset + part.search(/\S|$/);
      offset += part.length;
    }
    return this.bodyOffset;
  }

  private blocks(tokens: Token[], offset: number): Block[] {
    const out: Block[] = [];
    let at = offset;
    for (const token of tokens) {
      const span = this.locate(token.raw, at);
      const block = this.block(token, span.at);
      if (block) out.push(block);
      at = span.end;
    }
    return out;
  }

  /**
   * Where a token's Markdown is in the file, searched from `from`. marked gives the tokens inside a
   * quotation or a list item without the `>` and indentation of the blocks around them, so the
   * token is found line by line: each line's content is in the file in that order, whatever stands
   * before it.
   */
  private locate(raw: string, from: number): { at: number; end: number } {
    let at = -1;
    let end = from;
    for (const line of raw.split('\n')) {
      const content = line.trim();
      if (!content) continue;
      const found = this.text.indexOf(content, end);
      if (found < 0) break;
      if (at < 0) at = found;
      end = found + content.length;
    }
    return at < 0 ? { at: from, end: from } : { at, end };
  }

  private block(token: Token, offset: number): Block | undefined {
    const at = this.lines.at(offset);
    switch (token.type) {
      case 'space':
      case 'def':
        return undefined;
      case 'heading':
        return { type: 'heading', level: token.depth, segment: this.segment('heading', token.text, offset), ...at };
      case 'paragraph':
      case 'text':
        return { type: 'paragraph', segment: this.segment('paragraph', token.text, offset), ...at };
      case 'list':
        return this.list(token as Tokens.List, offset);
      case 'blockquote':
        return { type: 'blockquote', blocks: this.blocks(token.tokens ?? [], offset), ...at };
      case 'table':
        return this.table(token as Tokens.Table, offset);
      case 'code':
        return { type: 'code', lang: token.lang ?? '', text: token.text, ...at };
      case 'hr':
        return { type: 'rule', ...at };
      case 'html':
        if (/^\s*<!--[\s\S]*-->\s*$/.test(token.raw)) return this.comment(token.raw, offset);
        return this.fail('raw HTML is not allowed in a statement', offset, 'write the content in Markdown (emphasis *like this*, links [like this](https://example.org)); HTML would reach every translation unchecked.');
      default:
        return this.fail(`unsupported Markdown block (${token.type})`, offset, 'use headings, paragraphs, lists, quotes, tables or code blocks.');
    }
  }

  private list(token: Tokens.List, offset: number): Block {
    const items: ListItem[] = [];
    let at = offset;
    for (const item of token.items) {
      const span = this.locate(item.raw, at);
      const [first, ...rest] = item.tokens;
      if (!first || (first.type !== 'text' && first.type !== 'paragraph')) {
        this.fail('a list item must start with text', span.at, 'write the item text right after the bullet.');
      }
      // The item's own blocks come after its first line of text, which may hold the same words.
      const children = this.blocks(rest, this.locate(first.raw, span.at).end);
      items.push({ segment: this.segment('item', first.text, span.at), children, ...this.lines.at(span.at) });
      at = span.end;
    }
    return { type: 'list', ordered: token.ordered, start: token.start === '' ? 1 : Number(token.start), items, ...this.lines.at(offset) };
  }

  private table(token: Tokens.Table, offset: number): Block {
    let at = offset;
    const cell = (c: Tokens.TableCell): Segment => {
      const start = this.text.indexOf(c.text, at);
      if (start >= 0) at = start + c.text.length;
      return this.segment('cell', c.text, start < 0 ? offset : start);
    };
    const header = token.header.map(cell);
    const rows = token.rows.map((row) => row.map(cell));
    return { type: 'table', align: token.align, header, rows, ...this.lines.at(offset) };
  }

  /** A comment between blocks is a note to the authors, unless it is a key that lost its block. */
  private comment(raw: string, offset: number): undefined {
    const problem = keyCommentProblem(raw.trim(), false);
    if (problem) this.fail(problem.message, this.text.indexOf('<!--', offset), problem.hint);
    return undefined;
  }

  /** Inline Markdown → nodes, with what a statement may not hold refused at its place in the file. */
  inline(source: string, offset: number): Inline[] {
    const near = (raw: string): number => this.locate(raw, offset).at;
    let nodes: Inline[];
    try {
      nodes = parseInline(source, this.definitions, (comment) => {
        const problem = keyCommentProblem(comment, true);
        if (problem) this.fail(problem.message, near(comment), problem.hint);
      });
    } catch (error) {
      if (error instanceof UnreadableInline) this.fail(`unsupported Markdown (${error.construct})`, offset, 'use emphasis, links, code and line breaks within a block.');
      throw error;
    }
    const html = flatInline(nodes).find((node) => node.type === 'html');
    if (html) this.fail('raw HTML is not allowed in a statement', near(source.slice(html.at, html.end)), 'use Markdown instead (for example *emphasis* or [a link](https://example.org)).');
    const forbidden = forbiddenInline(nodes);
    if (forbidden) this.fail(`${forbidden.description} is not allowed (written as a character reference or an entity)`, this.characterAt(source, offset, nodes, forbidden.index), 'delete the reference; it puts an invisible character into every edition.');
    const direction = unbalancedDirection(nodes);
    if (direction) this.fail(direction.message, this.characterAt(source, offset, nodes, direction.index), 'delete the direction control (Broadside sets the direction of every block), or close it.');
    const zeroWidth = zeroWidthIn(nodes);
    if (zeroWidth) this.fail(zeroWidth.message, this.characterAt(source, offset, nodes, zeroWidth.index), 'delete it; it breaks searching and copying.');
    return nodes;
  }

  /**
   * Where in the file character `index` of the decoded text of `nodes` (read from `source`, a block
   * at `offset`) was written, as itself or as a reference; the block's start when it cannot tell.
   */
  private characterAt(source: string, offset: number, nodes: readonly Inline[], index: number): number {
    const found = decodedCharacterAt(nodes, index);
    if (!found) return offset;
    const raw = source.slice(found.node.at, found.node.end);
    const written = writtenAt(raw, found.char);
    return this.locate(raw.slice(Math.max(0, written)), offset).at;
  }

  private segment(kind: SegmentKind, raw: string, offset: number): Segment {
    const { text, key: explicit, markerIndex } = splitKeyMarker(raw);
    const source = normalizeInline(text);
    const { line, column } = this.lines.at(offset);
    if (!source) this.fail('a block is empty', offset, 'write its text or delete it.');
    // The nodes come from the text as written, where a hard line break still is one; `source` (keys,
    // hashes, what translators see) stays the whitespace-normalised text it has always been.
    const inline = this.inline(text.normalize('NFC').trim(), offset);
    if (explicit !== undefined) {
      const markerAt = this.text.indexOf('<!--', offset + (markerIndex ?? 0));
      if (!KEY_PATTERN.test(explicit) || (META_KEYS as readonly string[]).includes(explicit)) {
        this.fail(
          `"${explicit}" is not a usable segment key`,
          markerAt,
          `keys are lower-case letters, digits, ".", "_" and "-" (for example <!-- #our-values -->), and not ${META_KEYS.join(', ')}.`,
        );
      }
      const previous = this.keys.get(explicit);
      if (previous) {
        this.fail(`the key "${explicit}" is already used at line ${previous.line}`, markerAt, 'give each block its own key; keys must be unique within a statement.');
      }
    }
    let key = explicit ?? derivedKey(kind, source);
    for (let n = 2; !explicit && this.keys.has(key); n++) key = `${derivedKey(kind, source)}-${n}`;
    const segment: Segment = { key, kind, source, inline, explicitKey: explicit !== undefined, line, column };
    this.keys.set(key, segment);
    return segment;
  }

  private fail(message: string, offset: number, hint: string): never {
    const { line, column } = this.lines.at(offset);
    throw new InputError(message, { file: this.file, line, column }, hint, codeFrame(this.text, line, column));
  }
}
