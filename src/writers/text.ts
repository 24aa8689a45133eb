import { displayWidth } from '../render/display-width.js';
import { firstStrongDirection } from '../model/languages.js';
import type { LocalizedSegment, LocalizedStatement } from '../localize/localize.js';
import { formatNumber } from '../localize/language.js';
import { UnknownBlockError, type Block, type Segment } from '../model/statement.js';
import { renderInlineText, type TextLinks } from '../render/inline.js';

const RLM = '\u200F';
const LRM = '\u200E';

export interface TextOptions {
  columns: number;
}

/**
 * The plain-text edition: UTF-8, NFC, LF, wrapped at `columns` display columns, links as numbered
 * references. Every line of right-to-left text starts with a strong RTL character or U+200F so that
 * programs which take direction from the first strong character show it right-to-left.
 */
export function writeText(doc: LocalizedStatement, { columns }: TextOptions): string {
  const writer = new TextWriter(doc, columns);
  return writer.write();
}

interface Line {
  text: string;
  dir: 'ltr' | 'rtl';
}

class TextWriter {
  private readonly lines: Line[] = [];
  private readonly links: TextLinks;
  /** Display widths of words seen so far: measuring grapheme clusters is slow, and words repeat. */
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly doc: LocalizedStatement,
    private readonly columns: number,
  ) {
    this.links = { urls: [], number: (n) => formatNumber(n, doc.language) };
  }

  write(): string {
    const { meta } = this.doc.statement;
    if (meta.organization) this.paragraph(meta.organization);
    this.underlined(meta.title, '=');
    this.plain(this.doc.t('published', { date: this.doc.date }));
    this.blocks(this.doc.statement.blocks, '', '');
    if (this.links.urls.length) {
      this.underlinedText(this.doc.t('linksHeading'), '-', this.doc.language.dir);
      this.links.urls.forEach((url, i) => this.lines.push({ text: `[${this.links.number(i + 1)}] ${url}`, dir: this.doc.language.dir }));
      this.blank();
    }
    while (this.lines.at(-1)?.text === '') this.lines.pop();
    return `${this.lines.map(finishLine).join('\n')}\n`.normalize('NFC');
  }

  private blocks(blocks: Block[], first: string, rest: string): void {
    for (const block of blocks) {
      switch (block.type) {
        case 'heading':
          this.underlined(block.segment, block.level <= 1 ? '=' : '-');
          break;
        case 'paragraph':
          this.paragraph(block.segment, first, rest);
          break;
        case 'list':
          block.items.forEach((item, i) => {
            const bullet = block.ordered ? `${formatNumber(block.start + i, this.doc.language)}. ` : '- ';
            const pad = ' '.repeat(displayWidth(bullet));
            this.paragraph(item.segment, rest + bullet, rest + pad, false);
            this.blocks(item.children, rest + pad, rest + pad);
          });
          this.blank();
          break;
        case 'blockquote':
          this.blocks(block.blocks, `${rest}> `, `${rest}> `);
          break;
        case 'table':
          for (const row of [block.header, ...block.rows]) {
            const cells = row.map((cell) => this.inline(this.doc.segment(cell)));
            this.wrap(cells.join(' | '), rest, rest, this.doc.language.dir);
          }
          this.blank();
          break;
        case 'code':
          for (const line of block.text.split('\n')) this.lines.push({ text: `${rest}    ${line}`, dir: 'ltr' });
          this.blank();
          break;
        case 'rule':
          this.lines.push({ text: '* * *', dir: this.doc.language.dir });
          this.blank();
          break;
        default:
          throw new UnknownBlockError((block as { type: string }).type);
      }
    }
  }

  private paragraph(segment: Segment, first = '', rest = '', blankAfter = true): void {
    const localized = this.doc.segment(segment);
    // The note takes the bullet or number, and the text goes on under it, indented like the rest.
    const noted = this.note(localized, first, rest);
    this.wrap(this.inline(localized), noted ? rest : first, rest, localized.dir);
    if (blankAfter) this.blank();
  }

  private underlined(segment: Segment, rule: string): void {
    const localized = this.doc.segment(segment);
    this.note(localized, '', '');
    this.underlinedText(this.inline(localized), rule, localized.dir);
  }

  private underlinedText(text: string, rule: string, dir: Line['dir']): void {
    const start = this.lines.length;
    this.wrap(text, '', '', dir);
    const width = Math.max(...this.lines.slice(start).map((line) => this.width(line.text)));
    this.lines.push({ text: rule.repeat(width), dir });
    this.blank();
  }

  private plain(text: string): void {
    this.wrap(text, '', '', this.doc.language.dir);
    this.blank();
  }

  /** A fallback segment is announced in the reader's language before it is shown in the source's. */
  private note(segment: LocalizedSegment, first: string, rest: string): boolean {
    if (segment.state !== 'missing' && segment.state !== 'stale') return false;
    const note = this.doc.t(segment.state === 'missing' ? 'untranslatedNote' : 'staleNote');
    this.wrap(`[${note}]`, first, rest, this.doc.language.dir);
    return true;
  }

  private inline(segment: LocalizedSegment): string {
    return renderInlineText(segment.inline, this.links);
  }

  /** Words are separated by spaces, so a line's width is the sum of its words' widths and the spaces. */
  private wrap(text: string, first: string, rest: string, dir: Line['dir']): void {
    for (const piece of text.split('\n')) {
      let line = first;
      let width = this.width(first);
      let lineHasWord = false;
      for (const word of piece.split(/ +/).filter(Boolean)) {
        const wordWidth = this.width(word);
        if (lineHasWord && width + 1 + wordWidth > this.columns) {
          this.lines.push({ text: line, dir });
          line = rest + word;
          width = this.width(rest) + wordWidth;
        } else {
          line = lineHasWord ? `${line} ${word}` : line + word;
          width += (lineHasWord ? 1 : 0) + wordWidth;
        }
        lineHasWord = true;
      }
      if (lineHasWord) this.lines.push({ text: line, dir });
      first = rest;
    }
  }

  private width(text: string): number {
    let width = this.widths.get(text);
    if (width === undefined) this.widths.set(text, (width = displayWidth(text)));
    return width;
  }

  private blank(): void {
    if (this.lines.length && this.lines.at(-1)!.text !== '') this.lines.push({ text: '', dir: 'ltr' });
  }
}

/** Marks the direction of every line whose first strong character would pick the wrong one. */
function finishLine({ text, dir }: Line): string {
  const trimmed = text.trimEnd();
  if (trimmed === '') return '';
  if (dir === 'rtl') return firstStrongDirection(trimmed.slice(0, 1)) === 'rtl' ? trimmed : RLM + trimmed;
  return firstStrongDirection(trimmed) === 'rtl' ? LRM + trimmed : trimmed;
}
