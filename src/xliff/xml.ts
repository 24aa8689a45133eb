/**
 * The little XML that XLIFF needs, written and read by hand: elements, attributes, text, CDATA,
 * comments and processing instructions. DOCTYPEs (and so entity definitions and external
 * entities) are refused outright: an XLIFF file never needs one, and they are how XML parsers get
 * attacked. So are characters XML does not allow (lone surrogates, U+FFFE, most controls), written
 * or as references, and elements nested deeper than MAX_XML_DEPTH. Line ends are read as XML says:
 * CR LF and CR become LF, a CR from `&#13;` too, so none reaches a translation. Every element keeps
 * its line and column for error messages.
 */

/** Deeper than any XLIFF file needs (xliff › file › body › groups › unit › target › inline codes). */
export const MAX_XML_DEPTH = 100;

export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export interface XmlElement {
  /** The qualified name as written (`xml:lang`, `bs:trgDir`, `source`). */
  name: string;
  attributes: Map<string, string>;
  children: XmlNode[];
  line: number;
  column: number;
}
export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** The name without its namespace prefix. */
export function localName(element: XmlElement): string {
  return element.name.slice(element.name.indexOf(':') + 1);
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || localName(c) === name));
}

/** Characters XML 1.0 allows: tab, LF, CR, and U+0020 on except surrogates, U+FFFE and U+FFFF. */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const isXmlCharacter = (code: number): boolean => code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

/** What ends a run of character data in text and in attributes of either quote. */
const SPECIAL = { '<': /[&<]/g, '"': /[&<"]/g, "'": /[&<']/g };

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9._:\u00B7\u00C0-\uFFFF]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function describeCharacter(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function parseXml(text: string): XmlElement {
  return new XmlParser(text).document();
}

class XmlParser {
  private at = 0;
  private depth = 0;
  private readonly text: string;
  /** Positions are counted on from the last one asked for: elements are met in order, so the file is scanned once. */
  private last = { offset: 0, line: 1, column: 1 };

  constructor(text: string) {
    this.text = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    if (this.text.startsWith('\uFEFF')) this.at = 1;
    NOT_XML_CHARACTER.lastIndex = this.at;
    const bad = NOT_XML_CHARACTER.exec(this.text);
    if (bad) this.fail(`the character ${describeCharacter(bad[0].codePointAt(0)!)} is not allowed in XML`, bad.index);
  }

  document(): XmlElement {
    this.misc();
    if (!this.text.startsWith('<', this.at) || this.text.startsWith('</', this.at)) this.fail('expected the root element');
    const root = this.element();
    this.misc();
    if (this.at < this.text.length) this.fail('unexpected content after the root element');
    return root;
  }

  /** White space, comments and processing instructions (the XML declaration among them). */
  private misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.text.startsWith('<?', this.at)) this.skipPast('?>', 'processing instruction');
      else if (this.text.startsWith('<!--', this.at)) this.skipPast('-->', 'comment');
      else if (this.text.startsWith('<!DOCTYPE', this.at)) this.fail('a DOCTYPE is not allowed in an XLIFF file');
      else return;
    }
  }

  private element(): XmlElement {
    const { line, column } = this.position(this.at);
    if (++this.depth > MAX_XML_DEPTH) this.fail(`elements are nested more than ${MAX_XML_DEPTH} deep`);
    this.at++;
    const name = this.name();
    const attributes = new Map<string, string>();
    for (;;) {
      const spaced = this.skipSpace();
      if (this.text.startsWith('/>', this.at)) {
        this.at += 2;
        this.depth--;
        return { name, attributes, children: [], line, column };
      }
      if (this.text.startsWith('>', this.at)) {
        this.at++;
        break;
      }
      if (!spaced) this.fail('expected white space, ">" or "/>"');
      const attribute = this.name();
      if (attributes.has(attribute)) this.fail(`the attribute "${attribute}" appears twice`);
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      attributes.set(attribute, this.quoted());
    }
    const children = this.content(name);
    this.depth--;
    return { name, attributes, children, line, column };
  }

  private content(parent: string): XmlNode[] {
    const children: XmlNode[] = [];
    let text = '';
    for (;;) {
      if (this.at >= this.text.length) this.fail(`<${parent}> is not closed`);
      if (this.text.startsWith('</', this.at)) {
        const closing = this.at;
        this.at += 2;
        const name = this.name();
        if (name !== parent) this.fail(`</${name}> closes <${parent}>`, closing);
        this.skipSpace();
        this.expect('>');
        if (text) children.push(text);
        return children;
      }
      if (this.text.startsWith('<![CDATA[', this.at)) {
        const end = this.text.indexOf(']]>', this.at);
        if (end < 0) this.fail('CDATA section is not closed');
        text += this.text.slice(this.at + 9, end);
        this.at = end + 3;
      } else if (this.text.startsWith('<!--', this.at)) this.skipPast('-->', 'comment');
      else if (this.text.startsWith('<?', this.at)) this.skipPast('?>', 'processing instruction');
      else if (this.text.startsWith('<', this.at)) {
        if (text) children.push(text);
        text = '';
        children.push(this.element());
      } else text += this.characters('<');
    }
  }

  /** Character data up to `stop` (`<` in text, the quote in an attribute), with references replaced. */
  private characters(stop: '<' | '"' | "'"): string {
    const special = SPECIAL[stop];
    let out = '';
    for (;;) {
      special.lastIndex = this.at;
      const end = special.exec(this.text)?.index ?? this.text.length;
      out += this.text.slice(this.at, end);
      this.at = end;
      const ch = this.text[this.at];
      if (ch === undefined || ch === stop) return out;
      if (ch === '&') out += this.reference();
      else this.fail('"<" must be written &lt; in text');
    }
  }

  private reference(): string {
    const match = /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/y;
    match.lastIndex = this.at;
    const found = match.exec(this.text);
    if (!found) this.fail('"&" must be written &amp;');
    const ref = found[1]!;
    let value: string | undefined;
    if (ref.startsWith('#')) {
      const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isXmlCharacter(code)) this.fail(`&${ref}; stands for ${describeCharacter(code)}, which XML does not allow`);
      value = code === 13 ? '\n' : String.fromCodePoint(code);
    } else value = ENTITIES[ref];
    if (value === undefined) this.fail(`unknown character reference &${ref};`);
    this.at += found[0].length;
    return value;
  }

  private quoted(): string {
    const quote = this.text[this.at];
    if (quote !== '"' && quote !== "'") this.fail('an attribute value must be in quotes');
    this.at++;
    const value = this.characters(quote);
    if (this.text[this.at] !== quote) this.fail('the attribute value is not closed');
    this.at++;
    return value;
  }

  private name(): string {
    NAME.lastIndex = this.at;
    const found = NAME.exec(this.text);
    if (!found) this.fail('expected a name');
    this.at += found[0].length;
    return found[0];
  }

  private skipSpace(): boolean {
    const start = this.at;
    while (/[ \t\r\n]/.test(this.text[this.at] ?? '')) this.at++;
    return this.at > start;
  }

  private skipPast(end: string, what: string): void {
    const found = this.text.indexOf(end, this.at);
    if (found < 0) this.fail(`${what} is not closed`);
    this.at = found + end.length;
  }

  private expect(ch: string): void {
    if (this.text[this.at] !== ch) this.fail(`expected "${ch}"`);
    this.at++;
  }

  private position(offset: number): { line: number; column: number } {
    if (offset < this.last.offset) this.last = { offset: 0, line: 1, column: 1 };
    let { line, column } = this.last;
    for (let i = this.last.offset; i < offset; i++) {
      const code = this.text.charCodeAt(i);
      if (code === 10) {
        line++;
        column = 1;
      } else if (code < 0xdc00 || code > 0xdfff) column++;
    }
    this.last = { offset, line, column };
    return { line, column };
  }

  private fail(message: string, offset = this.at): never {
    const { line, column } = this.position(offset);
    throw new XmlSyntaxError(message, line, column);
  }
}
