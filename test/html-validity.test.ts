import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, runCli } from './helpers.js';

const vnuJar = join(createRequire(import.meta.url).resolve('vnu-jar/package.json'), '..', 'build/dist/vnu.jar');
let dist: string;

beforeAll(async () => {
  const project = await makeProject();
  expect((await runCli(['build', '--format', 'html,txt'], project)).code).toBe(0);
  dist = join(project, 'dist');
});

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((e) => e.endsWith('.html')).map((e) => join(dir, e));
}

describe('HTML output', () => {
  it('passes the Nu HTML checker with no errors', async () => {
    const files = await htmlFiles(dist);
    // Five languages, two parallel editions and the index.
    expect(files).toHaveLength(8);
    const { stdout, stderr } = await promisify(execFile)('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files]).catch((e: { stdout: string; stderr: string }) => e);
    const messages = (JSON.parse(stderr || stdout) as { messages: unknown[] }).messages;
    expect(messages).toEqual([]);
  });

  it('serves every font from the build’s own assets, all of them present', async () => {
    const css = await readFile(join(dist, 'assets/fonts.css'), 'utf8');
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) {
      expect(url).toMatch(/^fonts\/[\w-]+\.woff2$/);
      await expect(readFile(join(dist, 'assets', url))).resolves.toBeInstanceOf(Buffer);
    }
    for (const family of ['Noto Serif', 'Noto Serif Hebrew', 'Amiri']) {
      for (const weight of [400, 700]) expect(css).toMatch(new RegExp(`font-family: '${family}';\\s*font-style: normal;\\s*font-display: swap;\\s*font-weight: ${weight};`));
    }
  });

  it('loads nothing from outside the build: no remote URL anywhere in the pages or stylesheets', async () => {
    for (const file of [...(await htmlFiles(dist)), join(dist, 'assets/broadside.css'), join(dist, 'assets/fonts.css')]) {
      const content = await readFile(file, 'utf8');
      expect(content).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
      expect(content).not.toMatch(/url\((?:["']?)(?:https?:)?\/\//);
    }
  });

  it('has a print stylesheet with the running head and page numbers in the language’s words and digits', async () => {
    const he = await readFile(join(dist, 'mission-statement/he/print.css'), 'utf8');
    const ar = await readFile(join(dist, 'mission-statement/ar/print.css'), 'utf8');
    expect(he).toContain('content: "עמוד " counter(page, decimal) " מתוך " counter(pages, decimal);');
    expect(ar).toContain('counter(page, arabic-indic)');
    expect(he).toContain('size: A4;');
  });
});
