import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, runCli } from './helpers.js';

const LANGS = ['en', 'he', 'ar', 'es', 'fr'] as const;
const RTL = new Set(['he', 'ar']);
let dist: string;

const text = (lang: string): Promise<string> => readFile(join(dist, `mission-statement/${lang}/mission-statement.${lang}.txt`), 'utf8');
const html = (lang: string): Promise<string> => readFile(join(dist, `mission-statement/${lang}/index.html`), 'utf8');

beforeAll(async () => {
  const project = await makeProject();
  const result = await runCli(['build', '--format', 'html,txt'], project);
  expect(result.stderr).not.toMatch(/warning|error/);
  expect(result.code).toBe(0);
  dist = join(project, 'dist');
});

describe.each(LANGS)('the %s edition', (lang) => {
  it('matches the reviewed golden HTML', async () => {
    await expect(await html(lang)).toMatchFileSnapshot(`golden/mission-statement.${lang}.html`);
  });

  it('matches the reviewed golden plain text', async () => {
    await expect(await text(lang)).toMatchFileSnapshot(`golden/mission-statement.${lang}.txt`);
  });

  it('writes plain text as NFC with LF endings, no trailing spaces and lines of at most 72 columns', async () => {
    const txt = await text(lang);
    expect(txt).toBe(txt.normalize('NFC'));
    expect(txt).not.toContain('\r');
    expect(txt.endsWith('\n')).toBe(true);
    for (const line of txt.split('\n')) {
      expect(line).not.toMatch(/\s$/u);
      expect(stringWidth(line)).toBeLessThanOrEqual(72);
    }
  });

  it('sets the title off with a rule of its own width', async () => {
    const lines = (await text(lang)).split('\n');
    const rule = lines.findIndex((l) => /^\u200F?=+$/.test(l));
    expect(rule).toBeGreaterThan(0);
    expect(stringWidth(lines[rule]!)).toBe(stringWidth(lines[rule - 1]!));
  });

  it('marks the page language and direction on <html>', async () => {
    const page = await html(lang);
    expect(page).toContain(`<html lang="${lang}" dir="${RTL.has(lang) ? 'rtl' : 'ltr'}"`);
  });

  it('links every other edition with hreflang alternates and a switcher', async () => {
    const page = await html(lang);
    for (const other of LANGS) {
      expect(page).toContain(`<link rel="alternate" hreflang="${other}"`);
      expect(page).toMatch(new RegExp(`<a href="[^"]*" (aria-current="page" )?hreflang="${other}" lang="${other}"`));
    }
    expect(page).toContain(`<link rel="alternate" hreflang="x-default" href="${lang === 'en' ? 'index.html' : '../en/index.html'}">`);
  });

  it('has a title, a description and Open Graph tags for sharing', async () => {
    const page = await html(lang);
    expect(page).toMatch(/<title>[^<]+<\/title>/);
    expect(page).toMatch(/<meta name="description" content="[^"]{40,}">/);
    for (const property of ['og:title', 'og:description', 'og:type', 'og:locale', 'og:site_name']) expect(page).toContain(`property="${property}"`);
  });
});

describe.each(['he', 'ar'])('the right-to-left plain text (%s)', (lang) => {
  it('starts every line with a strong right-to-left character or U+200F', async () => {
    for (const line of (await text(lang)).split('\n').filter(Boolean)) {
      expect(line).toMatch(/^[\u200F\u0590-\u05FF\u0600-\u06FF]/u);
    }
  });
});

describe('dates', () => {
  it.each([
    ['he', '11 בפברואר 2020'],
    ['ar', '١١ فبراير ٢٠٢٠'],
    ['es', '11 de febrero de 2020'],
    ['fr', '11 février 2020'],
    ['en', 'February 11, 2020'],
  ])('writes the %s date as the language does', async (lang, date) => {
    expect(await text(lang)).toContain(date);
    expect(await html(lang)).toContain(`<time datetime="2020-02-11">`);
    expect(await html(lang)).toContain(date);
  });
});

describe('the index', () => {
  it('links every edition in every format that was built', async () => {
    const index = await readFile(join(dist, 'index.html'), 'utf8');
    for (const lang of LANGS) {
      expect(index).toContain(`href="mission-statement/${lang}/index.html"`);
      expect(index).toContain(`href="mission-statement/${lang}/mission-statement.${lang}.txt"`);
      expect(index).not.toContain('.pdf');
    }
  });
});
