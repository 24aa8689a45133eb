import { execFileSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, spawnCli, type CliResult } from './helpers.js';

/** Without a browser: a build that would print a PDF fails with exit 7, one that prints none succeeds. */
const NO_BROWSER = { PATH: '/nonexistent', HOME: '/nonexistent' };
const LANGS = ['ar', 'en', 'es', 'fr', 'he'];

let project: string;
let twin: string;

const summary = (result: CliResult): any => {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
};
const byStatus = (s: any, status: string): string[] => s.artifacts.filter((a: any) => a.status === status).map((a: any) => a.path);
const pdf = (lang: string): string => join(project, 'dist', `mission-statement/${lang}/mission-statement.${lang}.pdf`);

beforeAll(async () => {
  [project, twin] = [await makeProject(), await makeProject()];
  const [first, second] = await Promise.all([spawnCli(['build', '--json'], project), spawnCli(['build', '--json'], twin)]);
  expect(byStatus(summary(first), 'built')).toHaveLength(19);
  expect(byStatus(summary(second), 'built')).toHaveLength(19);
}, 180_000);

describe('two clean builds of the same source in two folders', () => {
  it('give byte-identical release archives, PDFs included', async () => {
    for (const dir of [project, twin]) expect((await spawnCli(['release', '--out', 'release'], dir)).code).toBe(0);
    for (const file of ['dist.tar.gz', 'dist.zip', 'SHA256SUMS']) {
      expect(Buffer.compare(await readFile(join(project, 'release', file)), await readFile(join(twin, 'release', file))), file).toBe(0);
    }
    expect(execFileSync('tar', ['-tzf', join(project, 'release/dist.tar.gz')], { encoding: 'utf8' })).toContain('dist/mission-statement/he/mission-statement.he.pdf');
  });
});

describe('a rebuild', () => {
  it('with nothing changed starts no browser, writes nothing and says so', async () => {
    const before = await mtimes(join(project, 'dist'));
    const noop = summary(await spawnCli(['build', '--json'], project, NO_BROWSER));
    expect(noop.changed).toBe(false);
    expect(byStatus(noop, 'reused')).toHaveLength(19);
    expect(await mtimes(join(project, 'dist'))).toEqual(before);
  });

  it('after an option that changes the PDFs (--paper, SOURCE_DATE_EPOCH) prints them again', async () => {
    expect((await spawnCli(['build', '--paper', 'letter'], project, NO_BROWSER)).code).toBe(7);
    expect((await spawnCli(['build'], project, { ...NO_BROWSER, SOURCE_DATE_EPOCH: '1700000000' })).code).toBe(7);
  });

  it('after one translation changed makes only that language again', async () => {
    const before = Object.fromEntries(await Promise.all(LANGS.map(async (lang) => [lang, await readFile(pdf(lang))] as const)));
    const times = Object.fromEntries(await Promise.all(LANGS.map(async (lang) => [lang, (await stat(pdf(lang))).mtimeMs] as const)));
    const he = join(project, 'translations/he.yaml');
    await writeFile(he, (await readFile(he, 'utf8')).replace('הצהרת ייעוד', 'הצהרת הייעוד'));

    const rebuild = summary(await spawnCli(['build', '--json'], project));
    // The Hebrew edition, and the parallel edition with Hebrew in it.
    expect(byStatus(rebuild, 'built')).toEqual([
      'mission-statement/he-ar-en/index.html',
      'mission-statement/he-ar-en/mission-statement.he-ar-en.pdf',
      'mission-statement/he/index.html',
      'mission-statement/he/mission-statement.he.pdf',
      'mission-statement/he/mission-statement.he.txt',
    ]);
    expect(byStatus(rebuild, 'reused')).toHaveLength(14);
    for (const lang of LANGS.filter((l) => l !== 'he')) {
      expect((await stat(pdf(lang))).mtimeMs, lang).toBe(times[lang]);
      expect(Buffer.compare(await readFile(pdf(lang)), before[lang]!)).toBe(0);
    }
    expect(Buffer.compare(await readFile(pdf('he')), before.he!)).not.toBe(0);
    expect((await spawnCli(['verify'], project)).code).toBe(0);
  });

  it('with --force makes everything again', async () => {
    const before = await mtimes(join(project, 'dist'));
    const forced = summary(await spawnCli(['build', '--json', '--force'], project));
    expect(byStatus(forced, 'built')).toHaveLength(19);
    expect(forced.timings.printMs).toBeGreaterThan(0);
    const after = await mtimes(join(project, 'dist'));
    for (const lang of LANGS) expect(after[pdf(lang)]).toBeGreaterThan(before[pdf(lang)]!);
  });
});

async function mtimes(dir: string): Promise<Record<string, number>> {
  const paths = execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n');
  return Object.fromEntries(await Promise.all(paths.map(async (p) => [p, (await stat(p)).mtimeMs] as const)));
}
