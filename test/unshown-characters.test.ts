import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { subsetRanges, type FontFamily } from '../src/render/fonts.js';
import { makeProject, runCli } from './helpers.js';

const CONFIG = 'sourceLanguage: en\nlanguages:\n  - code: en\n  - code: ja\n';
const STATEMENT = '---\ntitle: On Water\ndate: 2024-05-03\n---\n\nEvery city needs a flood map. <!-- #maps -->\n';
const JAPANESE = '洪水マップ';
/** A whole translation (a --strict build refuses an incomplete one before printing). */
const INTERFACE: [key: string, source: string, text: string][] = [
  ['languageName', 'English', '日本語'],
  ['languagesLabel', 'This statement in other languages', 'この声明の他の言語版'],
  ['published', 'Published {{date}}', '{{date}}発表'],
  ['pageOf', 'Page {{page}} of {{pages}}', '{{page}} / {{pages}} ページ'],
  ['downloadPdf', 'PDF for printing', '印刷用PDF'],
  ['downloadText', 'Plain text', 'テキスト'],
  ['untranslatedNote', 'Not yet translated. The English original is shown.', '未翻訳です。英語の原文を表示しています。'],
  ['staleNote', 'The translation of this passage is out of date. The current English original is shown.', 'この箇所の翻訳は古くなっています。現在の英語の原文を表示しています。'],
  ['linksHeading', 'Links', 'リンク'],
  ['previewRebuilt', 'Rebuilt at {{time}} in {{seconds}} s', '{{time}}に{{seconds}}秒で再構築'],
  ['previewPdfPending', 'The PDF is being made…', 'PDFを作成中です…'],
];
const TRANSLATION = stringify({
  language: 'ja',
  interface: Object.fromEntries(INTERFACE.map(([key, source, text]) => [key, { source, text }])),
  statements: { 'on-water': { title: { source: 'On Water', text: '水について' }, maps: { source: 'Every city needs a flood map.', text: `すべての都市に${JAPANESE}が必要です。` } } },
});

/** Whether this machine has a font for Japanese, which Chromium would find through fontconfig. */
async function japaneseFontInstalled(): Promise<boolean> {
  const { stdout } = await promisify(execFile)('fc-list', [':lang=ja', 'family']).catch(() => ({ stdout: '' }));
  return stdout.trim() !== '';
}

describe('characters no font has', () => {
  it('are left to the machine’s fonts: each subset is declared with the characters it is made for', () => {
    const family = { package: 'x', subsets: ['latin'], weights: [400], italic: false } satisfies FontFamily;
    const css = `@font-face { src: url(./files/x-latin-400-normal.woff2); unicode-range: U+0000-00FF,U+2000-206F; }
@font-face { src: url(./files/x-cyrillic-400-normal.woff2); unicode-range: U+0400-045F; }`;
    expect([...subsetRanges(css, family)]).toEqual([['latin', 'U+0000-00FF,U+2000-206F']]);
  });

  it('are reported with where they are written and how to get a font for them, and fail a --strict build', async () => {
    const project = await makeProject({ 'broadside.yaml': CONFIG, 'statements/on-water.md': STATEMENT, 'translations/ja.yaml': TRANSLATION }, { shipped: false });
    const built = await runCli(['build', '--lang', 'ja', '--json'], project, { PATH: process.env.PATH });
    expect(built.code, built.stderr).toBe(0);
    const warnings = (JSON.parse(built.stdout) as { warnings: { check: string; file: string; line: number; column: number; message: string }[] }).warnings.filter((w) => w.check === 'unshown-characters');
    const strict = await runCli(['build', '--lang', 'ja', '--strict', '--out', 'strict'], project, { PATH: process.env.PATH });
    if (await japaneseFontInstalled()) {
      // Chromium draws them with the machine's font: nothing to report.
      expect(warnings).toEqual([]);
      expect(strict.code, strict.stderr).toBe(0);
      return;
    }
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    expect(warning!.file).toBe('translations/ja.yaml');
    const listed = /has them: (.+?)(?: …)?\. How to fix/.exec(warning!.message)![1]!.split(' ');
    expect(listed.length).toBeGreaterThanOrEqual(10);
    // Each from the translation, or from the date as Japanese writes it (2024年5月3日).
    for (const char of listed) expect(`${TRANSLATION}年月日`).toContain(char);
    // At the entry that holds the first of them.
    expect(TRANSLATION.split('\n')[warning!.line - 1]).toContain(listed[0]);
    expect(warning!.message).toContain('on-water/ja/on-water.ja.pdf draws');
    expect(warning!.message).toContain('fonts-noto-cjk');
    expect(built.stderr).toContain(`warning: translations/ja.yaml:${warning!.line}:`);
    expect(strict.code).toBe(8);
    expect(strict.stderr).toContain('would draw characters as empty boxes');
    expect(strict.stderr).toContain('How to fix: install a font');
    expect(existsSync(join(project, 'strict'))).toBe(false);
  });

  it('are not reported for an edition that Broadside’s fonts set whole', async () => {
    const project = await makeProject({ 'broadside.yaml': 'sourceLanguage: en\nlanguages:\n  - code: en\n', 'statements/on-water.md': STATEMENT }, { shipped: false });
    const built = await runCli(['build', '--json'], project, { PATH: process.env.PATH });
    expect(built.code, built.stderr).toBe(0);
    expect((JSON.parse(built.stdout) as { warnings: { check: string }[] }).warnings.filter((w) => w.check === 'unshown-characters')).toEqual([]);
  });
});
