import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { BroadsideError, InputError, type SourceLocation } from '../errors.js';

type ErrorClass = new (...args: ConstructorParameters<typeof BroadsideError>) => BroadsideError;
import { codeFrame } from './source-text.js';

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
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = problem.linePos?.[0] ?? { line: 1, col: 1 };
    const line = pos.line + lineOffset;
    const duplicate = problem.code === 'DUPLICATE_KEY';
    throw new ErrorClass(
      duplicate ? 'the same key appears twice in one mapping' : `YAML syntax error: ${firstSentence(problem.message)}`,
      { file, line, column: pos.col },
      duplicate
        ? 'keep one of the two entries (merge their texts) and delete the other.'
        : 'check the indentation and quoting on this line; text containing ": " or starting with a quote or # must be quoted or written as a block (key: >-).',
      codeFrame(text, pos.line, pos.col, lineOffset),
    );
  }
  return { file, text, doc, lines, lineOffset };
}

function firstSentence(message: string): string {
  return message.split(/\n| at line /)[0]!.trim();
}

/** File, line and column of the node at `path` (or of its nearest existing parent). */
export function locate(source: YamlSource, path: ReadonlyArray<PropertyKey>): SourceLocation {
  let node: unknown = source.doc.contents;
  let best = node as Node | null;
  let keyNode: Node | null = null;
  for (const part of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
    if (!pair) break;
    keyNode = pair.key as Node;
    node = pair.value;
    best = (pair.value as Node | null) ?? keyNode;
  }
  const range = best?.range ?? keyNode?.range;
  if (!range) return { file: source.file, line: 1 + source.lineOffset, column: 1 };
  const pos = source.lines.linePos(range[0]);
  return { file: source.file, line: pos.line + source.lineOffset, column: pos.col };
}

/** Validates parsed YAML against a schema; the first issue becomes an error pointing into the file. */
export function validateYaml<T>(source: YamlSource, schema: z.ZodType<T>, what: string, hint: string, ErrorClass: ErrorClass = InputError): T {
  const result = schema.safeParse(source.doc.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path as PropertyKey[];
  const location = locate(source, path);
  const field = path.length ? `\`${path.join('.')}\`` : 'the file';
  const unknown = issue.code === 'unrecognized_keys' ? ` unknown field(s): ${issue.keys.join(', ')}` : ` ${issue.message}`;
  const frame = location.line ? codeFrame(source.text, location.line - source.lineOffset, location.column ?? 1, source.lineOffset) : undefined;
  throw new ErrorClass(`${what}: ${field}:${unknown}`, location, hint, frame);
}
