/**
 * The YAML mistakes people who are not programmers make (a tab, a space too many, typographic quotes)
 * told in plain words with the line as it should be, instead of the parser's own message. Pure: reads
 * the text around the parser's error, never the parse tree.
 */

export interface YamlMistake {
  message: string;
  fix: string;
  /** 0-based line index and 1-based column of the mistake. */
  line: number;
  column: number;
}

/** A line that starts a key (`  text: …`), outside any block of text. */
interface KeyLine {
  index: number;
  indent: number;
  key: string;
  /** What follows `key:`, trimmed. */
  value: string;
  /** `- key: …`, the first key of a list item. */
  item: boolean;
}

const KEY_LINE = /^([ \t]*)([^\s:#'"][^:\n]*):(?:[ \t](.*))?$/;
const BLOCK_SCALAR = /^[|>][-+]?\d*$/;
const TYPOGRAPHIC_QUOTES = '“”„‘’‚«»‹›「」『』';

/** Explains the parser's error at `errorLine` (0-based) when it is one of the known mistakes. */
export function explainYamlMistake(text: string, errorLine: number, code: string): YamlMistake | undefined {
  const lines = text.split('\n');
  return tabIndent(lines, errorLine) ?? (code === 'BAD_INDENT' || code === 'BLOCK_AS_IMPLICIT_KEY' ? typographicQuotes(lines, errorLine) ?? wrongIndent(lines, errorLine) ?? colonInText(lines, errorLine) : undefined);
}

function tabIndent(lines: string[], errorLine: number): YamlMistake | undefined {
  for (let index = 0; index <= Math.min(errorLine + 1, lines.length - 1); index++) {
    const leading = /^[ \t]*/.exec(lines[index]!)![0];
    if (!leading.includes('\t') || leading.length === lines[index]!.length) continue;
    const content = lines[index]!.slice(leading.length);
    const key = KEY_LINE.exec(content);
    const item = content.startsWith('- ') ? keyLines(lines, index).findLast((l) => l.item)?.indent : undefined;
    const indent = item ?? (key ? expectedIndent(lines, index, key[2]!, Infinity) : undefined);
    const corrected = ' '.repeat(indent ?? leading.replaceAll('\t', '  ').length) + content;
    return {
      message: `line ${index + 1} is indented with a tab; YAML indents with spaces only`,
      fix: `indent it with spaces, in line with the lines around it:\n    ${corrected}`,
      line: index,
      column: leading.indexOf('\t') + 1,
    };
  }
  return undefined;
}

/** A field one space off from the fields beside it, such as `text:` under `source:`. */
function wrongIndent(lines: string[], errorLine: number): YamlMistake | undefined {
  for (const index of [errorLine, errorLine + 1]) {
    const line = keyLine(lines, index);
    if (!line) continue;
    const indent = expectedIndent(lines, index, line.key, 1);
    if (indent === undefined || indent === line.indent) continue;
    const corrected = `${' '.repeat(indent)}${lines[index]!.trimStart()}`;
    const spaces = (n: number): string => `${n} space${n === 1 ? '' : 's'}`;
    return {
      message: `"${line.key}:" on line ${index + 1} is indented by ${spaces(line.indent)}, but the fields beside it by ${spaces(indent)}; in YAML the indentation says what belongs to what`,
      fix: `start it in the same column as the fields above it:\n    ${corrected}`,
      line: index,
      column: line.indent + 1,
    };
  }
  return undefined;
}

/** `text: “Shalom: peace”`: typographic quotes are text to YAML, so the `: ` inside starts a key. */
function typographicQuotes(lines: string[], errorLine: number): YamlMistake | undefined {
  const line = keyLine(lines, errorLine);
  if (!line || !TYPOGRAPHIC_QUOTES.includes(line.value.charAt(0))) return undefined;
  return {
    message: `the text on line ${errorLine + 1} starts with ${line.value.charAt(0)}, a typographic quotation mark; YAML reads only ' and " as quoting, so the ": " inside looks like the start of another field`,
    fix: `put the whole text, its quotation marks included, between straight single quotes:\n    ${quoted(lines[errorLine]!, line)}`,
    line: errorLine,
    column: line.indent + line.key.length + 3,
  };
}

/** `text: Note: this` : a plain text with `: ` inside. */
function colonInText(lines: string[], errorLine: number): YamlMistake | undefined {
  const line = keyLine(lines, errorLine);
  if (!line || !/:\s/.test(line.value) || /^['"]/.test(line.value)) return undefined;
  return {
    message: `the text on line ${errorLine + 1} has ": " in it, which YAML reads as the start of another field`,
    fix: `put the whole text between straight single quotes:\n    ${quoted(lines[errorLine]!, line)}`,
    line: errorLine,
    column: line.indent + line.key.length + 3 + line.value.search(/:\s/),
  };
}

function quoted(original: string, line: KeyLine): string {
  return `${original.slice(0, line.indent)}${line.key}: '${line.value.replaceAll("'", "''")}'`;
}

/** The key line at `index`, unless it is text inside a block (`key: >-` and the lines indented under it). */
function keyLine(lines: string[], index: number): KeyLine | undefined {
  return keyLines(lines, index + 1).find((l) => l.index === index);
}

/** Every key line before `end`, skipping the text of block scalars. */
function keyLines(lines: string[], end: number): KeyLine[] {
  const found: KeyLine[] = [];
  // A block's text is indented as its first line is; a line indented less ends it.
  let block: { keyIndent: number; textIndent?: number } | undefined;
  for (let index = 0; index < Math.min(end, lines.length); index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0].replaceAll('\t', '  ').length;
    if (block && indent > block.keyIndent) {
      block.textIndent ??= indent;
      if (indent >= block.textIndent) continue;
    }
    block = undefined;
    if (line.trimStart().startsWith('#')) continue;
    const match = KEY_LINE.exec(line.trimEnd());
    if (!match) continue;
    const value = (match[3] ?? '').trim();
    const key = match[2]!.trim();
    found.push({ index, indent, key: key.replace(/^- /, ''), value, item: key.startsWith('- ') });
    if (BLOCK_SCALAR.test(value)) block = { keyIndent: indent };
  }
  return found;
}

/**
 * Where a key at `index` belongs: in the column of the key line before it when that one has a value
 * (a sibling) no more than `tolerance` columns away; under it when it opens a mapping; else in the
 * column of the last earlier key of the same name.
 */
function expectedIndent(lines: string[], index: number, key: string, tolerance: number): number | undefined {
  const before = keyLines(lines, index);
  const actual = /^[ \t]*/.exec(lines[index]!)![0].replaceAll('\t', '  ').length;
  const previous = before.at(-1);
  if (previous && previous.value !== '' && Math.abs(previous.indent - actual) <= tolerance) return previous.indent;
  if (previous && previous.value === '' && tolerance === Infinity) return previous.indent + 2;
  const sameKey = before.findLast((l) => l.key === key)?.indent;
  return sameKey !== undefined && Math.abs(sameKey - actual) <= tolerance ? sameKey : undefined;
}

/**
 * `text:` written one level too far left, under the statement instead of under its entry: the schema
 * finds text where an entry belongs. `lineIndex` is the 0-based line of that `text:`.
 */
export function fieldTooFarLeft(text: string, lineIndex: number, owner: string): YamlMistake | undefined {
  const lines = text.split('\n');
  const line = keyLine(lines, lineIndex);
  if (!line) return undefined;
  const field = keyLines(lines, lineIndex).findLast((l) => l.indent > line.indent && l.value !== '');
  if (!field) return undefined;
  return {
    message: `"${line.key}:" on line ${lineIndex + 1} is one level too far left: there it reads as an entry named "${line.key}" of ${owner}, not as a field of the entry above it`,
    fix: `indent it like the "${field.key}:" above it:\n    ${' '.repeat(field.indent)}${lines[lineIndex]!.trimStart()}`,
    line: lineIndex,
    column: line.indent + 1,
  };
}
