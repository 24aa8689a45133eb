import { execFileSync } from 'node:child_process';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ReviewDocument } from '../src/review/document.js';
import { parseInline } from '../src/readers/inline.js';
import { writeReviewHtml } from '../src/review/html.js';
import { makeProject, readText, runCli } from './helpers.js';

const vnuJar = join(createRequire(import.meta.url).resolve('vnu-jar/package.json'), '..', 'build/dist/vnu.jar');
const EPOCH = { SOURCE_DATE_EPOCH: '1581379200' };

async function edit(dir: string, path: string, change: (text: string) => string): Promise<void> {
  await writeFile(join(dir, path), change(await readFile(join(dir, path), 'utf8')));
}

/** A shipped project where one passage went stale, one is new, and one translation is hostile. */
async function reviewProject(): Promise<string> {
  const dir = await makeProject();
  await edit(dir, 'statements/mission-statement.md', (md) =>
    md.replace('We support movements', 'We firmly support movements').replace('Palestine. <!-- #working-together -->', 'Palestine. <!-- #working-together -->\n\nA new passage. <!-- #new-passage -->'),
  );
  expect((await runCli(['sync'], dir)).code).toBe(0);
  await edit(dir, 'translations/he.yaml', (yaml) => yaml.replace('text: >-\n        הצהרת ייעוד', 'text: >-\n        הצהרת ייעוד <script>alert(1)</script> [לחצו](javascript:alert(1))'));
  return dir;
}

/** The <tbody> of one passage. */
function unit(html: string, key: string): string {
  const match = new RegExp(`<tbody class="unit [a-z]+">\\n<tr><th colspan="2" scope="rowgroup"><code>${key}</code>[\\s\\S]*?</tbody>`).exec(html);
  if (!match) throw new Error(`no unit ${key}`);
  return match[0];
}

describe('broadside review', () => {
  it('writes review/<lang>.html that passes the Nu HTML checker', async () => {
    const dir = await reviewProject();
    const result = await runCli(['review', 'he'], dir, EPOCH);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Wrote review/he.html\n');
    const { stdout, stderr } = await promisify(execFile)('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', join(dir, 'review/he.html')]).catch((e: { stdout: string; stderr: string }) => e);
    expect((JSON.parse(stderr || stdout) as { messages: unknown[] }).messages).toEqual([]);
  });

  it('sets source and translation side by side, each column in its own language and direction', async () => {
    const dir = await reviewProject();
    await runCli(['review', 'he'], dir, EPOCH);
    const html = await readText(join(dir, 'review/he.html'));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">/);
    expect(html).toContain('<thead><tr><th scope="col">English (en)</th><th scope="col">Hebrew (he)</th></tr></thead>');
    expect(unit(html, 'who-we-are')).toMatch(/<tr><td lang="en" dir="ltr">The International[^<]*<\/td><td lang="he" dir="rtl">הרשת[^<]*<\/td><\/tr>/);
    expect(html).toContain('<h1>Translation review: Hebrew (<span lang="he" dir="rtl">עברית</span>)</h1>');
    expect(html).toContain('<time datetime="2020-02-11">2020-02-11</time>');
  });

  it('shows each passage’s state, and a stale one with its source diff', async () => {
    const dir = await reviewProject();
    await runCli(['review', 'he'], dir, EPOCH);
    const html = await readText(join(dir, 'review/he.html'));
    expect(unit(html, 'who-we-are')).toContain('<span class="state">translated</span>');
    const stale = unit(html, 'peace-and-self-determination');
    expect(stale).toContain('<tbody class="unit stale">');
    expect(stale).toContain('<span class="state">stale: the source changed since it was translated</span>');
    expect(stale).toContain('<p class="diff">We <ins>firmly </ins>support movements');
    expect(stale).toMatch(/<td lang="he" dir="rtl">אנו תומכים/);
    const missing = unit(html, 'new-passage');
    expect(missing).toContain('missing: not translated yet');
    expect(missing).toContain('<span class="placeholder" lang="en" dir="ltr">(not translated yet)</span>');
    expect(html).toMatch(/<th scope="col">Stale<\/th>[\s\S]*?<\/tr>\n<tr><td>\d+<\/td><td>1<\/td><td>1<\/td>/);
  });

  it('lists the check findings of each passage and interface string', async () => {
    const dir = await reviewProject();
    await edit(dir, 'translations/he.yaml', (yaml) => yaml.replace('text: "תאריך פרסום: {{date}}"', 'text: "תאריך פרסום"'));
    await runCli(['review', 'he'], dir, EPOCH);
    const html = await readText(join(dir, 'review/he.html'));
    const title = unit(html, 'title');
    expect(title).toMatch(/<tr class="findings"><td colspan="2"><ul class="findings">\n<li class="error"><span class="severity">error<\/span> <code>markup-links<\/code>: links differ/);
    expect(title).toMatch(/\(translations\/he\.yaml, line \d+\)/);
    expect(unit(html, 'published')).toMatch(/<li class="error"><span class="severity">error<\/span> <code>placeholders<\/code>/);
    expect(html).not.toContain('<h3>Other findings</h3>');
  });

  it('escapes whatever a translation says', async () => {
    const dir = await reviewProject();
    await runCli(['review', 'he'], dir, EPOCH);
    const html = await readText(join(dir, 'review/he.html'));
    expect(html).not.toMatch(/<script|href="javascript:/i);
    expect(unit(html, 'title')).toContain('<td lang="he" dir="rtl">הצהרת ייעוד &lt;script&gt;alert(1)&lt;/script&gt; לחצו</td>');
  });

  it('leaves room for the reviewer’s sign-off', async () => {
    const dir = await reviewProject();
    await runCli(['review', 'he'], dir, EPOCH);
    const html = await readText(join(dir, 'review/he.html'));
    expect(html).toContain('<h2>Reviewer’s sign-off</h2>');
    for (const label of ['Name', 'Date', 'Signature']) expect(html).toContain(`<div class="field"><span class="label">${label}</span><span class="line"></span></div>`);
  });

  it('writes where --out says, for the statements named, and says why there is no PDF', async () => {
    const dir = await reviewProject();
    const result = await runCli(['review', 'ar', 'mission-statement', '--out', 'for-reviewers'], dir, EPOCH);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Wrote for-reviewers/ar.html\n');
    expect(result.stderr).toMatch(/^note: no PDF: /);
    expect(await readText(join(dir, 'for-reviewers/ar.html'))).toContain('<td lang="ar" dir="rtl">');
    const html = await runCli(['review', 'es', '--no-pdf'], dir, EPOCH);
    expect(html.stderr).toBe('');
    expect(await readText(join(dir, 'review/es.html'))).toContain('<td lang="es" dir="ltr">');
  });

  it('prints the review as a PDF too when a browser is available, in the build’s fonts', async () => {
    const dir = await reviewProject();
    const result = await runCli(['review', 'he'], dir, { ...EPOCH, PATH: process.env.PATH });
    expect(result.stdout).toBe('Wrote review/he.html\nWrote review/he.pdf\n');
    const pdf = join(dir, 'review/he.pdf');
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Title:\s+Translation review: Hebrew \(he\)/);
    expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).toMatch(/NotoSerifHebrew-Regular +CID TrueType +Identity-H +yes yes yes/);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('Mission Statement');
  });

  it('refuses languages that are not translated and unknown statements', async () => {
    const dir = await makeProject();
    expect((await runCli(['review', 'en'], dir)).code).toBe(2);
    expect((await runCli(['review', 'de'], dir)).code).toBe(2);
    expect((await runCli(['review', 'he', 'nope'], dir)).code).toBe(2);
  });
});

describe('writeReviewHtml', () => {
  const doc: ReviewDocument = {
    source: { code: 'en', dir: 'ltr', englishName: 'English', ownName: 'English' },
    target: { code: 'fa', dir: 'rtl', englishName: 'Persian', ownName: 'فارسی' },
    sections: [
      {
        id: 's',
        title: 'A & B',
        rows: [{
            key: 'k',
            state: 'stale',
            source: 'New <text>',
            sourceInline: parseInline('New <text>'),
            translation: '*متن*',
            translationInline: parseInline('*متن*'),
            previousSource: 'Old <text>',
            findings: [],
          },],
        otherFindings: [{ check: 'obsolete', severity: 'warning', message: 'kept "x"', file: 'translations/fa.yaml', line: 9, key: 'x' }],
      },
    ],
    counts: { translated: 0, stale: 1, missing: 0, errors: 0, warnings: 1 },
    date: '2020-02-11',
    generator: 'Broadside test',
  };

  it('writes the diff as escaped text, the translation as rendered Markdown, and findings about vanished entries', () => {
    const html = writeReviewHtml(doc);
    expect(html).toContain('<h2 id="section-s">A &amp; B</h2>');
    expect(html).toContain('<p class="diff"><del>Old</del><ins>New</ins> &lt;text&gt;</p>');
    expect(html).toContain('<td lang="fa" dir="rtl"><em>متن</em></td>');
    expect(html).toContain('<h3>Other findings</h3>\n<ul class="findings">\n<li class="warning"><span class="severity">warning</span> <code>obsolete</code>: kept &quot;x&quot; <span class="where">(translations/fa.yaml, line 9)</span></li>');
  });
});
