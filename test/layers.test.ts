import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unusableTranslationFile } from '../src/model/project.js';
import { REPO } from './helpers.js';

const SRC = join(REPO, 'src');

/** Every module of src/, by path relative to it, with its source. */
async function modules(): Promise<Array<{ path: string; text: string }>> {
  const paths = (await readdir(SRC, { recursive: true })).filter((p) => p.endsWith('.ts')).sort();
  return Promise.all(paths.map(async (path) => ({ path: path.split('\\').join('/'), text: await readFile(join(SRC, path), 'utf8') })));
}

/** The specifiers a module imports; with `runtime`, not those of `import type` (erased when compiled). */
function imports(text: string, { runtime = false } = {}): string[] {
  const statics = [...text.matchAll(/^import (type )?[^;]*? from '([^']+)';/gm)].filter((m) => !runtime || !m[1]).map((m) => m[2]!);
  return [...statics, ...[...text.matchAll(/await import\('([^']+)'\)|\bimport\('([^']+)'\)/g)].map((m) => (m[1] ?? m[2])!)];
}

/** The folders of the data path, read → model → localize → check → write: they get their data passed in. */
const CORE = ['readers/', 'model/', 'localize/', 'checks/', 'render/', 'writers/'];

/** Modules through which a program reaches the world outside its memory. */
const OUTSIDE = /^(?:node:(?:fs|fs\/promises|child_process|http|https|net|os|url)|puppeteer-core|@puppeteer\/browsers)$/;

describe('the folders show the data path', () => {
  it('io/ does only I/O: each of its modules reads, writes, starts, serves or answers something', async () => {
    const pure = (await modules())
      .filter((m) => m.path.startsWith('io/'))
      // A module may do its I/O through another module of io/, or on the browser's objects (a request it answers).
      .filter((m) => !imports(m.text).some((specifier) => OUTSIDE.test(specifier) || specifier.startsWith('./')) && !/\bprocess\.kill\(/.test(m.text))
      .map((m) => m.path);
    expect(pure).toEqual([]);
  });

  it('the data path (readers, model, localize, checks, render, writers) never reaches io/ or the file system', async () => {
    const reaching = (await modules())
      .filter((m) => CORE.some((folder) => m.path.startsWith(folder)))
      .filter((m) => imports(m.text, { runtime: true }).some((specifier) => specifier.includes('/io/') || OUTSIDE.test(specifier)))
      .map((m) => m.path);
    expect(reaching).toEqual([]);
  });

  it('the core owns its types: a module that only needs a type from io/ gets it from the core', async () => {
    const typeOnly = (await modules())
      .filter((m) => !m.path.startsWith('io/') && !m.path.startsWith('cli/'))
      .filter((m) => imports(m.text).some((s) => s.includes('/io/')) && !imports(m.text, { runtime: true }).some((s) => s.includes('/io/')))
      .map((m) => m.path);
    expect(typeOnly).toEqual([]);
  });

  it('keeps every command in a folder of its own: nothing at src/ but the error classes and the version', async () => {
    const loose = (await readdir(SRC, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
    expect(loose.sort()).toEqual(['errors.ts', 'version.ts']);
  });

  it('parses Markdown only in the readers: writers, checks and XLIFF walk the model', async () => {
    const lexing = (await modules()).filter((m) => imports(m.text, { runtime: true }).includes('marked')).map((m) => m.path);
    expect(lexing.length).toBeGreaterThan(0);
    expect(lexing.filter((path) => !path.startsWith('readers/'))).toEqual([]);
  });

  it('keeps the rules for which translation files a project may have in the core, where they run without a file', () => {
    const config = { sourceLanguage: 'en', languages: [{ code: 'en' }, { code: 'he' }] } as Parameters<typeof unusableTranslationFile>[1];
    expect(unusableTranslationFile('he', config)).toBeUndefined();
    expect(unusableTranslationFile('en', config)?.why).toBe('"en" is the source language, so this translation file cannot be used');
    expect(unusableTranslationFile('fr', config)).toEqual({ why: 'the language "fr" is not in broadside.yaml, so this translation file cannot be used', hint: 'add it with `broadside add-lang fr`, or rename or remove the file.' });
    expect(unusableTranslationFile('not a code', config)?.hint).toBe('add it with `broadside add-lang <code>`, or rename or remove the file.');
  });
});
