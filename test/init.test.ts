import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './helpers.js';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'broadside-init-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});
const tree = async (dir: string): Promise<string[]> => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();

describe('broadside init', () => {
  it('starts a project that status, check and build accept, with a translation file per language listing every passage', async () => {
    const result = await runCli(['init', 'ours', '--lang', 'he,ar,FR'], base, { SOURCE_DATE_EPOCH: '1767225600' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      ['broadside.yaml', 'statements/our-statement.md', 'translations/he.yaml', 'translations/ar.yaml', 'translations/fr.yaml', '.gitignore'].map((f) => `Created ours/${f}\n`).join(''),
    );
    const project = join(base, 'ours');
    expect(await tree(project)).toEqual(['.gitignore', 'broadside.yaml', 'statements/our-statement.md', 'translations/ar.yaml', 'translations/fr.yaml', 'translations/he.yaml']);
    expect(parse(await readFile(join(project, 'broadside.yaml'), 'utf8'))).toEqual({ sourceLanguage: 'en', languages: [{ code: 'en' }, { code: 'he' }, { code: 'ar' }, { code: 'fr' }], output: 'dist', pdf: { paper: 'a4' } });
    expect(await readFile(join(project, 'statements/our-statement.md'), 'utf8')).toContain('date: 2026-01-01\n');
    expect((await readFile(join(project, '.gitignore'), 'utf8')).split('\n')).toEqual(expect.arrayContaining(['/dist/', '/review/', '/xliff/', '/release/', 'node_modules/']));

    const status = await runCli(['status', '--json'], project);
    expect(status.code).toBe(0);
    const he = JSON.parse(status.stdout).statements[0].languages.find((l: { lang: string }) => l.lang === 'he');
    expect(he.segments).toMatchObject({ total: 6, missing: 6 });
    expect((await runCli(['check'], project)).code).toBe(0);
    expect((await runCli(['sync', '--check'], project)).code).toBe(0);
    const build = await runCli(['build', '--format', 'html,txt', '-q'], project);
    expect(build).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readFile(join(project, 'dist/our-statement/fr/our-statement.fr.txt'), 'utf8')).toContain('Our Statement');
  });

  it('writes the GitHub Actions workflow when asked, into the current folder by default', async () => {
    const result = await runCli(['init', '--github-actions'], base);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created .github/workflows/broadside.yml\n');
    const workflow = parse(await readFile(join(base, '.github/workflows/broadside.yml'), 'utf8'));
    expect(workflow.jobs.build.steps.map((s: { run?: string }) => s.run).filter(Boolean)).toEqual([
      'npm ci',
      'npx broadside browser --install',
      'npx broadside status',
      'npx broadside check --format github',
      'npx broadside build',
    ]);
    expect(parse(await readFile(join(base, 'broadside.yaml'), 'utf8')).languages).toEqual([{ code: 'en' }]);
  });

  it('refuses to replace any file, writing nothing, and adds only the missing lines to a .gitignore', async () => {
    await writeFile(join(base, 'package.json'), '{}\n');
    await writeFile(join(base, '.gitignore'), 'node_modules/\n*.log');
    expect((await runCli(['init', '.', '--lang', 'he'], base)).code).toBe(0);
    expect(await readFile(join(base, '.gitignore'), 'utf8')).toBe('node_modules/\n*.log\n/dist/\n/review/\n/xliff/\n/release/\n');
    const before = await tree(base);
    const config = await readFile(join(base, 'broadside.yaml'), 'utf8');

    const again = await runCli(['init', '.', '--lang', 'he,ar', '--github-actions'], base);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^error: \. already has broadside\.yaml, statements\/our-statement\.md, translations\/he\.yaml, so nothing was written\n/);
    expect(await tree(base)).toEqual(before);
    expect(await readFile(join(base, 'broadside.yaml'), 'utf8')).toBe(config);
  });

  it('refuses language codes that are not BCP 47, the source language and repeats, before writing anything', async () => {
    for (const [lang, message] of [['he,../x', '"../x" is not a BCP 47 language code'], ['en,fr', '"en" is the source language'], ['fr,fr', '"fr" is listed twice']]) {
      const result = await runCli(['init', 'p', '--lang', lang!], base);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(await readdir(base)).toEqual([]);
  });
});
