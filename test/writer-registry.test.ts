import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeProject, runCli } from './helpers.js';

// A format added as the registry's documentation says: one writer, one line in WRITERS.
vi.mock('../src/writers/registry.js', async (original) => {
  const module = await original<typeof import('../src/writers/registry.js')>();
  const { textKey } = await import('../src/build/keys.js');
  const { plainText } = await import('../src/render/inline.js');
  const headings: import('../src/writers/writer.js').Writer = {
    needsBrowser: false,
    download: { mediaType: 'text/plain', label: 'downloadText' },
    parallel: false,
    cost: 0,
    render: (_, doc) => `${doc.statement.blocks.flatMap((b) => (b.type === 'heading' ? [plainText(doc.segment(b.segment).inline)] : [])).join('\n')}\n`,
    cacheKey: (version, { text }) => textKey(version, 'toc', text!),
  };
  const WRITERS = { ...module.WRITERS, toc: headings };
  return { ...module, WRITERS, FORMATS: Object.keys(WRITERS) };
});

const projects: string[] = [];
afterAll(async () => {
  for (const dir of projects) await rm(dir, { recursive: true, force: true });
});

describe('a format added to the writer registry', () => {
  it('is built, chosen with --format, linked from the page and listed in the manifest', async () => {
    const statement = '---\ntitle: Headings\ndate: 2020-02-11\n---\n\n## First part\n\nText.\n\n## Second part\n\nMore text.\n';
    const project = await makeProject({ 'broadside.yaml': 'sourceLanguage: en\nlanguages:\n  - code: en\n', 'statements/headings.md': statement }, { shipped: false });
    projects.push(project);
    const result = await runCli(['build', '--format', 'html,toc'], project);
    expect(result.stderr).toMatch(/^Wrote \d+ files to \S+dist\n$/);
    expect(result.code).toBe(0);
    expect(await readFile(join(project, 'dist/headings/en/headings.en.toc'), 'utf8')).toBe('First part\nSecond part\n');
    expect(existsSync(join(project, 'dist/headings/en/headings.en.txt'))).toBe(false);
    expect(await readFile(join(project, 'dist/headings/en/index.html'), 'utf8')).toContain('href="headings.en.toc"');
    const manifest = JSON.parse(await readFile(join(project, 'dist/manifest.json'), 'utf8'));
    expect(manifest.artifacts.map((a: { path: string; format: string }) => [a.path, a.format])).toEqual([
      ['headings/en/headings.en.toc', 'toc'],
      ['headings/en/index.html', 'html'],
    ]);
  });
});
