import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { BroadsideError, InputError, type SourceLocation } from '../errors.js';

type ErrorClass = new (...args: ConstructorParameters<typeof BroadsideError>) => BroadsideError;
import { codeFrame } from './source-text.js';
import { explainYamlMistake, fieldTooFarLeft } from './yaml-mistakes.js';

/** The fields of a translation entry: written a level too far left, one of them reads as an entry. */
const ENTRY_FIELDS = new Set(['source', 'text', 'note', 'ignore']);

export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Lines before this YAML in its file (front matter sits after a `---` line). */
  lineOffset: number;
}

/** Parses YAML strictly (duplicate keys are errors) and reports the first problem with a code frame. */
export function parseYamlSource(text: string, file: string, lineOffset = 0, ErrorClass: ErrorClass = InputError): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  const problem = doc.errors[0];
  if (problem) {
    // An unclosed quotation runs to the end of the file, where the parser notices; show where it opened.
    const opening = problem.code === 'MISSING_CHAR' ? unclosedQuotation(doc, problem.pos[0]) : undefined;
    const duplicate = problem.code === 'DUPLICATE_KEY';
    // After an empty entry the parser points at the end of its line: the second key starts after the blanks.
    const keyStart = duplicate ? problem.pos[0] + /^\s*/.exec(text.slice(problem.pos[0], problem.pos[0] + 1000))![0].length : undefined;
    const pos = lines.linePos(opening ?? keyStart ?? problem.pos[0]);
    const mistake = duplicate || opening !== undefined ? undefined : explainYamlMistake(text, pos.line - 1, problem.code);
    if (mistake) {
      throw new ErrorClass(mistake.message, { file, line: mistake.line + 1 + lineOffset, column: mistake.column }, mistake.fix, codeFrame(text, mistake.line + 1, mistake.column, lineOffset));
    }
    const line = pos.line + lineOffset;
    const key = /^[^:\n]*/.exec(text.slice(keyStart ?? problem.pos[0]))![0].trim();
    const [message, fix] = duplicate
      ? [`the key "${key}" appears twice in one mapping`, 'keep one of the two entries (merge their texts) and delete the other.']
      : opening !== undefined
        ? ['YAML syntax error: this quotation mark is never closed', `end the text with the same mark (${text[opening]}), or drop the quotation marks and write the text as a block (key: >-).`]
        : [`YAML syntax error: ${firstSentence(problem.message)}`, 'check the indentation and quoting on this line; text containing ": " or starting with a quote or # must be quoted or written as a block (key: >-).'];
    throw new ErrorClass(message, { file, line, column: pos.col }, fix, codeFrame(text, pos.line, pos.col, lineOffset));
  }
  const comment = textEmptiedByComment(doc, text);
  if (comment !== undefined) {
    const pos = lines.linePos(comment);
    const lineText = text.slice(comment - pos.col + 1).split('\n')[0]!;
    const rest = text.slice(comment).split('\n')[0]!.trimEnd();
    throw new ErrorClass(
      `"#" starts a comment in YAML, so this text is empty and "${rest}" is ignored`,
      { file, line: pos.line + lineOffset, column: pos.col },
      `put the text between straight single quotes:\n    ${lineText.slice(0, pos.col - 1).trimEnd()} '${rest.replaceAll("'", "''")}'`,
      codeFrame(text, pos.line, pos.col, lineOffset),
    );
  }
  return { file, text, doc, lines, lineOffset };
}

/** Where the `#` is of a `text: #…` whose whole value became a comment (offset in `text`). */
function textEmptiedByComment(doc: Document.Parsed, text: string): number | undefined {
  let at: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.value !== 'text' || !pair.key.range) return undefined;
      if (pair.value !== null && !(isScalar(pair.value) && pair.value.value === null)) return undefined;
      const end = pair.key.range[1];
      const after = /^[ \t]*:[ \t]+#/.exec(text.slice(end, end + 200));
      if (!after) return undefined;
      at = end + after[0].length - 1;
      return visit.BREAK;
    },
  });
  return at;
}

/** Where the quoted text that runs on to `end` starts, if there is one. */
function unclosedQuotation(doc: Document.Parsed, end: number): number | undefined {
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range?.[1] === end) start = node.range[0];
    },
  });
  return start;
}

function firstSentence(message: string): string {
  return message.split(/\n| at line /)[0]!.trim();
}

/**
 * File, line and column of the node at `path` (or of its nearest existing parent); with `key`, of
 * the key that names it (for a field that should not be there).
 */
export function locate(source: YamlSource, path: ReadonlyArray<PropertyKey>, { key = false } = {}): SourceLocation {
  let node: unknown = source.doc.contents;
  let best = node as Node | null;
  let keyNode: Node | null = null;
  for (const part of path) {
    if (isSeq(node) && node.items[Number(part)]) {
      node = best = node.items[Number(part)] as Node;
      continue;
    }
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
    if (!pair) break;
    keyNode = pair.key as Node;
    node = pair.value;
    best = key ? keyNode : ((pair.value as Node | null) ?? keyNode);
  }
  return position(source, best?.range ?? keyNode?.range);
}

function position(source: YamlSource, range: readonly number[] | null | undefined): SourceLocation {
  if (!range) return { file: source.file, line: 1 + source.lineOffset, column: 1 };
  const pos = source.lines.linePos(range[0]!);
  return { file: source.file, line: pos.line + source.lineOffset, column: pos.col };
}

/** Validates parsed YAML against a schema; the first issue becomes an error pointing into the file. */
export function validateYaml<T>(source: YamlSource, schema: z.ZodType<T>, what: string, hint: string, ErrorClass: ErrorClass = InputError): T {
  const result = schema.safeParse(toJS(source, what, ErrorClass));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path as PropertyKey[];
  const unknown = issue.code === 'unrecognized_keys';
  const location = unknown ? locate(source, [...path, issue.keys[0]!], { key: true }) : locate(source, path);
  const misplaced = issue.code === 'invalid_type' && issue.expected === 'object' && path.length > 1 && ENTRY_FIELDS.has(String(path.at(-1)));
  const mistake = misplaced && location.line ? fieldTooFarLeft(source.text, location.line - 1 - source.lineOffset, `\`${path.slice(0, -1).join('.')}\``) : undefined;
  if (mistake) throw new ErrorClass(mistake.message, { file: source.file, line: mistake.line + 1 + source.lineOffset, column: mistake.column }, mistake.fix, codeFrame(source.text, mistake.line + 1, mistake.column, source.lineOffset));
  const field = path.length ? `\`${path.join('.')}\`: ` : '';
  const message = unknown ? `unknown field(s) ${issue.keys.join(', ')}; the fields are: ${fieldsAt(schema, path).join(', ')}` : issue.message;
  throw new ErrorClass(`${what}: ${field}${message}`, location, hint, frameAt(source, location));
}

function frameAt(source: YamlSource, { line, column }: SourceLocation): string | undefined {
  return line ? codeFrame(source.text, line - source.lineOffset, column ?? 1, source.lineOffset) : undefined;
}

/** Anchors and aliases are plain YAML, but one that points nowhere or multiplies without end is refused. */
function toJS(source: YamlSource, what: string, ErrorClass: ErrorClass): unknown {
  try {
    return source.doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let alias: readonly number[] | null | undefined;
    visit(source.doc, { Alias: (_, node) => ((alias = node.range), visit.BREAK) });
    const location = position(source, alias);
    throw new ErrorClass(`${what}: ${error.message}`, location, 'write the text out instead of using YAML anchors (&name) and aliases (*name).', frameAt(source, location));
  }
}

/** The field names a schema allows at `path`, read from the schema itself. */
function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let def: SchemaDef | undefined = unwrap((schema as unknown as { def: SchemaDef }).def);
  for (const part of path) {
    const next: { def: SchemaDef } | undefined = def?.shape?.[String(part)] ?? def?.element ?? def?.valueType;
    def = next && unwrap(next.def);
  }
  return Object.keys(def?.shape ?? {});
}

/** Through `.optional()`, `.default()`, `.nullable()` and `.transform()` to the schema inside. */
function unwrap(def: SchemaDef): SchemaDef {
  while (def.innerType || def.in) def = (def.innerType ?? def.in)!.def;
  return def;
}

interface SchemaDef {
  shape?: Record<string, { def: SchemaDef }>;
  innerType?: { def: SchemaDef };
  in?: { def: SchemaDef };
  element?: { def: SchemaDef };
  valueType?: { def: SchemaDef };
}
