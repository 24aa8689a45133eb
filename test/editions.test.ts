import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { ConfigError } from '../src/errors.js';
import { htmlRows } from './edition-reading.js';
import { makeProject, REPO, runCli } from './helpers.js';

const HTML = ['--format', 'html'];
const shippedConfig = await readFile(join(REPO, 'broadside.yaml'), 'utf8');
const withEditions = (editions: string): string => shippedConfig.replace(/\neditions:\n[\s\S]*?\npdf:/, `\neditions:\n${editions}pdf:`);
const page = (dir: string, folder: string): Promise<string> => readFile(join(dir, 'dist/mission-statement', folder, 'index.html'), 'utf8');
const built = async (dir: string, ...args: string[]): Promise<any> => {
  const result = await runCli(['build', '--json', ...args], dir);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
};
const paths = (summary: any, status?: string): string[] => summary.artifacts.filter((a: any) => !status || a.status === status).map((a: any) => a.path);

describe('editions in broadside.yaml', () => {
  it('are configured for the shipped project: he-ar-en and en-es', () => {
    expect(parseConfig(shippedConfig).editions).toEqual([
      { id: 'he-ar-en', languages: ['he', 'ar', 'en'], layout: 'auto' },
      { id: 'en-es', languages: ['en', 'es'], layout: 'auto' },
    ]);
  });

  it.each([
    ['an unknown language', '  - id: he-xx\n    languages: [he, xx]\n', /`editions\.0\.languages\.1`: the language "xx" is not configured; an edition takes languages listed under languages: en, he, ar, es, fr/],
    ['a code that is no language', '  - id: he-x\n    languages: [he, "x!"]\n', /`editions\.0\.languages\.1`: "x!" is not a language code/],
    ['a duplicate id', '  - id: en-es\n    languages: [en, es]\n  - id: en-es\n    languages: [es, en]\n', /`editions\.1\.id`: "en-es" is the id of another edition too/],
    ['fewer than two languages', '  - id: en-only\n    languages: [en]\n', /`editions\.0\.languages`: list at least two languages/],
    ['an id that is a language code', '  - id: es\n    languages: [en, es]\n', /`editions\.0\.id`: "es" is a language code, .* name it after its languages, such as en-es/],
    ['a language listed twice', '  - id: en-es\n    languages: [en, es, en]\n', /`editions\.0\.languages\.2`: "en" is listed twice/],
    ['an id that cannot be a folder', '  - id: "../x"\n    languages: [en, es]\n', /`editions\.0\.id`: must be lower-case letters, digits and hyphens/],
    ['an unknown layout', '  - id: en-es\n    languages: [en, es]\n    layout: side\n', /`editions\.0\.layout`: must be one of: auto, columns, stacked/],
  ])('refuse %s with the file, line and column', async (_, editions, message) => {
    expect(() => parseConfig(withEditions(editions))).toThrow(ConfigError);
    expect(() => parseConfig(withEditions(editions))).toThrow(message);
    const dir = await makeProject({ 'broadside.yaml': withEditions(editions) });
    const result = await runCli(['build', ...HTML], dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^error: broadside\.yaml:(\d+):(\d+): /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('point at the line and column of the mistake', async () => {
    const config = withEditions('  - id: he-ar-en\n    languages: [he, ar, en]\n  - id: en-fr\n    languages: [en, de]\n');
    const line = config.split('\n').findIndex((l) => l.includes('[en, de]')) + 1;
    const result = await runCli(['build', ...HTML], await makeProject({ 'broadside.yaml': config }));
    expect(result.stderr).toContain(`error: broadside.yaml:${line}:${'    languages: [en, '.length + 1}: configuration: \`editions.1.languages.1\`: the language "de" is not configured`);
    expect(result.stderr).toContain('How to fix:');
  });
});

describe('the HTML of a parallel edition', () => {
  it('has a row per passage with a cell per language, each in its own language, direction and script', async () => {
    const dir = await makeProject();
    await built(dir, ...HTML);
    for (const [id, languages, dir0] of [['he-ar-en', ['he', 'ar', 'en'], 'rtl'], ['en-es', ['en', 'es'], 'ltr']] as const) {
      const html = await page(dir, id);
      expect(html).toMatch(new RegExp(`<html lang="${languages[0]}" dir="${dir0}"[^>]* data-layout="columns" data-columns="${languages.length}"`));
      const rows = htmlRows(html);
      // The organisation, the title, the dateline and the six paragraphs of the statement.
      expect(rows).toHaveLength(9);
      for (const row of rows) expect(row.map((c) => c.lang)).toEqual(languages);
      const cells = [...html.matchAll(/<div class="cell" role="group" aria-label="[^"]+" lang="([^"]+)" dir="([^"]+)" data-script="([^"]+)"/g)].map((m) => m.slice(1).join(' '));
      const expected = { he: 'he rtl Hebr', ar: 'ar rtl Arab', en: 'en ltr Latn', es: 'es ltr Latn' };
      expect(cells).toEqual(rows.flatMap(() => languages.map((l) => expected[l])));
      // The title and the dateline in every language.
      expect(rows[1]!.map((c) => c.text)).toEqual(languages.map((l) => ({ he: 'הצהרת ייעוד', ar: 'بيان الرسالة', en: 'Mission Statement', es: 'Declaración de misión' })[l]));
      expect(rows[2]!.map((c) => c.text.length > 0)).toEqual(languages.map(() => true));
      // Parallel editions are HTML and PDF; this build made no PDF to link.
      expect(html).not.toMatch(/\.(txt|pdf)"/);
    }
    expect(htmlRows(await page(dir, 'en-es'))[2]!.map((c) => c.text)).toEqual(['Published February 11, 2020', 'Publicado el 11 de febrero de 2020']);
  });

  it('never publishes markup from a translation: the passage is shown in English instead', async () => {
    const dir = await makeProject();
    const es = join(dir, 'translations/es.yaml');
    const text = await readFile(es, 'utf8');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(es, text.replace('La Red Judía Progresista Internacional está integrada', 'La Red <img src=x onerror=alert(1)> <script>alert(2)</script> está integrada'));
    await built(dir, ...HTML);
    const html = await page(dir, 'en-es');
    expect(html).not.toMatch(/<img|<script|alert/i);
    expect(htmlRows(html)[3]![1]!.text).toMatch(/^Aún sin traducir\. .* The International Progressive Jewish network/);
  });

  it('shows a missing passage in English, marked, and --strict refuses the edition', async () => {
    const dir = await makeProject();
    const es = join(dir, 'translations/es.yaml');
    const { writeFile } = await import('node:fs/promises');
    const yaml = await readFile(es, 'utf8');
    await writeFile(es, yaml.replace(/\n {4}who-we-are:\n(?: {6}.*\n)+/, '\n'));
    const summary = await built(dir, ...HTML, '--lang', 'en-es');
    expect(paths(summary)).toEqual(['mission-statement/en-es/index.html']);
    const row = htmlRows(await page(dir, 'en-es'))[3]!;
    expect(row.map((c) => c.lang)).toEqual(['en', 'es']);
    const html = await page(dir, 'en-es');
    expect(html).toMatch(/<div class="cell"[^>]* lang="es"[^>]*><p class="language-mark"[^>]*>Español<\/p><p lang="en" dir="ltr" data-script="Latn" class="fallback"><strong class="fallback-note" lang="es"/);
    expect(summary.warnings.map((w: any) => `${w.lang} ${w.key}`)).toContain('es who-we-are');
    const strict = await runCli(['build', ...HTML, '--strict', '--lang', 'he-ar-en'], dir);
    expect(strict.code, strict.stderr).toBe(0);
    const refused = await runCli(['build', ...HTML, '--strict', '--lang', 'en-es', '--out', 'strict'], dir);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('mission-statement/es: "who-we-are" is not translated');
  });
});

describe('--lang with parallel editions', () => {
  it('builds the editions that have a language named, and an edition named by its id alone', async () => {
    const dir = await makeProject();
    expect(paths(await built(dir, ...HTML, '--lang', 'he', '--out', 'he'))).toEqual(['mission-statement/he-ar-en/index.html', 'mission-statement/he/index.html']);
    expect(paths(await built(dir, ...HTML, '--lang', 'he-ar-en', '--out', 'one'))).toEqual(['mission-statement/he-ar-en/index.html']);
    expect(paths(await built(dir, ...HTML, '--lang', 'es,fr', '--out', 'es'))).toEqual(['mission-statement/en-es/index.html', 'mission-statement/es/index.html', 'mission-statement/fr/index.html']);
    expect(paths(await built(dir, ...HTML, '--lang', 'en', '--out', 'en'))).toEqual(['mission-statement/en-es/index.html', 'mission-statement/en/index.html', 'mission-statement/he-ar-en/index.html']);
  });
});

describe('parallel editions in the output', () => {
  it('are listed in the index, with their titles in each language, and in the manifest', async () => {
    const dir = await makeProject();
    await built(dir, ...HTML);
    const index = await readFile(join(dir, 'dist/index.html'), 'utf8');
    expect(index).toContain('<li class="parallel"><span lang="he" dir="rtl">הצהרת ייעוד</span> · <span lang="ar" dir="rtl">بيان الرسالة</span> · <span lang="en" dir="ltr">Mission Statement</span>');
    expect(index).toContain('<a href="mission-statement/en-es/index.html">HTML</a>');
    const manifest = JSON.parse(await readFile(join(dir, 'dist/manifest.json'), 'utf8'));
    expect(manifest.artifacts.filter((a: any) => a.languages).map((a: any) => `${a.path} ${a.statement} ${a.lang} ${a.format} ${a.languages}`)).toEqual([
      'mission-statement/en-es/index.html mission-statement en-es html en,es',
      'mission-statement/he-ar-en/index.html mission-statement he-ar-en html he,ar,en',
    ]);
    expect(manifest.files.map((f: any) => f.path)).toContain('assets/edition.css');
    expect((await runCli(['verify'], dir)).code).toBe(0);
  });

  it('are made again only when one of their languages changed', async () => {
    const dir = await makeProject();
    await built(dir, ...HTML);
    const he = join(dir, 'translations/he.yaml');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(he, (await readFile(he, 'utf8')).replace('הצהרת ייעוד', 'הצהרת הייעוד'));
    const again = await built(dir, ...HTML);
    expect(paths(again, 'built')).toEqual(['mission-statement/he-ar-en/index.html', 'mission-statement/he/index.html']);
    expect(paths(again, 'reused')).toContain('mission-statement/en-es/index.html');
  });

  it('are dealt out to shards like every artifact, and the merged parts verify', async () => {
    const dir = await makeProject();
    const whole = paths(await built(dir, ...HTML, '--out', 'whole'));
    const parts = [];
    for (const k of [1, 2, 3]) parts.push(...paths(await built(dir, ...HTML, '--shard', `${k}/3`, '--out', `part-${k}`)));
    expect(parts.sort()).toEqual(whole);
    expect(whole).toContain('mission-statement/he-ar-en/index.html');
    expect((await runCli(['merge', 'part-1', 'part-2', 'part-3', '--out', 'merged'], dir)).code).toBe(0);
    expect((await runCli(['verify', 'merged'], dir)).code).toBe(0);
  });
});

describe('the layout', () => {
  it.each([
    ['columns for two or three languages on A4', "  - id: he-ar-en\n    languages: [he, ar, en]\n", 'a4', 'columns'],
    ['stacked on A5', "  - id: he-ar-en\n    languages: [he, ar, en]\n", 'a5', 'stacked'],
    ['stacked for more than three languages', "  - id: he-ar-en-es\n    languages: [he, ar, en, es]\n", 'a4', 'stacked'],
    ['stacked when the edition says so', "  - id: en-es\n    languages: [en, es]\n    layout: stacked\n", 'a4', 'stacked'],
    ['columns on A5 when the edition says so', "  - id: en-es\n    languages: [en, es]\n    layout: columns\n", 'a5', 'columns'],
  ])('is %s', async (_, editions, paper, layout) => {
    const dir = await makeProject({ 'broadside.yaml': withEditions(editions).replace('paper: a4', `paper: ${paper}`) });
    await built(dir, ...HTML);
    const id = /id: (\S+)/.exec(editions)![1]!;
    expect(await page(dir, id)).toContain(`data-layout="${layout}"`);
  });
});
