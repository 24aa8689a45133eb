/** Mistakes a user makes at the command line or in the environment, and what Broadside says about them. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { makeProject, runCli, tempDir } from './helpers.js';

describe('SOURCE_DATE_EPOCH', () => {
  for (const [value, why] of [
    ['99999999999999', 'is later than the latest date an archive can hold'],
    ['1.6e9', 'is not a whole number of seconds since 1970-01-01 UTC'],
    ['-1', 'is not a whole number'],
    ['2020-02-11', 'is not a whole number'],
  ] as const) {
    it(`=${value} is refused by build, review and release alike, before anything is written`, async () => {
      const project = await makeProject();
      for (const args of [['build', '--format', 'html,txt'], ['review', 'he', '--no-pdf'], ['release', '--out', 'release']]) {
        const result = await runCli(args, project, { SOURCE_DATE_EPOCH: value });
        expect(result.code, `${args[0]}: ${result.stderr}`).toBe(ExitCode.usage);
        expect(result.stderr).toContain(`error: SOURCE_DATE_EPOCH="${value}" ${why}`);
        expect(result.stderr).toContain('SOURCE_DATE_EPOCH=1581379200');
        expect(result.stderr).not.toMatch(/internal error|Invalid time value/);
      }
      expect((await readdir(project)).filter((name) => name === 'dist' || name === 'release')).toEqual([]);
    });
  }

  it('empty is the same as unset', async () => {
    const project = await makeProject();
    expect((await runCli(['build', '--format', 'txt', '--quiet'], project, { SOURCE_DATE_EPOCH: '' })).code).toBe(0);
  });
});

describe('the command line', () => {
  it('takes --paper in any case (A4, Letter)', async () => {
    const project = await makeProject();
    for (const paper of ['A4', 'Letter']) {
      const result = await runCli(['build', '--format', 'txt', '--paper', paper, '--quiet'], project);
      expect(result.code, result.stderr).toBe(0);
    }
    const wrong = await runCli(['build', '--paper', 'A3'], project);
    expect(wrong.code).toBe(ExitCode.usage);
    expect(wrong.stderr).toContain('"A3" is not a paper size Broadside knows; choose from a4, letter, legal, a5.');
  });

  it('with --json prints a JSON summary on stdout for a usage error too', async () => {
    const project = await makeProject();
    for (const args of [['build', '--json', '--paper', 'A3'], ['build', '--json', '--format', 'docx'], ['build', '--json', '--shard', '4/3']]) {
      const result = await runCli(args, project);
      expect(result.code).toBe(ExitCode.usage);
      const summary = JSON.parse(result.stdout);
      expect(summary).toMatchObject({ ok: false, exitCode: ExitCode.usage, error: { message: expect.stringContaining(args[3]!) } });
      expect(summary.error.message).not.toMatch(/^error:/);
    }
  });

  it('status --json prints a JSON failure on stdout for a usage error and for a failure before its report', async () => {
    const project = await makeProject();
    const usage = await runCli(['status', '--json', '--min', '120'], project);
    expect(usage.code).toBe(ExitCode.usage);
    expect(JSON.parse(usage.stdout)).toMatchObject({ schemaVersion: 1, ok: false, exitCode: ExitCode.usage, error: { message: expect.stringContaining('percentage') } });
    const unknown = await runCli(['status', '--json', '--lang', 'xx'], project);
    expect(unknown.code).not.toBe(ExitCode.ok);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ ok: false, exitCode: unknown.code, error: { message: expect.stringContaining('xx') } });
    expect(unknown.stderr).toMatch(/^error: /);
  });

  it('verify of a folder that does not exist says so', async () => {
    const project = await makeProject();
    const result = await runCli(['verify', 'no-such-build'], project);
    expect(result.code).toBe(ExitCode.verifyFailed);
    expect(result.stderr).toMatch(/^error: the folder \S*no-such-build does not exist/);
    expect(result.stderr).not.toContain('manifest.json in');
  });

  it('--strict does not claim that English is published in place of a missing translation', async () => {
    const project = await makeProject();
    const fr = join(project, 'translations/fr.yaml');
    await writeFile(fr, (await readFile(fr, 'utf8')).replace(/(  who-we-are:\n      source: >-\n        .*\n      text: )>-\n        .*/, '$1""'));
    const strict = await runCli(['build', '--format', 'txt', '--strict', '--lang', 'fr'], project);
    expect(strict.code).toBe(ExitCode.incomplete);
    expect(strict.stderr).toContain('with --strict nothing is published until it is translated');
    expect(strict.stderr).not.toContain('published in its place');
    const lenient = await runCli(['build', '--format', 'txt', '--lang', 'fr'], project);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('the English original is published in its place');
  });

  it('echoes a path typed as absolute as it was typed', async () => {
    const project = await makeProject();
    const elsewhere = join(await tempDir('xliff'), 'he.xlf');
    const exported = await runCli(['xliff', 'export', 'he', '--out', elsewhere], project);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`to ${elsewhere} (XLIFF 1.2)`);
    await writeFile(elsewhere, 'not xml');
    const imported = await runCli(['xliff', 'import', elsewhere], project);
    expect(imported.code).not.toBe(0);
    expect(imported.stderr).toContain(`error: ${elsewhere}`);
    expect(imported.stderr).not.toContain('../');
  });
});

describe('a language just added', () => {
  it('is named in itself in every language switcher and the index, before anyone translates its name', async () => {
    const project = await makeProject();
    for (const code of ['fa', 'pt-BR']) expect((await runCli(['add-lang', code], project)).code).toBe(0);
    const result = await runCli(['build', '--format', 'html', '--quiet'], project);
    expect(result.code, result.stderr).toBe(0);
    for (const page of ['index.html', 'mission-statement/fr/index.html', 'mission-statement/fa/index.html']) {
      // The index's lines for the parallel editions name their languages again.
      const html = (await readFile(join(project, 'dist', page), 'utf8')).replace(/<li class="parallel">.*<\/li>\n/g, '');
      expect(html, page).toMatch(/lang="fa" dir="rtl"( data-script="Arab")?>فارسی</);
      expect(html, page).toMatch(/lang="pt-BR" dir="ltr"( data-script="Latn")?>Português</);
      expect(html.match(/>\s*English\s*</g) ?? [], page).toHaveLength(1);
    }
  });

  it('shows its untranslated interface strings in English tagged as English, the date inside kept whole in its own language', async () => {
    const project = await makeProject();
    expect((await runCli(['add-lang', 'fa'], project)).code).toBe(0);
    expect((await runCli(['build', '--format', 'html,txt', '--quiet'], project)).code).toBe(0);
    const page = await readFile(join(project, 'dist/mission-statement/fa/index.html'), 'utf8');
    expect(page).toContain('<time datetime="2020-02-11"><span lang="en" dir="ltr" data-script="Latn">Published <span lang="fa" dir="rtl">۲۲ بهمن ۱۳۹۸</span></span></time>');
    expect(page).toContain('type="text/plain"><span lang="en" dir="ltr" data-script="Latn">Plain text</span></a>');
    expect(page).toContain('<strong class="fallback-note" lang="en" dir="ltr" data-script="Latn">Not yet translated.');
    // A translated edition's interface strings carry no such tag.
    const hebrew = await readFile(join(project, 'dist/mission-statement/he/index.html'), 'utf8');
    expect(hebrew).toMatch(/<time datetime="2020-02-11">[^<]+<\/time>/);
  });
});

describe('a per-language date style', () => {
  const configWith = (extra: Record<string, string>): string =>
    `sourceLanguage: en\nlanguages:\n  - code: en\n  - code: he\n  - code: ar\n    numbering: arab\n${extra.ar ?? ''}  - code: es\n  - code: fr\n  - code: fa\n${extra.fa ?? ''}`;

  it('writes Persian in the Solar Hijri calendar by default, or Gregorian when asked; Arabic with Levantine month names', async () => {
    const project = await makeProject({ 'broadside.yaml': configWith({}) });
    expect((await runCli(['build', '--format', 'html', '--quiet'], project)).code).toBe(0);
    expect(await readFile(join(project, 'dist/mission-statement/fa/index.html'), 'utf8')).toContain('۲۲ بهمن ۱۳۹۸');
    expect(await readFile(join(project, 'dist/mission-statement/ar/index.html'), 'utf8')).toContain('١١ فبراير ٢٠٢٠');

    await writeFile(join(project, 'broadside.yaml'), configWith({ fa: '    date:\n      calendar: gregory\n', ar: '    date:\n      locale: ar-SY\n' }));
    const result = await runCli(['build', '--format', 'html', '--quiet'], project);
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(project, 'dist/mission-statement/fa/index.html'), 'utf8')).toContain('۱۱ فوریهٔ ۲۰۲۰');
    const arabic = await readFile(join(project, 'dist/mission-statement/ar/index.html'), 'utf8');
    expect(arabic).toContain('١١ شباط ٢٠٢٠');
    expect(arabic).not.toContain('فبراير');
  });

  it('refuses a calendar Broadside does not know and month names of another language, at their line', async () => {
    for (const [extra, message] of [
      [{ fa: '    date:\n      calendar: solar\n' }, '`languages.5.date.calendar`: must be one of: buddhist,'],
      [{ ar: '    date:\n      locale: fa-IR\n' }, '`languages.2.date.locale`: must be a form of ar itself'],
    ] as const) {
      const result = await runCli(['build', '--format', 'html'], await makeProject({ 'broadside.yaml': configWith(extra) }));
      expect(result.code).toBe(ExitCode.config);
      expect(result.stderr).toMatch(/^error: broadside\.yaml:\d+:\d+: /);
      expect(result.stderr).toContain(message);
    }
  });
});

describe('build --watch and preview', () => {
  it('print each warning with its file, line and column', async () => {
    const { reportRebuilds } = await import('../src/cli/rebuild-report.js');
    let stderr = '';
    const proc = { stdout: { write: () => true }, stderr: { write: (s: string) => ((stderr += s), true) }, env: {}, cwd: () => '/' };
    const warning = { check: 'missing', severity: 'warning' as const, file: 'translations/fr.yaml', line: 51, column: 5, message: 'mission-statement/fr: "who-we-are" is not translated' };
    const result = { outDir: 'dist', changed: true, languages: ['fr'], artifacts: [], warnings: [warning], manifest: undefined as never, timings: undefined as never };
    reportRebuilds(proc).onResult!(result, { changed: [], durationMs: 100 } as never);
    expect(stderr).toContain('warning: translations/fr.yaml:51:5: mission-statement/fr: "who-we-are" is not translated\n');
  });
});
