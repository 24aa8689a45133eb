import { InputError } from '../errors.js';
import { codeFrame } from '../readers/source-text.js';
import { childElements, localName, parseXml, XmlSyntaxError, type XmlElement, type XmlNode } from './xml.js';

/** One unit as a translation tool sent it back. */
export interface ReturnedUnit {
  id: string;
  source: string;
  /** Undefined when the unit has no target at all. */
  target: string | undefined;
  /** The tool marked it finished (2.0: translated, reviewed, final; 1.2: translated, signed-off, final or approved). */
  done: boolean;
  line: number;
  column: number;
}

export interface ReturnedXliff {
  version: string;
  sourceLang: string | undefined;
  targetLang: string | undefined;
  /** Where the languages are declared, for messages. */
  languagesAt: { line: number; column: number };
  units: ReturnedUnit[];
}

const DONE_2 = new Set(['translated', 'reviewed', 'final']);
const DONE_1 = new Set(['translated', 'signed-off', 'final']);
/** Inline elements that only wrap text (annotations, segment markers, formatting we never export). */
const WRAPPERS = new Set(['mrk', 'g', 'pc']);
const EMPTY_MARKERS = new Set(['sm', 'em']);

/** Reads an XLIFF 2.x or 1.2 file that Broadside exported and a translation tool filled in. Pure. */
export function readXliff(text: string, file: string): ReturnedXliff {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    throw new InputError(`XML syntax error: ${error.message}`, { file, line: error.line, column: error.column }, 'the file is damaged; export it again from your translation tool.', codeFrame(text, error.line, error.column));
  }
  const fail = (message: string, at: XmlElement, hint: string): never => {
    throw new InputError(message, { file, line: at.line, column: at.column }, hint, codeFrame(text, at.line, at.column));
  };
  const version = root.attributes.get('version') ?? '';
  if (localName(root) !== 'xliff') fail(`this is not an XLIFF file (its root element is <${root.name}>)`, root, 'import the .xlf file that `broadside xliff export` wrote, after translating it.');
  const reader = new UnitReader(fail);
  if (/^2\.\d$/.test(version)) {
    const units = childElements(root, 'file').flatMap((f) => descendants(f, 'unit')).map((u) => reader.unit2(u));
    return { version, sourceLang: root.attributes.get('srcLang'), targetLang: root.attributes.get('trgLang'), languagesAt: root, units };
  }
  if (/^1\.[012]$/.test(version)) {
    const files = childElements(root, 'file');
    const languages = new Set(files.map((f) => `${f.attributes.get('source-language')}→${f.attributes.get('target-language')}`));
    if (languages.size > 1) fail('the <file> elements are for different languages', files[1]!, 'import one language per file.');
    const units = files.flatMap((f) => descendants(f, 'trans-unit')).map((u) => reader.unit1(u));
    const first = files[0];
    return { version, sourceLang: first?.attributes.get('source-language'), targetLang: first?.attributes.get('target-language'), languagesAt: first ?? root, units };
  }
  return fail(`XLIFF version "${version}" is not supported`, root, 'Broadside reads XLIFF 2.0 and 1.2; save the file in one of them.');
}

function descendants(element: XmlElement, name: string): XmlElement[] {
  return childElements(element).flatMap((child) => (localName(child) === name ? [child] : descendants(child, name)));
}

type Fail = (message: string, at: XmlElement, hint: string) => never;

class UnitReader {
  constructor(private readonly fail: Fail) {}

  /** 2.0: the unit's segments (and the ignorable white space between them, if a tool split it) joined. */
  unit2(unit: XmlElement): ReturnedUnit {
    const id = this.id(unit, 'id');
    const parts = childElements(unit).filter((c) => localName(c) === 'segment' || localName(c) === 'ignorable');
    if (parts.length === 0) this.fail(`unit "${id}" has no <segment>`, unit, 'keep each unit’s <segment> with its <source>.');
    let source = '';
    let target = '';
    let hasTarget = false;
    for (const part of parts) {
      const partSource = this.text(this.one(part, 'source', id));
      const partTarget = childElements(part, 'target')[0];
      source += partSource;
      if (partTarget) hasTarget = true;
      target += partTarget ? this.text(partTarget) : localName(part) === 'ignorable' ? partSource : '';
    }
    const segments = parts.filter((p) => localName(p) === 'segment');
    const done = segments.every((s) => DONE_2.has(s.attributes.get('state') ?? 'initial'));
    return { id, source, target: hasTarget ? target : undefined, done, line: unit.line, column: unit.column };
  }

  unit1(unit: XmlElement): ReturnedUnit {
    const id = this.id(unit, 'id');
    const source = this.text(this.one(unit, 'source', id));
    const target = childElements(unit, 'target')[0];
    const done = unit.attributes.get('approved') === 'yes' || DONE_1.has(target?.attributes.get('state') ?? '');
    return { id, source, target: target ? this.text(target) : undefined, done, line: unit.line, column: unit.column };
  }

  private id(unit: XmlElement, attribute: string): string {
    const id = unit.attributes.get(attribute);
    if (!id) this.fail(`a <${unit.name}> has no ${attribute}`, unit, 'keep the ids Broadside wrote; they say which passage each unit is.');
    return id;
  }

  private one(parent: XmlElement, name: string, id: string): XmlElement {
    const found = childElements(parent, name);
    if (found.length !== 1) this.fail(`unit "${id}" must have one <${name}>`, parent, `keep the <${name}> Broadside wrote.`);
    return found[0]!;
  }

  /** The text of a <source> or <target>; inline codes Broadside never writes are refused. */
  private text(element: XmlElement): string {
    return element.children.map((child: XmlNode) => (typeof child === 'string' ? child : this.inline(child))).join('');
  }

  private inline(element: XmlElement): string {
    const name = localName(element);
    if (WRAPPERS.has(name)) return this.text(element);
    if (EMPTY_MARKERS.has(name)) return '';
    if (name === 'cp') {
      const code = parseInt(element.attributes.get('hex') ?? '', 16);
      if (Number.isNaN(code) || code > 0x10ffff) this.fail('<cp> needs a hex code point', element, 'write the character itself.');
      return String.fromCodePoint(code);
    }
    return this.fail(
      `<${element.name}> (an inline code) is not supported`,
      element,
      'Broadside exports plain text with Markdown (such as *emphasis* and [links](https://example.org)) written out; type it as text instead of inserting a tag.',
    );
  }
}
