import { alignIds, codesOf, markdownToParts, type CodeKind, type InlinePart } from './inline-codes.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from './xml.js';
import type { XliffDocument, XliffFile, XliffUnit } from './units.js';

/** 1.2 first: the version OmegaT 3.6 and translate-toolkit 3.8 read (they load 2.0 files with no units, silently). */
export const XLIFF_VERSIONS = ['1.2', '2.0'] as const;
export type XliffVersion = (typeof XLIFF_VERSIONS)[number];
export const DEFAULT_XLIFF_VERSION: XliffVersion = '1.2';

export interface WriteOptions {
  /**
   * Source copied to target: every untranslated or stale unit carries the current English in its
   * target, marked not translated, for tools (OmegaT among them) that translate what the target holds.
   */
  copySource?: boolean;
}

const XLIFF_2_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';
const XLIFF_1_NAMESPACE = 'urn:oasis:names:tc:xliff:document:1.2';
/** XLIFF 2.0 `subState` of a unit whose translation was made from an earlier source. */
export const STALE_SUBSTATE = 'broadside:stale';

export function writeXliff(doc: XliffDocument, version: XliffVersion, options: WriteOptions = {}): string {
  return version === '2.0' ? writeXliff2(doc, options) : writeXliff12(doc, options);
}

/** What goes in a unit's target: the translation (stale too, to revise), the source when copied, or nothing. */
function targetOf(unit: XliffUnit, options: WriteOptions): { parts: InlinePart[]; copied: boolean } {
  const source = markdownToParts(unit.source, unit.definitions);
  if (options.copySource && unit.state !== 'translated') return { parts: source, copied: true };
  return { parts: unit.target ? alignIds(markdownToParts(unit.target, unit.definitions), source) : [], copied: false };
}

const PC_TYPES: Record<CodeKind, { type: string; subType?: string }> = {
  emphasis: { type: 'fmt', subType: 'xlf:i' },
  strong: { type: 'fmt', subType: 'xlf:b' },
  strikethrough: { type: 'fmt' },
  link: { type: 'link' },
  code: { type: 'other' },
  placeholder: { type: 'other', subType: 'xlf:var' },
  break: { type: 'fmt', subType: 'xlf:lb' },
  image: { type: 'image' },
  autolink: { type: 'link' },
};

/** XLIFF 2.0 inline codes: <pc> around text, <ph/> for the rest, each code's Markdown in <originalData>. */
class OriginalData {
  private readonly ids = new Map<string, string>();

  ref(markdown: string): string {
    let id = this.ids.get(markdown);
    if (!id) this.ids.set(markdown, (id = `d${this.ids.size + 1}`));
    return id;
  }

  xml(): string[] {
    if (!this.ids.size) return [];
    return ['      <originalData>', ...[...this.ids].map(([markdown, id]) => `        <data id="${id}">${text(markdown)}</data>`), '      </originalData>'];
  }

  inline(parts: readonly InlinePart[]): string {
    const closes = new Map(parts.filter((p) => p.kind === 'close').map((p) => [p.id, p.markdown]));
    return parts
      .map((part) => {
        if (part.kind === 'text') return text(part.text);
        if (part.kind === 'close') return '</pc>';
        const { type, subType } = PC_TYPES[part.code];
        const typed = `type="${type}"${subType ? ` subType="${subType}"` : ''}`;
        if (part.kind === 'standalone') return `<ph id="${attr(part.id)}" dataRef="${this.ref(part.markdown)}" ${typed} disp="${attr(part.markdown)}"/>`;
        const close = closes.get(part.id) ?? '';
        return `<pc id="${attr(part.id)}" dataRefStart="${this.ref(part.markdown)}" dataRefEnd="${this.ref(close)}" ${typed} dispStart="${attr(part.markdown)}" dispEnd="${attr(close)}">`;
      })
      .join('');
  }
}

/** XLIFF 2.0: `state` per segment, `srcDir`/`trgDir` per file, notes per unit. */
function writeXliff2(doc: XliffDocument, options: WriteOptions): string {
  const files = doc.files.map((file) => {
    const units = file.units.map((unit) => {
      const target = targetOf(unit, options);
      const state = unit.state === 'translated' ? 'state="translated"' : unit.state === 'stale' ? `state="initial" subState="${STALE_SUBSTATE}"` : 'state="initial"';
      const data = new OriginalData();
      const source = data.inline(markdownToParts(unit.source, unit.definitions));
      const targetXml = target.parts.length ? `\n        <target xml:lang="${attr(doc.target.code)}">${data.inline(target.parts)}</target>` : '';
      return [
        `    <unit id="${attr(unit.id)}" name="${attr(unit.key)}">`,
        '      <notes>',
        ...notes(unit).map(([category, value]) => `        <note category="${category}">${text(value)}</note>`),
        '      </notes>',
        ...data.xml(),
        `      <segment ${state}>`,
        `        <source>${source}</source>${targetXml}`,
        '      </segment>',
        '    </unit>',
      ].join('\n');
    });
    return [
      `  <file id="${attr(file.id)}" original="${attr(file.original)}" srcDir="${doc.source.dir}" trgDir="${doc.target.dir}" canResegment="no">`,
      `    <notes>\n      <note category="description">${text(file.description)}</note>\n    </notes>`,
      ...units,
      '  </file>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_2_NAMESPACE}" version="2.0" srcLang="${attr(doc.source.code)}" trgLang="${attr(doc.target.code)}">`,
    ...files,
    '</xliff>',
    '',
  ].join('\n');
}

const CTYPES_1_2: Record<CodeKind, string> = {
  emphasis: 'italic',
  strong: 'bold',
  strikethrough: 'x-strikethrough',
  link: 'link',
  code: 'x-code',
  placeholder: 'x-placeholder',
  break: 'lb',
  image: 'image',
  autolink: 'x-link',
};

/**
 * XLIFF 1.2 inline codes: <bpt>/<ept> around text and <ph> for the rest, each holding the Markdown
 * it stands for, so converters that flatten tags (xliff2po) show the Markdown, and tools that keep
 * tags (OmegaT) protect it.
 */
function inline12(parts: readonly InlinePart[]): string {
  return parts
    .map((part) => {
      if (part.kind === 'text') return text(part.text);
      if (part.kind === 'open') return `<bpt id="${attr(part.id)}" ctype="${CTYPES_1_2[part.code]}">${text(part.markdown)}</bpt>`;
      if (part.kind === 'close') return `<ept id="${attr(part.id)}">${text(part.markdown)}</ept>`;
      return `<ph id="${attr(part.id)}" ctype="${CTYPES_1_2[part.code]}">${text(part.markdown)}</ph>`;
    })
    .join('');
}

/**
 * XLIFF 1.2: `state` on the target, `approved="yes"` on translated units (translate-toolkit and
 * PO-based tools count every other unit as fuzzy or untranslated). 1.2 has no attribute for text
 * direction, and its schema rejects unknown attributes, so the direction is said in a note in each
 * file's header. Notes are `from="developer"` (what Broadside says) or `from="translator"` (the
 * translator's own), the two that converters such as xliff2po keep.
 */
function writeXliff12(doc: XliffDocument, options: WriteOptions): string {
  const direction = doc.target.dir === 'rtl' ? 'right-to-left' : 'left-to-right';
  const source = (parts: readonly InlinePart[]): string => `<source xml:lang="${attr(doc.source.code)}">${inline12(parts)}</source>`;
  const files = doc.files.map((file: XliffFile) => {
    const units = file.units.map((unit: XliffUnit) => {
      const target = targetOf(unit, options);
      const state = unit.state === 'translated' ? 'translated' : target.copied || unit.state === 'missing' ? 'needs-translation' : 'needs-review-translation';
      const lines = [
        `      <trans-unit id="${attr(unit.id)}" resname="${attr(unit.key)}"${unit.state === 'translated' ? ' approved="yes"' : ''}>`,
        `        ${source(markdownToParts(unit.source, unit.definitions))}`,
        `        <target xml:lang="${attr(doc.target.code)}" state="${state}">${inline12(target.parts)}</target>`,
      ];
      if (unit.state === 'stale' && unit.previousSource !== undefined) {
        const previous = markdownToParts(unit.previousSource, unit.definitions);
        lines.push(
          '        <alt-trans alttranstype="previous-version">',
          `          ${source(previous)}`,
          `          <target xml:lang="${attr(doc.target.code)}">${inline12(alignIds(markdownToParts(unit.target, unit.definitions), previous))}</target>`,
          '        </alt-trans>',
        );
      }
      for (const [category, value] of notes(unit)) lines.push(`        <note from="${category === 'translator-note' ? 'translator' : 'developer'}"${category === 'previous-source' ? ' annotates="source"' : ''}>${text(noteText(category, value))}</note>`);
      lines.push('      </trans-unit>');
      return lines.join('\n');
    });
    return [
      `  <file original="${attr(file.original)}" source-language="${attr(doc.source.code)}" target-language="${attr(doc.target.code)}" datatype="plaintext">`,
      '    <header>',
      `      <note from="developer">${text(`${file.description}. Write the translation ${direction} (${doc.target.code}).`)}</note>`,
      '    </header>',
      '    <body>',
      ...units,
      '    </body>',
      '  </file>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_1_NAMESPACE}" version="1.2">`,
    ...files,
    '</xliff>',
    '',
  ].join('\n');
}

const NOTE_LABELS: Record<string, string> = {
  key: 'key',
  context: 'context',
  links: 'links',
  'previous-source': 'out of date; the translation was made from this English',
  'previous-translation': 'previous translation',
  'translator-note': 'note',
};

function noteText(category: string, value: string): string {
  return `${NOTE_LABELS[category] ?? category}: ${value}`;
}

/** Key, context, where the links go, the source and translation of a stale unit, and the translator's note. */
function notes(unit: XliffUnit): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['key', unit.key],
    ['context', unit.context],
  ];
  const links = codesOf(markdownToParts(unit.source, unit.definitions)).flatMap((code) => (code.kind === 'open' && code.code === 'link' ? [`tag ${code.id} goes to ${code.href}${code.title ? ` (“${code.title}”)` : ''}`] : []));
  if (links.length) out.push(['links', links.join('; ')]);
  if (unit.previousSource !== undefined) out.push(['previous-source', unit.previousSource]);
  if (unit.state === 'stale' && unit.target) out.push(['previous-translation', unit.target]);
  if (unit.note !== undefined) out.push(['translator-note', unit.note]);
  return out;
}
