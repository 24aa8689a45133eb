import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build/build.js';
import { loadProject } from '../src/io/project.js';
import { statusLines } from '../src/preview/status-strings.js';
import { makeProject, REPO, runCli } from './helpers.js';

/** The shipped Hebrew translation without the interface strings only the preview shows. */
async function hebrewWithoutPreviewStrings(): Promise<string> {
  const text = await readFile(join(REPO, 'translations/he.yaml'), 'utf8');
  const without = text.replace(/ {2}previewRebuilt:\n(?: {4}.*\n)+ {2}previewPdfPending:\n(?: {4}.*\n)+/, '');
  expect(without).not.toContain('previewRebuilt');
  return without;
}

describe('the preview status line', () => {
  it('is in the language of the page, with its numbers as the language writes them', async () => {
    const root = await makeProject();
    const result = await build({ root, formats: ['html', 'txt'] });
    const lines = statusLines(await loadProject(root), result, { finishedAt: new Date(2026, 0, 2, 14, 3, 7), durationMs: 1234, pdfPending: false, number: 7 });
    expect(lines.get('mission-statement/fr/index.html')).toContain('<span class="rebuilt">Régénéré à 14:03:07 en 1,2\u00a0s</span> · <a href="mission-statement.fr.txt?rebuild=7">Texte brut</a>');
    expect(lines.get('mission-statement/ar/index.html')).toMatch(/lang="ar" dir="rtl"><span class="rebuilt">أُعيد البناء الساعة [^<]*٠٣:٠٧[^<]* خلال ١٫٢ ثانية<\/span>/);
    expect(lines.get('mission-statement/en/index.html')).toMatch(/Rebuilt at 2:03:07\sPM in 1\.2 s/);
  });

  it('says a PDF is being made while its page is newer than it', async () => {
    const root = await makeProject();
    const result = await build({ root, formats: ['html', 'txt'] });
    const withPdf = { ...result, artifacts: [...result.artifacts, { ...result.artifacts[0]!, path: 'mission-statement/es/mission-statement.es.pdf', lang: 'es', format: 'pdf' as const, status: 'kept' as const }] };
    const lines = statusLines(await loadProject(root), withPdf, { finishedAt: new Date(), durationMs: 300, pdfPending: true, number: 1 });
    expect(lines.get('mission-statement/es/index.html')).toContain('<span class="pending">El PDF se está generando…</span>');
  });

  it('falls back to English where its strings are not translated, without a warning or failing a strict build', async () => {
    const root = await makeProject({ 'translations/he.yaml': await hebrewWithoutPreviewStrings() });
    const strict = await runCli(['build', '--strict', '--format', 'html,txt', '--lang', 'he'], root);
    expect(strict.code, strict.stderr).toBe(0);
    expect(strict.stderr).not.toContain('preview');
    const result = await build({ root, formats: ['html', 'txt'] });
    const lines = statusLines(await loadProject(root), result, { finishedAt: new Date(), durationMs: 300, pdfPending: false, number: 1 });
    expect(lines.get('mission-statement/he/index.html')).toMatch(/lang="he" dir="rtl"><span class="rebuilt">Rebuilt at .* in 0\.3 s<\/span> · <a href="mission-statement\.he\.txt\?rebuild=1">טקסט פשוט<\/a>/);
  });
});
