import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, readText, REPO, runCli } from './helpers.js';

/** The Hebrew file with one paragraph removed and one made from an older English source. */
async function incompleteHebrew(): Promise<string> {
  return (await readText(join(REPO, 'translations/he.yaml')))
    .replace(/  working-together:\n(?: {6}.*\n)+/, '')
    .replace(/(  our-values:\n      source: >-\n        )We believe/, '$1We used to believe');
}

describe('a language with missing and stale segments', () => {
  it('is still built, with the English original marked in its place and a warning for each', async () => {
    const project = await makeProject({ 'translations/he.yaml': await incompleteHebrew() });
    const result = await runCli(['build', '--format', 'html,txt', '--lang', 'he'], project);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: translations\/he\.yaml:\d+:\d+: mission-statement\/he: "working-together" is not translated/);
    expect(result.stderr).toMatch(/warning: translations\/he\.yaml:\d+:\d+: mission-statement\/he: "our-values" is out of date/);
    const html = await readFile(join(project, 'dist/mission-statement/he/index.html'), 'utf8');
    expect(html).toContain('<p lang="en" dir="ltr" data-script="Latn" class="fallback"><strong class="fallback-note" lang="he" dir="rtl" data-script="Hebr">טרם תורגם.');
    // Capitalised words carry their break points in a name span (see src/render/typeset.ts).
    const unnamed = html.replace(/<span class="name">([^<]*)<\/span>/g, '$1').replaceAll('\u00AD', '');
    expect(unnamed).toMatch(/class="fallback"><strong class="fallback-note"[^>]*>[^<]+<\/strong> The International Progressive Jewish Network aspires/);
    // The English passage keeps English hyphenation on the Hebrew page.
    expect(html).toMatch(/class="fallback"><strong class="fallback-note"[^>]*>[^<]+<\/strong> We be\u00ADlieve in the deep val\u00ADues/);
    const text = await readFile(join(project, 'dist/mission-statement/he/mission-statement.he.txt'), 'utf8');
    expect(text).toContain('\nThe International Progressive Jewish Network aspires');
  });

  it('fails the build with --strict, writing nothing', async () => {
    const project = await makeProject({ 'translations/he.yaml': await incompleteHebrew() });
    const result = await runCli(['build', '--format', 'html,txt', '--strict'], project);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('2 segment(s) are not translated or out of date');
    await expect(readFile(join(project, 'dist/index.html'))).rejects.toThrow(/ENOENT/);
  });
});

describe('a translation whose markup or placeholders are broken', () => {
  const broken = async (): Promise<string> => {
    let fr = await readText(join(REPO, 'translations/fr.yaml'));
    fr = fr.replace('text: "Publié le {{date}}"', 'text: "Publié le {{datum}}"');
    fr = fr.replace(/(  who-we-are:\n      source: >-\n        .*\n      text: >-\n        .*)/, '$1 Voir <b>ceci</b>.');
    // A number changed: a check error that is not about markup, so the translation is still published.
    fr = fr.replace(/(  our-values:\n      source: >-\n        .*\n      text: >-\n        )/, '$1En 2021, ');
    expect(fr.match(/\{\{datum\}\}|<b>ceci<\/b>|En 2021, /g)).toHaveLength(3);
    return makeProject({ 'translations/fr.yaml': fr });
  };

  it('is replaced by the English, marked, in a build without --strict; other check errors stay warnings', async () => {
    const project = await broken();
    const result = await runCli(['build', '--format', 'html,txt', '--lang', 'fr'], project);
    expect(result.code, result.stderr).toBe(0);
    const page = await readText(join(project, 'dist/mission-statement/fr/index.html'));
    expect(page).not.toContain('{{datum}}');
    expect(page).not.toContain('ceci');
    expect(page.replace(/<span class="name">([^<]*)<\/span>/g, '$1').replaceAll('\u00AD', '')).toMatch(/<p lang="en" dir="ltr"[^>]*class="fallback"><strong class="fallback-note"[^>]*>[^<]*<\/strong> The International Progressive Jewish network/);
    expect(page).toContain('En 2021, ');
    const text = await readText(join(project, 'dist/mission-statement/fr/mission-statement.fr.txt'));
    expect(text).not.toMatch(/\{\{datum\}\}|ceci/);
    expect(result.stderr).toMatch(/warning: .*placeholders differ.*The English original is published in its place\./);
    expect(result.stderr).toMatch(/warning: .*raw HTML.*The English original is published in its place\./i);
    expect(result.stderr).toMatch(/warning: .*numbers differ/);
  });

  it('fails a --strict build (exit 6)', async () => {
    const result = await runCli(['build', '--format', 'html', '--lang', 'fr', '--strict'], await broken());
    expect(result.code).toBe(6);
    expect(result.stderr).not.toContain('published in its place');
  });
});
