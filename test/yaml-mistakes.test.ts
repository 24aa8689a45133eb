/** The YAML mistakes of people who are not programmers, each told in plain words with the line as it should be. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { makeProject, readText, REPO, runCli, type CliResult } from './helpers.js';

const he = await readText(join(REPO, 'translations/he.yaml'));

async function check(hebrew: string): Promise<CliResult> {
  return runCli(['check', '--lang', 'he'], await makeProject({ 'translations/he.yaml': hebrew }));
}

/** Line and column (1-based) of `needle` in `text`, moved `shift` on. */
function place(text: string, needle: string, shift = 0): string {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset + shift).split('\n');
  return `${before.length}:${[...before.at(-1)!].length + 1}`;
}

function expectExplained(result: CliResult, where: string, message: string, corrected: string, caretColumn: number): void {
  expect(result.code, result.stderr).toBe(ExitCode.input);
  expect(result.stderr).toMatch(new RegExp(`^error: translations/he\\.yaml:${where}: `));
  expect(result.stderr).toContain(message);
  expect(result.stderr).toContain(`\n    ${corrected}\n`.trimEnd());
  expect(result.stderr).not.toMatch(/Block scalar|mapping items|compact mappings|Invalid input|YAML syntax error/);
  const frame = result.stderr.split('\n');
  const marked = frame.findIndex((l) => l.startsWith('>'));
  const caret = frame[marked + 1]!;
  const gutter = frame[marked]!.indexOf('| ') + 2;
  expect(caret.indexOf('^') - gutter + 1, result.stderr).toBe(caretColumn);
}

describe('a translation file', () => {
  it('indented with a tab says "tab" and shows the line indented with spaces', async () => {
    const bad = he.replace('    text: עברית', '\ttext: עברית');
    expectExplained(await check(bad), place(bad, '\ttext: עברית'), 'line 8 is indented with a tab; YAML indents with spaces only', '    text: עברית', 1);
    const block = he.replace(/( {6}source: >-\n {8}.*\n) {6}text: >-/, '$1\ttext: >-');
    expect(block).not.toBe(he);
    expectExplained(await check(block), place(block, '\ttext: >-'), 'is indented with a tab', '      text: >-', 1);
  });

  it('with a field a space too far right or left points at it, says so and shows it in line', async () => {
    for (const spaces of ['     ', '   ']) {
      const bad = he.replace('    text: עברית', `${spaces}text: עברית`);
      const result = await check(bad);
      expectExplained(result, place(bad, 'text: עברית'), `"text:" on line 8 is indented by ${spaces.length} spaces, but the fields beside it by 4 spaces`, '    text: עברית', spaces.length + 1);
    }
    const block = he.replace(/( {6}source: >-\n {8}.*\n) {6}text: >-/, '$1       text: >-');
    expectExplained(await check(block), place(block, 'text: >-'), 'is indented by 7 spaces, but the fields beside it by 6 spaces', '      text: >-', 8);
  });

  it('with text: a level too far left says it reads as an entry and shows where it belongs', async () => {
    const bad = he.replace(/( {6}source: >-\n {8}.*\n) {6}text: >-/, '$1    text: >-');
    expect(bad).not.toBe(he);
    expectExplained(await check(bad), place(bad, '    text: >-', 4), '"text:" on line', '      text: >-', 5);
    expect((await check(bad)).stderr).toContain('is one level too far left: there it reads as an entry named "text" of `statements.mission-statement`');
  });

  it('with typographic quotes around a text with ": " says that YAML does not read them as quotes', async () => {
    const bad = he.replace('    text: עברית', '    text: “עברית: שפה”');
    expectExplained(await check(bad), place(bad, '“עברית'), 'starts with “, a typographic quotation mark', "    text: '“עברית: שפה”'", 11);
  });

  it('with text: #… says that # started a comment, not that the text is empty', async () => {
    const bad = he.replace('    text: "תאריך פרסום: {{date}}"', '    text: #1 {{date}}');
    expect(bad).not.toBe(he);
    expectExplained(await check(bad), place(bad, '#1 {{date}}'), '"#" starts a comment in YAML, so this text is empty and "#1 {{date}}" is ignored', "    text: '#1 {{date}}'", 11);
  });

  it('with a key twice after an empty entry names the key, at the second', async () => {
    const bad = he.replace('  languageName:\n', '  languagesLabel:\n  languagesLabel:\n  languageName:\n');
    const result = await check(bad);
    expect(result.code).toBe(ExitCode.input);
    expect(result.stderr).toContain(`error: translations/he.yaml:${place(bad, 'languagesLabel:\n  languageName')}: the key "languagesLabel" appears twice`);
    expect(result.stderr).not.toContain('the key ""');
  });
});
