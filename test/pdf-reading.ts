import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Bidi controls, soft hyphens and joiners: invisible, and not part of any word a reader looks for. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function words(text: string): string[] {
  return text.normalize('NFC').replace(INVISIBLE, '').match(WORD) ?? [];
}

export function pdftotext(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

/** The text pdf.js gives search and copy: items joined, a newline where an item ends a line. */
export async function pdfjsText(path: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(await readFile(path)), disableFontFace: true, verbosity: 0 }).promise;
  let out = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) out += item.str + (item.hasEOL ? '\n' : '');
    out += '\n';
  }
  await doc.destroy();
  return out;
}

export interface WordShare {
  intact: number;
  total: number;
  missing: string[];
}

/**
 * How many of the words of `written` come out of `extracted` intact, each counted as often as it
 * was written. A word broken with a hyphen at a line end counts once its halves are rejoined.
 */
export function wordShare(written: string, extracted: string): WordShare {
  const expected = words(written);
  const known = new Set(expected);
  const rejoined = extracted.normalize('NFC').replace(INVISIBLE, '').replace(/([\p{L}\p{M}]+)[-\u2010]\s*\n\s*([\p{L}\p{M}]+)/gu, (_, a: string, b: string) => (known.has(a + b) ? a + b : `${a} ${b}`));
  const found = new Map<string, number>();
  for (const word of words(rejoined)) found.set(word, (found.get(word) ?? 0) + 1);
  const missing: string[] = [];
  for (const word of expected) {
    const left = found.get(word) ?? 0;
    if (left > 0) found.set(word, left - 1);
    else missing.push(word);
  }
  return { intact: expected.length - missing.length, total: expected.length, missing };
}

export const percent = (share: WordShare): number => (share.total === 0 ? 100 : (100 * share.intact) / share.total);
