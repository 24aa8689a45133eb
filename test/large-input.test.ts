import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { makeProject, readText, REPO, runCli } from './helpers.js';

/** Seconds a 1 MB statement may take as HTML and text in five languages; measured about 3 s (docs/benchmarks.md, "Large input"). */
const LIMIT_SECONDS = 15;

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

it(`builds a 1 MB statement as HTML and plain text in every language within ${LIMIT_SECONDS} s`, async () => {
  const { text, parts } = await largeStatement(1_000_000);
  expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(1_000_000);
  const project = await makeProject({ 'statements/large.md': text });
  const started = performance.now();
  const result = await runCli(['build', 'large', '--format', 'html,txt', '--quiet'], project);
  const seconds = (performance.now() - started) / 1000;
  expect(result.code, result.stderr).toBe(0);
  expect(seconds).toBeLessThan(LIMIT_SECONDS);
  for (const lang of ['en', 'he', 'ar', 'es', 'fr']) {
    for (const format of ['html', 'txt']) {
      const file = format === 'html' ? `large/${lang}/index.html` : `large/${lang}/large.${lang}.txt`;
      expect(await readFile(join(project, 'dist', file), 'utf8'), file).toMatch(new RegExp(`Part ${parts - 1}\\b[\\s\\S]*Last words\\.`));
    }
  }
}, 120_000);
