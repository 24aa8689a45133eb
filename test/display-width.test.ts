import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/render/display-width.js';
import { makeProject, REPO, spawnCli } from './helpers.js';

describe('display width', () => {
  it.each([
    ['Latin with accents', 'Déclaration de misión', 21],
    ['Hebrew with points and a right-to-left mark', '\u200Fשָׁלוֹם', 4],
    ['Arabic with harakat', 'سَلَام', 4],
    ['CJK, two columns each', '漢字テキスト', 12],
    ['an emoji family joined by ZWJ, one cluster', '👨‍👩‍👧', 2],
    ['Latin and CJK mixed', 'IPJN 漢字', 9],
  ])('counts %s', (_, text, columns) => {
    expect(displayWidth(text)).toBe(columns);
  });

  it('builds plain text from a statement in wide scripts within the column limit, from the bundled CLI', async () => {
    const source = await readFile(join(REPO, 'statements/mission-statement.md'), 'utf8');
    const wide = source.replace('The International Progressive Jewish network comprises', '漢字テキストの長い行 👨‍👩‍👧 漢字テキストの長い行 漢字テキストの長い行 The International Progressive Jewish network comprises');
    const project = await makeProject({ 'statements/mission-statement.md': wide });
    const result = await spawnCli(['build', '--format', 'txt', '--lang', 'en'], project);
    expect(result.stderr).not.toMatch(/Warning|Error/);
    expect(result.code).toBe(0);
    const text = await readFile(join(project, 'dist/mission-statement/en/mission-statement.en.txt'), 'utf8');
    expect(text).toContain('👨‍👩‍👧');
    for (const line of text.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(72);
  });
});
