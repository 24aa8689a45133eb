import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error the layout check is plain JavaScript, run by itself as well (node test/layout/layout-check.js)
import { measureEdition } from './layout/layout-check.js';
import { makeProject, REPO, runCli } from './helpers.js';

const projects: string[] = [];
afterAll(async () => {
  for (const dir of projects) await rm(dir, { recursive: true, force: true });
});

/**
 * A statement of many pages in one language: the shipped statement's paragraphs in that language,
 * in sections, each section in another order, so that the pages end at many different places.
 */
async function longStatement(lang: string): Promise<string> {
  const file = parse(await readFile(join(REPO, 'translations', 'fr.yaml'), 'utf8'));
  const entries = Object.values(file.statements['mission-statement']) as { source: string; text: string }[];
  const paragraphs = entries.filter((e) => e.source.length > 200).map((e) => (lang === 'en' ? e.source : e.text));
  if (lang !== 'en' && lang !== 'fr') {
    const other = parse(await readFile(join(REPO, 'translations', `${lang}.yaml`), 'utf8'));
    paragraphs.splice(0, paragraphs.length, ...(Object.values(other.statements['mission-statement']) as { source: string; text: string }[]).filter((e) => e.source.length > 200).map((e) => e.text));
  }
  const sections = Array.from({ length: 5 }, (_, s) => {
    const order = paragraphs.map((_, k) => paragraphs[(k * (s + 2)) % paragraphs.length]!);
    return [`## ${s + 1} <!-- #section-${s} -->`, ...order.map((text, k) => `${text} <!-- #p-${s}-${k} -->`)].join('\n\n');
  });
  return `---\ntitle: Long statement\ndate: 2020-02-11\n---\n\n${sections.join('\n\n')}\n`;
}

describe.each(['en', 'es', 'fr'])('a statement of many pages in %s, on A5', (lang) => {
  it('ends no page but the last on a hyphenated line', async () => {
    const project = await makeProject(
      {
        'broadside.yaml': `sourceLanguage: ${lang}\nlanguages:\n  - code: ${lang}\npdf:\n  paper: a5\n`,
        'statements/long.md': await longStatement(lang),
      },
      { shipped: false },
    );
    projects.push(project);
    const result = await runCli(['build', '--format', 'html,pdf'], project, { PATH: process.env.PATH });
    expect(result.stderr).toMatch(/PDF pages: \w+ \d+/);
    expect(result.code).toBe(0);
    const m = measureEdition(join(project, 'dist', 'long', lang, `long.${lang}.pdf`));
    expect(m.pages).toBeGreaterThanOrEqual(8);
    expect(m.hyphenationBreaks).toBeGreaterThan(20);
    expect(m.pageEndHyphens).toEqual([]);
  }, 180_000);
});
