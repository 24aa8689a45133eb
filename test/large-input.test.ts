import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { makeProject, readText, REPO, runCli } from './helpers.js';

/** About `bytes` of the shipped statement's paragraphs, with headings, emphasis, links and lists between them. */
async function largeStatement(bytes: number): Promise<{ text: string; parts: number }> {
  const paragraphs = (await readText(join(REPO, 'statements/mission-statement.md')))
    .split(/\n\n/)
    .slice(1)
    .map((p) => p.replace(/<!--.*?-->/g, '').trim())
    .filter(Boolean);
  let body = '';
  let parts = 0;
  for (; body.length < bytes; parts++) {
    body += `## Part ${parts}\n\n${paragraphs[parts % paragraphs.length]} *Section ${parts}* of [the text](https://example.org/${parts}).\n\n- point ${parts}\n- another point ${parts}\n\n`;
  }
  return { text: `---\ntitle: A Long Statement\ndate: 2020-02-11\n---\n\n${body}Last words.\n`, parts };
}

// How fast is for `npm run bench` (docs/benchmarks.md, "Large input"); a test on a shared machine asserts only what is built.
it('builds a 1 MB statement as HTML and plain text in every language, to its last words', async () => {
  const { text, parts } = await largeStatement(1_000_000);
  expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(1_000_000);
  const project = await makeProject({ 'statements/large.md': text });
  const result = await runCli(['build', 'large', '--format', 'html,txt', '--quiet'], project);
  expect(result.code, result.stderr).toBe(0);
  for (const lang of ['en', 'he', 'ar', 'es', 'fr']) {
    for (const format of ['html', 'txt']) {
      const file = format === 'html' ? `large/${lang}/index.html` : `large/${lang}/large.${lang}.txt`;
      expect(await readFile(join(project, 'dist', file), 'utf8'), file).toMatch(new RegExp(`Part ${parts - 1}\\b[\\s\\S]*Last words\\.`));
    }
  }
}, 600_000);
