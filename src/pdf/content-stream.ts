/**
 * A small lexer for PDF content streams: enough to find text-showing and marked-content operators
 * and rewrite them in place. The stream is read as Latin-1, one character a byte, so offsets into
 * the string are offsets into the bytes.
 */
export type Operand =
  | { kind: 'name'; value: string }
  | { kind: 'hex'; value: string }
  | { kind: 'string' }
  | { kind: 'number'; value: number }
  | { kind: 'dict'; raw: string }
  | { kind: 'array'; items: Operand[] }
  | { kind: 'other' };

export interface Operation {
  operator: string;
  operands: Operand[];
  /** Offsets of the operation's first operand (or operator) and of the end of the operator. */
  start: number;
  end: number;
  /** Offsets of every hex string among the operands, arrays included, in order. */
  hexStrings: { start: number; end: number; value: string }[];
}

/** Character classes by code: 1 whitespace, 2 delimiter (whitespace is a delimiter too). */
const CLASS = new Uint8Array(256);
for (const c of '\0\t\n\f\r ') CLASS[c.charCodeAt(0)] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
const isWhitespace = (text: string, i: number): boolean => CLASS[text.charCodeAt(i) & 0xff] === 1;
const isDelimiter = (text: string, i: number): boolean => CLASS[text.charCodeAt(i) & 0xff] !== 0;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Splits a content stream into operations (operands followed by their operator). */
export function parseOperations(text: string): Operation[] {
  const operations: Operation[] = [];
  let operands: Operand[] = [];
  let hexStrings: Operation['hexStrings'] = [];
  let start = -1;
  let i = 0;
  const arrays: Operand[][] = [];
  const push = (operand: Operand, at: number): void => {
    if (start < 0) start = at;
    (arrays.length ? arrays[arrays.length - 1]! : operands).push(operand);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (isWhitespace(text, i)) {
      i++;
    } else if (c === '%') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '/') {
      let j = i + 1;
      while (j < text.length && !isDelimiter(text, j)) j++;
      push({ kind: 'name', value: text.slice(i + 1, j) }, i);
      i = j;
    } else if (c === '<' && text[i + 1] === '<') {
      const j = dictEnd(text, i);
      push({ kind: 'dict', raw: text.slice(i, j) }, i);
      i = j;
    } else if (c === '<') {
      const j = text.indexOf('>', i);
      const raw = text.slice(i + 1, j);
      const value = /\s/.test(raw) ? raw.replace(/\s+/g, '') : raw;
      push({ kind: 'hex', value }, i);
      hexStrings.push({ start: i, end: j + 1, value });
      i = j + 1;
    } else if (c === '(') {
      const j = literalEnd(text, i);
      push({ kind: 'string' }, i);
      i = j;
    } else if (c === '[') {
      if (start < 0) start = i;
      arrays.push([]);
      i++;
    } else if (c === ']') {
      const items = arrays.pop() ?? [];
      (arrays.length ? arrays[arrays.length - 1]! : operands).push({ kind: 'array', items });
      i++;
    } else {
      let j = i;
      while (j < text.length && !isDelimiter(text, j)) j++;
      if (j === i) j++;
      const word = text.slice(i, j);
      if (NUMBER.test(word)) {
        push({ kind: 'number', value: Number(word) }, i);
      } else if (word === 'true' || word === 'false' || word === 'null') {
        push({ kind: 'other' }, i);
      } else if (word === 'BI') {
        // Inline images carry binary data up to "EI"; Chromium does not write them, skip them whole.
        const endImage = text.indexOf('EI', j);
        operations.push({ operator: 'BI', operands: [], start: i, end: endImage + 2, hexStrings: [] });
        j = endImage + 2;
      } else {
        operations.push({ operator: word, operands, start: start < 0 ? i : start, end: j, hexStrings });
        operands = [];
        hexStrings = [];
        start = -1;
      }
      i = j;
    }
  }
  return operations;
}

function dictEnd(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    if (text.startsWith('<<', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('>>', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else if (text[i] === '(') {
      i = literalEnd(text, i);
    } else {
      i++;
    }
  }
  return i;
}

function literalEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The UTF-16BE text of a hex string that starts with a byte-order mark, or of any hex string. */
export function hexToText(hex: string): string {
  const body = /^feff/i.test(hex) ? hex.slice(4) : hex;
  let out = '';
  for (let i = 0; i + 4 <= body.length; i += 4) out += String.fromCharCode(parseInt(body.slice(i, i + 4), 16));
  return out;
}

export function textToHex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

/** The value of `/ActualText` in a marked-content property dictionary written by Chromium. */
export function actualText(dict: string): string | undefined {
  const hex = /\/ActualText\s*<([0-9a-fA-F\s]*)>/.exec(dict);
  if (hex) return hexToText(hex[1]!.replace(/\s+/g, ''));
  // A literal string: Chromium writes one for ASCII text, such as a bracket mirrored in a right-to-left run.
  const literal = /\/ActualText\s*\(((?:\\[\s\S]|[^\\)])*)\)/.exec(dict);
  return literal ? literalToText(literal[1]!) : undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

function literalToText(body: string): string {
  const bytes = body.replace(/\\([0-7]{1,3}|[\s\S])/g, (_, c: string) => (/^[0-7]/.test(c) ? String.fromCharCode(parseInt(c, 8)) : (ESCAPES[c] ?? (c === '\n' ? '' : c))));
  return bytes.startsWith('\u00fe\u00ff') ? hexToText([...bytes.slice(2)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')) : bytes;
}
