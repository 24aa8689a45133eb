import { InputError } from '../errors.js';

/** Where an offset falls, 1-based, counting columns in code points as editors do. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}

/**
 * Three lines of context with a caret under the column, like a compiler. `line` is 1-based within
 * `text`; `lineOffset` is added to the printed numbers when `text` is a part of a larger file.
 */
export function codeFrame(text: string, line: number, column: number, lineOffset = 0): string {
  const lines = text.split('\n');
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last + lineOffset).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n + lineOffset).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
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
    throw new InputError(
      `invalid UTF-8 at byte offset ${offset}`,
      { file },
      'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8).',
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

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix ends within 3 bytes of a decodable boundary; binary search for it.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (decodesPrefix(decoder, bytes, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function decodesPrefix(decoder: TextDecoder, bytes: Uint8Array, length: number): boolean {
  for (let cut = 0; cut <= 3 && cut <= length; cut++) {
    try {
      decoder.decode(bytes.subarray(0, length - cut));
      return cut === 0 || !isContinuationRun(bytes, length - cut, length);
    } catch {
      // keep shortening: the prefix may end inside a multi-byte character
    }
  }
  return false;
}

function isContinuationRun(bytes: Uint8Array, from: number, to: number): boolean {
  const lead = bytes[from]!;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (needed === 1 || to - from >= needed) return false;
  for (let i = from + 1; i < to; i++) if ((bytes[i]! & 0xc0) !== 0x80) return false;
  return true;
}
