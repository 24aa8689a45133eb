import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadProject } from '../src/io/project.js';
import { segmentStatuses, interfaceStatuses } from '../src/localize/statuses.js';
import { makeProject, readText, REPO, runCli } from './helpers.js';

const CONFIG = 'broadside.yaml';

describe('broadside add-lang', () => {
  it('adds the language to the config (comments kept) and creates its file with every passage to translate', async () => {
    const dir = await makeProject();
    const result = await runCli(['add-lang', 'de'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Added German \(de, left-to-right\) to broadside\.yaml; created translations\/de\.yaml: \d+ passage\(s\) to translate\.\n$/);
    expect(await readText(join(dir, CONFIG))).toBe((await readText(join(REPO, CONFIG))).replace('  - code: fr\n', '  - code: fr\n  - code: de\n'));

    const project = await loadProject(dir);
    const de = project.translations.get('de')!;
    const units = [...interfaceStatuses(project.interfaceStrings, de), ...segmentStatuses(project.statements[0]!, de)];
    expect(units.length).toBeGreaterThan(10);
    expect(units.every((u) => u.state === 'missing' && u.entry?.source === u.source)).toBe(true);
    expect(result.stdout).toContain(`${units.length} passage(s)`);
    expect((await runCli(['sync', '--check'], dir)).code).toBe(0);
  });

  it('writes a translation file a translator can read: a header and block texts in document order', async () => {
    const dir = await makeProject();
    await runCli(['add-lang', 'de'], dir);
    const text = await readText(join(dir, 'translations/de.yaml'));
    expect(text).toMatch(/^# Broadside translation: German \(de\), from English \(en\)\.\n/);
    expect(text).toContain('language: de\ninterface:\n  languageName:\n    source: English\n    text: ""\n');
    expect(text).toContain('statements:\n  mission-statement:\n    title:\n      source: >-\n        Mission Statement\n      text: ""\n');
    const parsed = parse(text) as { statements: Record<string, Record<string, unknown>> };
    expect(Object.keys(parsed.statements['mission-statement']!).at(-1)).toBe('working-together');
  });

  it('is included by build, status and check from then on, right-to-left languages with dir="rtl"', async () => {
    const dir = await makeProject();
    expect((await runCli(['add-lang', 'fa'], dir)).stdout).toContain('Persian (fa, right-to-left)');
    const build = await runCli(['build', '--format', 'html'], dir);
    expect(build.code, build.stderr).toBe(0);
    const page = await readText(join(dir, 'dist/mission-statement/fa/index.html'));
    expect(page).toMatch(/<html lang="fa" dir="rtl"/);

    const status = JSON.parse((await runCli(['status', '--json'], dir)).stdout) as { statements: Array<{ languages: Array<{ lang: string; percent: number }> }> };
    expect(status.statements[0]!.languages.find((l) => l.lang === 'fa')).toMatchObject({ percent: 0 });
    const check = JSON.parse((await runCli(['check', '--format', 'json'], dir)).stdout) as { languages: string[] };
    expect(check.languages).toContain('fa');
  });

  it('recognises other right-to-left languages', async () => {
    for (const code of ['ur', 'yi', 'ps', 'ckb']) {
      const dir = await makeProject();
      expect((await runCli(['add-lang', code], dir)).stdout).toContain('right-to-left');
    }
  });

  it('writes the code in its canonical form', async () => {
    const dir = await makeProject();
    expect((await runCli(['add-lang', 'pt-br'], dir)).code).toBe(0);
    expect(await readText(join(dir, CONFIG))).toContain('  - code: pt-BR\n');
    expect(await readText(join(dir, 'translations/pt-BR.yaml'))).toContain('language: pt-BR\n');
  });

  it.each([
    ['../x', 'not a BCP 47 language code'],
    ['/etc/passwd', 'not a BCP 47 language code'],
    ['de\u0000', 'not a BCP 47 language code'],
    ['de/../../x', 'not a BCP 47 language code'],
    ['german', 'not a BCP 47 language code'],
    ['en', 'is the source language'],
    ['he', 'is already configured'],
    ['HE', 'is already configured'],
    ['zz', '"zz" is not a language Broadside knows: the language "zz" is not in the Unicode CLDR data'],
    ['de-XX', 'the region "XX" is not in the Unicode CLDR data'],
    ['EN-us', '"en-US" is a variant of the source language en'],
    ['en-GB', '"en-GB" is a variant of the source language en'],
  ])('refuses %j before touching any file', async (code, message) => {
    const dir = await makeProject();
    const result = await runCli(['add-lang', code], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await readText(join(dir, CONFIG))).toBe(await readText(join(REPO, CONFIG)));
    expect((await readdir(join(dir, 'translations'))).sort()).toEqual(['ar.yaml', 'es.yaml', 'fr.yaml', 'he.yaml']);
  });

  it('keeps and completes a translation file that was already there', async () => {
    const dir = await makeProject();
    await writeFile(join(dir, 'translations/de.yaml'), '# from our translator\nlanguage: de\nstatements:\n  mission-statement:\n    title:\n      source: Mission Statement\n      text: Leitbild\n');
    expect((await runCli(['build', '--format', 'html'], dir)).stderr).toContain('broadside add-lang de');
    const result = await runCli(['add-lang', 'de'], dir);
    expect(result.stdout).toContain('kept and completed the existing translations/de.yaml');
    const text = await readText(join(dir, 'translations/de.yaml'));
    expect(text).toMatch(/^# from our translator\n/);
    expect((parse(text) as { statements: Record<string, Record<string, { text: string }>> }).statements['mission-statement']!.title!.text).toBe('Leitbild');
  });
});

describe('add-lang --force', () => {
  it('adds a code the CLDR data does not know, and still refuses a variant of the source language', async () => {
    const dir = await makeProject();
    const forced = await runCli(['add-lang', 'zz', '--force'], dir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readText(join(dir, CONFIG))).toContain('  - code: zz\n');
    const variant = await runCli(['add-lang', 'en-US', '--force'], dir);
    expect(variant.code).toBe(2);
    expect(variant.stderr).toContain('is a variant of the source language en');
  });
});
