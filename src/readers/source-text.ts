import { InputError } from '../errors.js';

/** Where an offset falls, 1-based, counting columns in code points as editors do. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return new LineIndex(text).at(offset);
}

/** The start of every line of a text, so that many offsets become line and column without rescanning it. */
export class LineIndex {
  private readonly starts = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: [...this.text.slice(this.starts[lo], offset)].length + 1 };
  }
}

/** Columns of a line shown in a code frame; longer lines are cut around the column. */
const FRAME_WIDTH = 100;

/**
 * Three lines of context with a caret under the column, like a compiler. `line` is 1-based within
 * `text`; `lineOffset` is added to the printed numbers when `text` is a part of a larger file.
 */
export function codeFrame(text: string, line: number, column: number, lineOffset = 0): string {
  const lines = text.split('\n');
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last + lineOffset).length;
  const length = [...(lines[line - 1] ?? '')].length;
  const start = Math.max(0, Math.min(column - 1 - FRAME_WIDTH / 2, length - FRAME_WIDTH));
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n + lineOffset).padStart(width)} | ${window(lines[n - 1] ?? '', start)}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1 - start + (start > 0 ? 1 : 0)))}^`);
  }
  return out.join('\n');
}

function window(line: string, start: number): string {
  const chars = [...line];
  if (chars.length <= FRAME_WIDTH && start === 0) return line;
  const end = start + FRAME_WIDTH;
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
}

// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/**
 * Bytes from disk to the text every reader sees: strict UTF-8, no byte-order mark, LF line
 * endings, NFC, and no control characters a person cannot see or type on purpose.
 */
export function decodeSourceText(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const lossy = (part: Uint8Array): string => new TextDecoder('utf-8').decode(part).replace(/\r\n?/g, '\n');
    const before = lossy(bytes.subarray(0, offset));
    const { line, column } = lineColumn(before, before.length);
    throw new InputError(
      `invalid UTF-8 at byte offset ${offset}`,
      { file, line, column },
      'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8), or retype the character marked �.',
      codeFrame(lossy(bytes), line, column),
    );
  }
  text = text.replace(/\r\n?/g, '\n').normalize('NFC');
  const control = FORBIDDEN_CONTROLS.exec(text);
  if (control) {
    const { line, column } = lineColumn(text, control.index);
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new InputError(
      `control character U+${code} is not allowed`,
      { file, line, column },
      'delete the invisible character (it usually comes from copying out of another program).',
      codeFrame(text, line, column),
    );
  }
  return text;
}

/**
 * Byte offset of the first byte that is not UTF-8: where a lenient decoder put its first U+FFFD
 * that the file itself does not contain (everything before it decoded, so it re-encodes to the same bytes).
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  let offset = 0;
  let done = 0;
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
    offset += encoder.encode(text.slice(done, at)).length;
    const literal = bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd;
    if (!literal) return offset;
    offset += 3;
    done = at + 1;
  }
  return bytes.length;
}
