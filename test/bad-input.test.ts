import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { makeProject, readText, REPO, runCli, spawnCli, tempDir, type CliResult } from './helpers.js';

/** Bad input of every kind: each is refused with a documented exit code, its place and a fix, never a stack trace. */

const md = await readText(join(REPO, 'statements/mission-statement.md'));
const he = await readText(join(REPO, 'translations/he.yaml'));
const fr = await readText(join(REPO, 'translations/fr.yaml'));
const config = await readText(join(REPO, 'broadside.yaml'));
const HTML_AND_TEXT = ['build', '--format', 'html,txt'];

/** "line:column" (1-based, columns in code points) of the first `needle` in `text`, moved `shift` characters on. */
function at(text: string, needle: string, shift = 0): string {
  const offset = text.indexOf(needle);
  expect(offset, `${needle} is in the text`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset + shift).split('\n');
  return `${before.length}:${[...before.at(-1)!].length + 1}`;
}

/**
 * The CLI refused the input the way a person needs it: the documented exit code, `place` (file, and
 * line and column where there are some) at the start of the message, a fix, and no stack trace.
 */
function expectClearError(result: CliResult, code: ExitCode, place: string | undefined, ...phrases: string[]): void {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr).toMatch(new RegExp(`^error: ${place === undefined ? '' : `${escapeRegExp(place)}: `}`));
  expect(result.stderr).toContain('How to fix: ');
  for (const phrase of phrases) expect(result.stderr).toContain(phrase);
  expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(result.stderr).not.toContain('internal error');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A code frame: the line with `>` and its number, and a caret under the column. */
function expectFrame(result: CliResult, line: number, content: string): void {
  expect(result.stderr).toMatch(new RegExp(`^> +${line} \\| ${escapeRegExp(content)}`, 'm'));
  expect(result.stderr).toMatch(/^ +\| +\^$/m);
}

async function build(files: Record<string, string | Uint8Array>, args = HTML_AND_TEXT): Promise<CliResult & { project: string }> {
  const project = await makeProject(files);
  return { ...(await runCli(args, project)), project };
}

/** Every path under `dir` with its size and modification time, to show that nothing was touched. */
async function snapshot(dir: string): Promise<string[]> {
  const paths = (await readdir(dir, { recursive: true })).sort();
  return Promise.all(paths.map(async (path) => `${path} ${(await stat(join(dir, path))).size} ${(await stat(join(dir, path))).mtimeMs}`));
}

describe('exit codes', () => {
  it('used for bad input are the documented ones', async () => {
    const readme = await readText(join(REPO, 'README.md'));
    for (const code of [ExitCode.usage, ExitCode.config, ExitCode.input, ExitCode.interrupted]) expect(readme).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
  });
});

describe('a translation file', () => {
  it('with a YAML syntax error names the line and shows it', async () => {
    const bad = he.replace('    text: עברית', '  source: x\n   text: y');
    const result = await build({ 'translations/he.yaml': bad });
    expectClearError(result, ExitCode.input, `translations/he.yaml:${at(bad, 'text: y')}`, '"text:" on line 9 is indented by 3 spaces, but the fields beside it by 2 spaces', '\n      text: y');
    expectFrame(result, 9, '   text: y');
  });

  it('with a quotation left open points at the mark that opened it, not at the end of the file', async () => {
    for (const mark of ['"', "'"]) {
      const bad = he.replace('text: עברית', `text: ${mark}עברית`);
      const result = await build({ 'translations/he.yaml': bad });
      expectClearError(result, ExitCode.input, `translations/he.yaml:${at(bad, `text: ${mark}עברית`, 'text: '.length)}`, 'this quotation mark is never closed', `end the text with the same mark (${mark})`);
      expectFrame(result, Number(at(bad, `text: ${mark}עברית`).split(':')[0]), `    text: ${mark}עברית`);
    }
  });

  it('with a list or a number where text belongs says the text must be text', async () => {
    for (const value of ['[עברית, x]', '42']) {
      const bad = he.replace('text: עברית', `text: ${value}`);
      const result = await build({ 'translations/he.yaml': bad });
      expectClearError(result, ExitCode.input, `translations/he.yaml:${at(bad, value)}`, '`interface.languageName.text`: must be text');
      expectFrame(result, 8, `    text: ${value}`);
    }
  });

  it('with the same key twice points at the second', async () => {
    const bad = he.replace('  languageName:\n', '  languagesLabel:\n    source: a\n    text: b\n  languageName:\n');
    const result = await build({ 'translations/he.yaml': bad });
    expectClearError(result, ExitCode.input, `translations/he.yaml:${at(bad, '  languagesLabel:\n    source: This', 2)}`, 'the key "languagesLabel" appears twice');
  });

  it('with an unknown top-level field names it and lists the fields there are', async () => {
    const bad = he.replace('language: he\n', 'language: he\nauthor: someone\n');
    const result = await build({ 'translations/he.yaml': bad });
    expectClearError(result, ExitCode.input, `translations/he.yaml:${at(bad, 'author')}`, 'unknown field(s) author; the fields are: language, interface, statements, obsolete');
  });

  it('for a language that is not configured names the file and the command that adds it', async () => {
    const result = await build({ 'translations/de.yaml': 'language: de\n' });
    expectClearError(result, ExitCode.input, 'translations/de.yaml', 'the language "de" is not in broadside.yaml', 'broadside add-lang de');
  });

  it('with a section for a statement that does not exist names the section and the statements there are', async () => {
    const bad = he.replace('statements:\n', 'statements:\n  nonexistent:\n    title:\n      source: x\n      text: y\n');
    const result = await build({ 'translations/he.yaml': bad });
    expectClearError(result, ExitCode.input, `translations/he.yaml:${at(bad, 'title:\n      source: x')}`, 'there is no statement "nonexistent"', 'one of: mission-statement');
  });

  it('with markup nested thousands of levels deep points at the text, not with a stack overflow', async () => {
    const bad = he.replace('text: עברית', `text: "${'*'.repeat(5000)}x${'*'.repeat(5000)}"`);
    const result = await build({ 'translations/he.yaml': bad });
    expectClearError(result, ExitCode.input, `translations/he.yaml:${at(bad, '"***')}`, '`interface.languageName.text`: the Markdown is nested more than 32 levels deep');
    expect(result.stderr.length).toBeLessThan(2000);
  });

  it('that is not UTF-8 gives the byte offset, line and column of the first bad byte (also from a real process)', async () => {
    const offset = Buffer.byteLength(he.slice(0, he.indexOf('language: he'))) + 3;
    const bytes = Buffer.from(he);
    const bad = Buffer.concat([bytes.subarray(0, offset), Buffer.from([0xff]), bytes.subarray(offset)]);
    const project = await makeProject({ 'translations/he.yaml': bad });
    const result = await spawnCli(HTML_AND_TEXT, project);
    expectClearError(result, ExitCode.input, `translations/he.yaml:${at(he, 'language: he', 3)}`, `invalid UTF-8 at byte offset ${offset}`);
    expectFrame(result, 4, 'lan\uFFFDguage: he');
  });
});

describe('the command line', () => {
  it('asked for a statement that does not exist lists those that do', async () => {
    const result = await build({}, ['build', 'nonexistent']);
    expectClearError(result, ExitCode.usage, undefined, 'there is no statement "nonexistent"', 'choose one of: mission-statement');
  });
});

describe('a statement', () => {
  const statement = (text: string): Promise<CliResult & { project: string }> => build({ 'statements/mission-statement.md': text });

  it('that is empty says so and shows what to write', async () => {
    expectClearError(await statement(''), ExitCode.input, 'statements/mission-statement.md:1:1', 'the statement file is empty', 'title: Mission Statement');
  });

  it('without front matter, or with front matter that is not closed, shows a front-matter block', async () => {
    expectClearError(await statement(md.replace(/^---[\s\S]*?---\n/, '')), ExitCode.input, 'statements/mission-statement.md:1:1', 'has no front matter', 'date: 2020-02-11');
    expectClearError(await statement(md.replace('\n---\n\nThe', '\n\nThe')), ExitCode.input, 'statements/mission-statement.md:1:1', 'front matter is not closed');
  });

  it('with malformed front matter names the line in the statement file', async () => {
    const syntax = md.replace('date: 2020-02-11', 'date: [2020-02-11');
    const syntaxResult = await statement(syntax);
    expectClearError(syntaxResult, ExitCode.input, undefined, 'YAML syntax error');
    expect(syntaxResult.stderr).toMatch(/^error: statements\/mission-statement\.md:5:\d+: /);
    expectClearError(await statement(md.replace('title: Mission Statement\n', '')), ExitCode.input, 'statements/mission-statement.md:2:1', '`title`: is required');
    const date = md.replace('2020-02-11', '2020-02-31');
    expectClearError(await statement(date), ExitCode.input, `statements/mission-statement.md:${at(date, '2020-02-31')}`, '`date`: is not a date in the calendar');
    const unknown = md.replace('date: 2020-02-11', 'date: 2020-02-11\nauthor: me');
    expectClearError(await statement(unknown), ExitCode.input, `statements/mission-statement.md:${at(unknown, 'author')}`, 'the fields are: title, organization, description, date, keywords');
  });

  it('with an explicit key used twice points at the second and names the first', async () => {
    const bad = md.replace('<!-- #our-values -->', '<!-- #who-we-are -->');
    const result = await statement(bad);
    expectClearError(result, ExitCode.input, `statements/mission-statement.md:${at(bad, '<!-- #who-we-are -->\n\nWe see')}`, `the key "who-we-are" is already used at line ${at(md, 'The International Progressive').split(':')[0]}`);
  });

  it('with raw HTML, as a block or inline, points at it', async () => {
    const block = `${md}\n<div>hello</div>\n`;
    expectClearError(await statement(block), ExitCode.input, `statements/mission-statement.md:${at(block, '<div>')}`, 'raw HTML is not allowed');
    const inline = md.replace('deep values', 'deep <b>values</b>');
    expectClearError(await statement(inline), ExitCode.input, `statements/mission-statement.md:${at(inline, '<b>')}`, 'raw HTML is not allowed');
  });

  it('with markup nested thousands of levels deep is refused at that paragraph, not with a stack overflow', async () => {
    for (const deep of ['*'.repeat(5000) + 'x' + '*'.repeat(5000), '>'.repeat(5000) + ' x', '_a '.repeat(2500) + 'x' + ' a_'.repeat(2500)]) {
      const bad = `${md}\n${deep}\n`;
      expectClearError(await statement(bad), ExitCode.input, `statements/mission-statement.md:${at(bad, deep)}`, 'nested more than');
    }
  });

  it('with a control character names it and its place', async () => {
    const bad = md.replace('deep values', 'deep\u0007 values');
    expectClearError(await statement(bad), ExitCode.input, `statements/mission-statement.md:${at(bad, '\u0007')}`, 'control character U+0007');
  });
});

describe('encodings', () => {
  it('a byte-order mark, CRLF line endings and NFD text give exactly the output of clean UTF-8', async () => {
    const messy = (text: string): string => `\uFEFF${text.replace(/\n/g, '\r\n').normalize('NFD')}`;
    expect(messy(fr).includes('De\u0301claration')).toBe(true);
    const clean = await build({});
    const dirty = await build({ 'statements/mission-statement.md': messy(md), 'translations/fr.yaml': messy(fr), 'translations/he.yaml': messy(he), 'broadside.yaml': messy(config) });
    expect(dirty.code, dirty.stderr).toBe(0);
    const files = (await readdir(join(clean.project, 'dist'), { recursive: true })).filter((f) => /\.(html|txt)$/.test(f)).sort();
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const file of files) expect(await readFile(join(dirty.project, 'dist', file), 'utf8'), file).toBe(await readFile(join(clean.project, 'dist', file), 'utf8'));
    expect(await readFile(join(dirty.project, 'dist/mission-statement/fr/mission-statement.fr.txt'), 'utf8')).toContain('Déclaration'.normalize('NFC'));
  });
});

describe('names', () => {
  async function refusedUntouched(args: string[], code: ExitCode, ...phrases: string[]): Promise<void> {
    const project = await makeProject();
    const before = await snapshot(project);
    const result = await runCli(args, project);
    expectClearError(result, code, undefined, ...phrases);
    expect(await snapshot(project)).toEqual(before);
  }

  it('--lang with a path in it is refused and nothing is written', async () => {
    await refusedUntouched(['build', '--lang', '../x'], ExitCode.usage, '"../x" is not a language code');
  });

  it('a statement id that climbs out of the project is refused (from a real process too) and nothing is written', async () => {
    await refusedUntouched(['build', '../../etc/passwd'], ExitCode.usage, '"../../etc/passwd" is not a statement id');
    const project = await makeProject();
    expectClearError(await spawnCli(['build', '../../etc/passwd'], project), ExitCode.usage, undefined, 'is not a statement id');
  });

  it('a statement id with a NUL in it is refused, the NUL shown', async () => {
    await refusedUntouched(['build', 'mission-statement\0'], ExitCode.usage, '"mission-statement\\u0000" is not a statement id');
  });

  it('a statement file or translation file whose name is not an id or a language code is refused', async () => {
    expectClearError(await build({ 'statements/Mission Statement.md': md }), ExitCode.input, 'statements/Mission Statement.md', 'is not a usable statement file name');
    expectClearError(await build({ 'translations/he_IL.yaml': he }), ExitCode.input, 'translations/he_IL.yaml', '"he_IL" is not a BCP 47 language code');
  });

  it('a configured language code that is a path is refused at its place in broadside.yaml', async () => {
    const bad = config.replace('  - code: es', '  - code: ../x');
    expectClearError(await build({ 'broadside.yaml': bad }), ExitCode.config, `broadside.yaml:${at(bad, '../x')}`, '`languages.3.code`: must be a BCP 47 language tag');
  });

  it.each([
    ['statements', '../elsewhere', 'must stay inside the project folder'],
    ['translations', '/etc', 'must be written relative to the project folder'],
    ['output', '../published', 'must stay inside the project folder'],
    ['output', 'C:\\\\www', 'must be written relative to the project folder'],
    ['output', '"dist\\0"', 'must not contain a NUL character'],
    ['output', '.', 'must be a folder of its own'],
    ['output', 'statements/', 'must not be or contain the statements folder'],
  ])('a configured %s folder %s is refused before anything is written', async (field, value, phrase) => {
    const bad = `${config}${field}: ${value}\n`;
    const project = await makeProject({ 'broadside.yaml': bad });
    const before = await snapshot(project);
    expectClearError(await runCli(HTML_AND_TEXT, project), ExitCode.config, `broadside.yaml:${at(bad, `${field}: ${value}`, field.length + 2)}`, `\`${field}\`: ${phrase}`);
    expect(await snapshot(project)).toEqual(before);
  });

  it('--out may name a folder outside the project, but never one that is not an earlier build', async () => {
    const project = await makeProject();
    const outside = join(await tempDir('outside'), 'published');
    expect((await runCli([...HTML_AND_TEXT, '--out', outside], project)).code).toBe(0);
    expect((await stat(join(outside, 'index.html'))).isFile()).toBe(true);
    expect((await runCli([...HTML_AND_TEXT, '--out', outside], project)).code).toBe(0);
    const before = await snapshot(project);
    expectClearError(await runCli([...HTML_AND_TEXT, '--out', '.'], project), ExitCode.usage, undefined, 'is not an earlier Broadside output', 'choose a new or empty folder');
    expectClearError(await runCli([...HTML_AND_TEXT, '--out', 'statements'], project), ExitCode.usage, undefined, 'is not an earlier Broadside output');
    expect(await snapshot(project)).toEqual(before);
  });
});

describe('the configuration', () => {
  const configured = (text: string): Promise<CliResult & { project: string }> => build({ 'broadside.yaml': text });

  it('with an unknown option names it and lists the options there are (from a real process too)', async () => {
    const top = `${config}colour: red\n`;
    const project = await makeProject({ 'broadside.yaml': top });
    expectClearError(await spawnCli(HTML_AND_TEXT, project), ExitCode.config, `broadside.yaml:${at(top, 'colour')}`, 'unknown field(s) colour; the fields are: sourceLanguage, languages,');
    const nested = config.replace('  paper: a4', '  papr: a4');
    expectClearError(await configured(nested), ExitCode.config, `broadside.yaml:${at(nested, 'papr')}`, '`pdf`: unknown field(s) papr; the fields are: paper, concurrency, timeoutSeconds, executablePath');
    const language = config.replace('  - code: es', '  - code: es\n    direction: ltr');
    expectClearError(await configured(language), ExitCode.config, `broadside.yaml:${at(language, 'direction')}`, 'the fields are: code, numbering, paper');
  });

  it('with a wrong type says what the value must be', async () => {
    const columns = `${config}text:\n  columns: wide\n`;
    expectClearError(await configured(columns), ExitCode.config, `broadside.yaml:${at(columns, 'wide')}`, '`text.columns`: must be a whole number from 40 to 200');
    const languages = config.replace(/languages:[\s\S]*?pdf:/, 'languages: he\npdf:');
    expectClearError(await configured(languages), ExitCode.config, `broadside.yaml:${at(languages, 'he\npdf')}`, '`languages`: must be a list');
  });

  it('with an impossible value lists the possible ones', async () => {
    const paper = config.replace('  paper: a4', '  paper: b7');
    expectClearError(await configured(paper), ExitCode.config, `broadside.yaml:${at(paper, 'b7')}`, '`pdf.paper`: must be one of: a4, letter, legal, a5');
    const languagePaper = config.replace('  - code: es', '  - code: es\n    paper: huge');
    expectClearError(await configured(languagePaper), ExitCode.config, `broadside.yaml:${at(languagePaper, 'huge')}`, '`languages.3.paper`: must be one of: a4, letter, legal, a5');
    const columns = `${config}text:\n  columns: 10\n`;
    expectClearError(await configured(columns), ExitCode.config, `broadside.yaml:${at(columns, '10')}`, 'must be a whole number from 40 to 200');
    const concurrency = config.replace('  paper: a4', '  paper: a4\n  concurrency: 0');
    expectClearError(await configured(concurrency), ExitCode.config, `broadside.yaml:${at(concurrency, '0\n')}`, '`pdf.concurrency`: must be a whole number from 1 to 16');
  });

  it('with a YAML syntax error, or aliases that multiply without end, shows the place', async () => {
    const tab = config.replace('  - code: es', '\t- code: es');
    const result = await configured(tab);
    expectClearError(result, ExitCode.config, `broadside.yaml:${at(tab, '\t')}`, 'line 8 is indented with a tab; YAML indents with spaces only', '\n      - code: es');
    expectFrame(result, 8, '\t- code: es');
    const bomb = `a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n${config}`;
    expectClearError(await configured(bomb), ExitCode.config, 'broadside.yaml:2:8', 'aliases');
  });
});
