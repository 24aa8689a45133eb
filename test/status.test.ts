import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, REPO, runCli } from './helpers.js';

async function edit(dir: string, path: string, change: (text: string) => string): Promise<void> {
  const file = join(dir, path);
  const before = await readFile(file, 'utf8');
  const after = change(before);
  expect(after, `the edit of ${path} changed nothing`).not.toBe(before);
  await writeFile(file, after);
}

/**
 * The shipped project with, in Hebrew, one segment missing, one interface string missing and one
 * obsolete entry; and, in every language, one segment stale because its English changed.
 */
async function unevenProject(): Promise<string> {
  const dir = await makeProject();
  await edit(dir, 'statements/mission-statement.md', (md) => md.replace(/We support movements[\s\S]*?(?= <!-- #peace-and-self-determination -->)/, 'We support peace now.'));
  await edit(dir, 'translations/he.yaml', (yaml) => {
    const withoutLast = yaml.slice(0, yaml.indexOf('    working-together:'));
    const withoutLinks = withoutLast.replace(/  linksHeading:\n.*\n.*\n/, '');
    return `${withoutLinks}obsolete:\n  mission-statement:\n    old-paragraph:\n      source: An old paragraph.\n      text: פסקה ישנה.\n`;
  });
  return dir;
}

describe('broadside status on the shipped project', () => {
  it('shows every translation 100 % complete and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['status'], REPO);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const rows = stdout.split('\n').filter((line) => /^(he|ar|es|fr) /.test(line));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toMatch(/^\w+ +100 % +9 \/ \d+ +0 \/ 0 +0 \/ 0 +0 +0$/);
  });

  it('does not list the source language, and says so', async () => {
    const { stdout } = await runCli(['status'], REPO);
    expect(stdout).not.toMatch(/^en /m);
    expect(stdout).toContain('The source language (en) is not listed.');
  });

  it('gives the same as JSON', async () => {
    const { code, stdout } = await runCli(['status', '--json'], REPO);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ schemaVersion: 1, sourceLanguage: 'en', statements: [{ statement: 'mission-statement', segments: 9, interfaceStrings: 11 }] });
    expect(report.statements[0].languages.map((l: { lang: string; percent: number }) => [l.lang, l.percent])).toEqual([['he', 100], ['ar', 100], ['es', 100], ['fr', 100]]);
  });
});

describe('broadside status on uneven translations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await unevenProject();
  });

  it('counts segments, words, obsolete entries and interface strings per language', async () => {
    const { stdout } = await runCli(['status', '--json'], dir);
    const report = JSON.parse(stdout);
    const [statement] = report.statements;
    const he = statement.languages.find((l: { lang: string }) => l.lang === 'he');
    const words = statement.words;
    expect(he).toEqual({
      lang: 'he',
      file: 'translations/he.yaml',
      // 7 of 9 segments and 10 of 11 interface strings: 17 of 20.
      percent: 85,
      minimum: null,
      belowMinimum: false,
      segments: { total: 9, translated: 7, stale: 1, missing: 1 },
      words: { total: words, translated: words - 4 - he.words.missing, stale: 4, missing: he.words.missing },
      interface: { total: 11, translated: 10, stale: 0, missing: 1 },
      obsolete: 1,
    });
    expect(he.words.missing).toBeGreaterThan(10);
    const ar = statement.languages.find((l: { lang: string }) => l.lang === 'ar');
    expect(ar).toMatchObject({ percent: 95, segments: { translated: 8, stale: 1, missing: 0 }, obsolete: 0 });
  });

  it('prints one row per language in a table that does not depend on the terminal', async () => {
    const narrow = await runCli(['status'], dir, { COLUMNS: '20' });
    const wide = await runCli(['status'], dir, { COLUMNS: '300' });
    expect(narrow.stdout).toBe(wide.stdout);
    expect(narrow.stdout).not.toContain('\u001b[');
    expect(narrow.stdout).toMatch(/^he +85 % +7 \/ \d+ +1 \/ 4 +1 \/ \d+ +1 +1$/m);
    expect(narrow.stdout).toMatch(/^language +complete +translated +stale +missing +obsolete +interface missing$/m);
  });

  it('fails with exit 5 when a language is below --min, after printing the table', async () => {
    const { code, stdout, stderr } = await runCli(['status', '--min', '90'], dir);
    expect(code).toBe(5);
    expect(stdout).toMatch(/^he +85 %.* 90 % BELOW$/m);
    expect(stdout).toMatch(/^ar +95 %.* 90 %$/m);
    expect(stderr).toContain('he is 85 % complete in mission-statement (minimum 90 %)');
    expect(stderr).not.toContain('ar is');
  });

  it('passes when every language reaches --min', async () => {
    expect((await runCli(['status', '--min', '80'], dir)).code).toBe(0);
  });

  it('takes a language’s own minComplete over --min and the project default', async () => {
    await edit(dir, 'broadside.yaml', (yaml) => yaml.replace('  - code: he\n', '  - code: he\n    minComplete: 50\n').replace('pdf:', 'minComplete: 96\npdf:'));
    const byConfig = await runCli(['status', '--json'], dir);
    expect(byConfig.code).toBe(5);
    const languages = JSON.parse(byConfig.stdout).statements[0].languages;
    expect(languages.map((l: { lang: string; minimum: number; belowMinimum: boolean }) => [l.lang, l.minimum, l.belowMinimum])).toEqual([
      ['he', 50, false],
      ['ar', 96, true],
      ['es', 96, true],
      ['fr', 96, true],
    ]);
    const byFlag = await runCli(['status', '--min', '90'], dir);
    expect(byFlag.code).toBe(0);
  });
});

describe('broadside status usage', () => {
  it('selects languages with --lang and statements by id', async () => {
    const { code, stdout } = await runCli(['status', 'mission-statement', '--lang', 'ar,fr', '--json'], REPO);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).statements[0].languages.map((l: { lang: string }) => l.lang)).toEqual(['ar', 'fr']);
  });

  it.each([
    [['status', '--lang', 'en'], 'source language'],
    [['status', '--lang', 'de'], 'not configured'],
    [['status', 'no-such-statement'], 'there is no statement'],
    [['status', '--min', 'most'], 'percentage from 0 to 100'],
    [['status', '--min', '101'], 'percentage from 0 to 100'],
  ])('%j is a usage error', async (args, message) => {
    const { code, stderr } = await runCli(args, REPO);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('rejects a minComplete outside 0–100 in the configuration', async () => {
    const dir = await makeProject();
    await edit(dir, 'broadside.yaml', (yaml) => yaml.replace('pdf:', 'minComplete: 150\npdf:'));
    const { code, stderr } = await runCli(['status'], dir);
    expect(code).toBe(3);
    expect(stderr).toContain('`minComplete`: must be at most 100');
  });
});
