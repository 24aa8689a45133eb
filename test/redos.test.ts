import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { normalizeInline, splitKeyMarker } from '../src/model/keys.js';
import { REPO } from './helpers.js';

/**
 * Regular expressions that never see a user's text: they read the font CSS Broadside ships
 * (@fontsource packages), or the operators and character maps Chromium writes into a PDF, where a
 * translator's words are glyph codes and hex strings of Chromium's making. Every other literal in
 * src/ may meet a statement, a translation, a config value or a path someone typed.
 */
const TRUSTED_INPUT = new Set([
  'src/render/fonts.ts /src:[^;]*;/g',
  'src/render/fonts.ts /url\\(\\.\\/files\\/([^)]+\\.woff2)\\)/',
  'src/pdf/content-stream.ts /\\/ActualText\\s*\\(((?:\\\\[\\s\\S]|[^\\\\)])*)\\)/',
  'src/pdf/soft-hyphens.ts /\\/Span\\s*<<\\s*\\/ActualText\\s*<feff00ad>\\s*>>\\s*BDC([\\s\\S]*?)EMC/gi',
  'src/pdf/soft-hyphens.ts /(?:<[0-9a-fA-F\\s]*>|\\[[^\\]]*\\])\\s*T[jJ]/g',
  'src/pdf/to-unicode.ts /beginbfchar([\\s\\S]*?)endbfchar/g',
  'src/pdf/to-unicode.ts /beginbfrange([\\s\\S]*?)endbfrange/g',
  'src/pdf/to-unicode.ts /<([0-9a-fA-F]+)>\\s*<([0-9a-fA-F]+)>\\s*(?:<([0-9a-fA-F\\s]*)>|\\[([^\\]]*)\\])/g',
]);

function regexLiterals(): { where: string; id: string; source: string; flags: string }[] {
  const files = readdirSync(join(REPO, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const found: { where: string; id: string; source: string; flags: string }[] = [];
  for (const file of files.map((f) => `src/${f.replaceAll('\\', '/')}`)) {
    const sourceFile = ts.createSourceFile(file, readFileSync(join(REPO, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sourceFile);
        const slash = text.lastIndexOf('/');
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
        found.push({ where: `${file}:${line}`, id: `${file} ${text}`, source: text.slice(1, slash), flags: text.slice(slash + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return found;
}

it('no regular expression in src/ takes super-linear time on any input (recheck, as marked runs it)', () => {
  const literals = regexLiterals();
  expect(literals.length).toBeGreaterThan(50);
  const vulnerable = literals
    .filter((r) => !TRUSTED_INPUT.has(r.id))
    .flatMap((r) => {
      // No time limits, only recheck's step limits (its PRNG seed is fixed): with its default timeouts a
      // loaded machine gives `unknown`, or a slow attack run that reads as `vulnerable`, for a safe expression.
      const result = checkSync(r.source, r.flags, { timeout: null, attackTimeout: null, incubationTimeout: null, seedingTimeout: null });
      return result.status === 'safe' ? [] : [`${r.where} /${r.source}/${r.flags}: ${result.status}${result.status === 'vulnerable' ? ` (${result.complexity.summary}, attack ${result.attack.pattern})` : ''}`];
    });
  expect(vulnerable).toEqual([]);
  // The allowance is for literals that exist; one that is gone or changed must leave the list.
  for (const id of TRUSTED_INPUT) expect(literals.map((r) => r.id)).toContain(id);
}, 600_000);

it('normalizes blanks in one pass with the same result as before: runs with a line break or of two or more become one space', () => {
  expect(normalizeInline('  a \t\n\t b  c\td\t\te\nf ')).toBe('a b c\td e f');
  const long = `a${' '.repeat(200_000)}b${'\t'.repeat(200_000)}\n`;
  expect(normalizeInline(long)).toBe('a b');
});

it('finds the key marker at the end of a block, after the last `<!--`', () => {
  expect(splitKeyMarker('Some text  <!-- #my-key -->  ')).toEqual({ text: 'Some text', key: 'my-key', markerIndex: 9 });
  expect(splitKeyMarker('a <!-- #x --> b')).toEqual({ text: 'a <!-- #x --> b' });
  expect(splitKeyMarker('no marker')).toEqual({ text: 'no marker' });
});
