/**
 * The little XML that XLIFF needs, written and read by hand: elements, attributes, text, CDATA,
 * comments and processing instructions. DOCTYPEs (and so entity definitions and external
 * entities) are refused outright: an XLIFF file never needs one, and they are how XML parsers get
 * attacked. Every element keeps its line and column for error messages.
 */

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

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9._:\u00B7\u00C0-\uFFFF]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(text: string): XmlElement {
  return new XmlParser(text).document();
}

class XmlParser {
  private at = 0;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    if (text.startsWith('\uFEFF')) this.at = 1;
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
    this.at++;
    const name = this.name();
    const attributes = new Map<string, string>();
    for (;;) {
      const spaced = this.skipSpace();
      if (this.text.startsWith('/>', this.at)) {
        this.at += 2;
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

  /** Character data up to `stop`, with references replaced. */
  private characters(stop: string): string {
    let out = '';
    while (this.at < this.text.length && this.text[this.at] !== stop) {
      const ch = this.text[this.at]!;
      if (ch === '&') out += this.reference();
      else if (ch === '<') this.fail('"<" must be written &lt; in text');
      else {
        out += ch;
        this.at++;
      }
    }
    return out;
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
      value = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
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
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: [...this.text.slice(this.lineStarts[lo], offset)].length + 1 };
  }

  private fail(message: string, offset = this.at): never {
    const { line, column } = this.position(offset);
    throw new XmlSyntaxError(message, line, column);
  }
}
