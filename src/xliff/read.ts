import { InputError } from '../errors.js';
import { codeFrame } from '../readers/source-text.js';
import { childElements, localName, parseXml, XmlSyntaxError, type XmlElement, type XmlNode } from './xml.js';

/** Text, or an inline code by its id, with the original data the file gives for it (trusted only for codes the source lacks). */
export type ReturnedPart = { kind: 'text'; text: string } | { kind: 'open' | 'close' | 'standalone'; id: string; data?: string };

/** One unit as a translation tool sent it back. */
export interface ReturnedUnit {
  id: string;
  source: ReturnedPart[];
  /** Undefined when the unit has no target at all. */
  target: ReturnedPart[] | undefined;
  /** The `xml:lang` of the target, when it has one. */
  targetLang?: string;
  /** The tool marked it finished (2.0: translated, reviewed, final; 1.2: translated, signed-off, final or approved). */
  done: boolean;
  /** The tool marked it final or signed off: a target equal to the source is then meant. */
  final: boolean;
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
const FINAL = new Set(['signed-off', 'final']);
/** Inline elements that only wrap text (annotations, segment markers). */
const WRAPPERS = new Set(['mrk']);
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
    const data = new Map(childElements(unit, 'originalData').flatMap((o) => childElements(o, 'data')).map((d) => [d.attributes.get('id') ?? '', this.plain(d)]));
    const source: ReturnedPart[] = [];
    const target: ReturnedPart[] = [];
    let hasTarget = false;
    let targetLang: string | undefined;
    for (const part of parts) {
      const partSource = this.parts(this.one(part, 'source', id), data);
      const partTarget = childElements(part, 'target')[0];
      source.push(...partSource);
      if (partTarget) {
        hasTarget = true;
        targetLang ??= partTarget.attributes.get('xml:lang');
      }
      target.push(...(partTarget ? this.parts(partTarget, data) : localName(part) === 'ignorable' ? partSource : []));
    }
    const segments = parts.filter((p) => localName(p) === 'segment');
    const states = segments.map((s) => s.attributes.get('state') ?? 'initial');
    const unit2: ReturnedUnit = { id, source, target: hasTarget ? target : undefined, done: states.every((s) => DONE_2.has(s)), final: states.every((s) => s === 'final'), line: unit.line, column: unit.column };
    if (targetLang !== undefined) unit2.targetLang = targetLang;
    return unit2;
  }

  unit1(unit: XmlElement): ReturnedUnit {
    const id = this.id(unit, 'id');
    const source = this.parts(this.one(unit, 'source', id));
    const target = childElements(unit, 'target')[0];
    const state = target?.attributes.get('state') ?? '';
    const unit1: ReturnedUnit = { id, source, target: target ? this.parts(target) : undefined, done: unit.attributes.get('approved') === 'yes' || DONE_1.has(state), final: FINAL.has(state), line: unit.line, column: unit.column };
    const targetLang = target?.attributes.get('xml:lang');
    if (targetLang !== undefined) unit1.targetLang = targetLang;
    return unit1;
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

  /**
   * The text and inline codes of a <source> or <target>: 2.0 <pc>, <ph>, <sc>/<ec>; 1.2 <bpt>/<ept>,
   * <ph>, <g>, <x>, <bx>/<ex>. Annotations (<mrk>) are read through; other elements are refused.
   */
  private parts(element: XmlElement, data?: Map<string, string>): ReturnedPart[] {
    const out: ReturnedPart[] = [];
    const text = (value: string): void => {
      const last = out[out.length - 1];
      if (last?.kind === 'text') last.text += value;
      else if (value) out.push({ kind: 'text', text: value });
    };
    const code = (kind: 'open' | 'close' | 'standalone', at: XmlElement, idAttribute = 'id', native?: string): void => {
      const id = at.attributes.get(idAttribute);
      if (!id) this.fail(`<${at.name}> has no ${idAttribute}`, at, 'keep the tags your tool shows for the formatting in the source; do not type them.');
      out.push(native === undefined ? { kind, id } : { kind, id, data: native });
    };
    const ref = (at: XmlElement, attribute: string): string | undefined => {
      const name = at.attributes.get(attribute);
      return name === undefined ? undefined : data?.get(name);
    };
    const walk = (node: XmlElement): void => {
      for (const child of node.children) {
        if (typeof child === 'string') {
          text(child);
          continue;
        }
        const name = localName(child);
        if (WRAPPERS.has(name)) walk(child);
        else if (EMPTY_MARKERS.has(name) && data) continue;
        else if (name === 'cp' && data) text(this.codePoint(child));
        else if (name === 'pc' && data) {
          code('open', child, 'id', ref(child, 'dataRefStart'));
          walk(child);
          code('close', child, 'id', ref(child, 'dataRefEnd'));
        } else if (name === 'sc' && data) code('open', child, 'id', ref(child, 'dataRef'));
        else if (name === 'ec' && data) code('close', child, child.attributes.has('startRef') ? 'startRef' : 'id', ref(child, 'dataRef'));
        else if (name === 'ph' && data) code('standalone', child, 'id', ref(child, 'dataRef'));
        else if (name === 'bpt' && !data) code('open', child, 'id', this.plain(child));
        else if (name === 'ept' && !data) code('close', child, 'id', this.plain(child));
        else if (name === 'ph' && !data) code('standalone', child, 'id', this.plain(child));
        else if (name === 'g' && !data) {
          code('open', child);
          walk(child);
          code('close', child);
        } else if (name === 'x' && !data) code('standalone', child);
        else if (name === 'bx' && !data) code('open', child, child.attributes.has('rid') ? 'rid' : 'id');
        else if (name === 'ex' && !data) code('close', child, child.attributes.has('rid') ? 'rid' : 'id');
        else {
          this.fail(
            `<${child.name}> is not an inline element Broadside reads`,
            child,
            'keep only the tags your tool shows for the formatting, links, code and placeholders in the source.',
          );
        }
      }
    };
    walk(element);
    return out;
  }

  /** The text of an element that holds only text (original data, a 1.2 code's native Markdown). */
  private plain(element: XmlElement): string {
    return element.children.map((child: XmlNode) => (typeof child === 'string' ? child : localName(child) === 'cp' ? this.codePoint(child) : this.fail(`<${child.name}> cannot be inside <${element.name}>`, child, 'write the character itself.'))).join('');
  }

  private codePoint(element: XmlElement): string {
    const code = parseInt(element.attributes.get('hex') ?? '', 16);
    const allowed = code === 9 || code === 10 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (Number.isNaN(code) || !allowed) this.fail(`<cp hex="${element.attributes.get('hex') ?? ''}"> is not a character a translation may hold`, element, 'write the character itself, or leave it out.');
    return String.fromCodePoint(code);
  }
}
