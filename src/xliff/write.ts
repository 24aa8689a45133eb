import type { EntryState } from '../localize/state.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from './xml.js';
import type { XliffDocument, XliffFile, XliffUnit } from './units.js';

export const XLIFF_VERSIONS = ['2.0', '1.2'] as const;
export type XliffVersion = (typeof XLIFF_VERSIONS)[number];

const XLIFF_2_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';
const XLIFF_1_NAMESPACE = 'urn:oasis:names:tc:xliff:document:1.2';
/** XLIFF 2.0 `subState` of a unit whose translation was made from an earlier source. */
export const STALE_SUBSTATE = 'broadside:stale';

export function writeXliff(doc: XliffDocument, version: XliffVersion): string {
  return version === '2.0' ? writeXliff2(doc) : writeXliff12(doc);
}

/** XLIFF 2.0: `state` per segment, `srcDir`/`trgDir` per file, notes per unit. */
function writeXliff2(doc: XliffDocument): string {
  const files = doc.files.map((file) => {
    const units = file.units.map((unit) => {
      const state = unit.state === 'translated' ? 'state="translated"' : unit.state === 'stale' ? `state="initial" subState="${STALE_SUBSTATE}"` : 'state="initial"';
      const target = unit.target ? `\n        <target>${text(unit.target)}</target>` : '';
      return [
        `    <unit id="${attr(unit.id)}" name="${attr(unit.key)}">`,
        '      <notes>',
        ...notes(unit).map(([category, value]) => `        <note category="${category}">${text(value)}</note>`),
        '      </notes>',
        `      <segment ${state}>`,
        `        <source>${text(unit.source)}</source>${target}`,
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

const STATES_1_2: Record<EntryState, string> = { translated: 'translated', stale: 'needs-review-translation', missing: 'needs-translation' };

/**
 * XLIFF 1.2: `state` on the target. 1.2 has no attribute for text direction, and its schema
 * rejects unknown attributes, so the direction is said in a note in each file's header.
 */
function writeXliff12(doc: XliffDocument): string {
  const direction = doc.target.dir === 'rtl' ? 'right-to-left' : 'left-to-right';
  const files = doc.files.map((file: XliffFile) => {
    const units = file.units.map((unit: XliffUnit) =>
      [
        `      <trans-unit id="${attr(unit.id)}" resname="${attr(unit.key)}">`,
        `        <source xml:lang="${attr(doc.source.code)}">${text(unit.source)}</source>`,
        `        <target xml:lang="${attr(doc.target.code)}" state="${STATES_1_2[unit.state]}">${text(unit.target)}</target>`,
        ...notes(unit).map(([category, value]) => `        <note from="broadside" annotates="${category === 'previous-source' ? 'source' : 'general'}">${text(`${category}: ${value}`)}</note>`),
        '      </trans-unit>',
      ].join('\n'),
    );
    return [
      `  <file original="${attr(file.original)}" source-language="${attr(doc.source.code)}" target-language="${attr(doc.target.code)}" datatype="plaintext">`,
      '    <header>',
      `      <note from="broadside">${text(`${file.description}. Write the translation ${direction} (${doc.target.code}).`)}</note>`,
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

/** Key, context, the source a stale translation was made from, and the translator's note. */
function notes(unit: XliffUnit): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['key', unit.key],
    ['context', unit.context],
  ];
  if (unit.previousSource !== undefined) out.push(['previous-source', unit.previousSource]);
  if (unit.note !== undefined) out.push(['translator-note', unit.note]);
  return out;
}
