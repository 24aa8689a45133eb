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
    expect(html).toContain('<p lang="en" dir="ltr" data-script="Latn" class="fallback"><span class="fallback-note" lang="he" dir="rtl" data-script="Hebr">טרם תורגם.');
    expect(html).toMatch(/class="fallback"><span class="fallback-note"[^>]*>[^<]+<\/span> The International Progressive Jewish Network aspires/);
    // The English passage keeps English hyphenation on the Hebrew page.
    expect(html).toMatch(/class="fallback"><span class="fallback-note"[^>]*>[^<]+<\/span> We believe in the deep val\u00ADues/);
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
