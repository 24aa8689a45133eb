import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, runCli } from './helpers.js';

// Each case is something a new user lost or saw corrupted before the document model (issue 10).

const CONFIG = 'sourceLanguage: en\nlanguages:\n  - code: en\n  - code: he\n';
const FRONT = '---\ntitle: Test\ndate: 2020-02-11\n---\n\n';
const HEBREW_TITLE = 'language: he\nstatements:\n  s:\n    title:\n      source: Test\n      text: בדיקה\n';

const projects: string[] = [];
afterAll(async () => {
  await Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function project(body: string, hebrew = HEBREW_TITLE): Promise<string> {
  const dir = await makeProject({ 'broadside.yaml': CONFIG, 'statements/s.md': FRONT + body, 'translations/he.yaml': hebrew }, { shipped: false });
  projects.push(dir);
  return dir;
}

/**
 * The HTML as the renderer made it, before typesetting: soft hyphens out, and the spans that keep
 * words together (`class="nobreak"`, see src/render/typeset.ts) unwrapped. These tests are about
 * what the Markdown becomes; test/typography.test.ts is about how it is set.
 */
function untypeset(html: string): string {
  const open: boolean[] = [];
  return html.replaceAll('\u00AD', '').replace(/<span\b[^<>]*>|<\/span>/g, (tag) => {
    if (tag === '</span>') return open.pop() ? '' : tag;
    const nobreak = /\bclass="nobreak"/.test(tag);
    open.push(nobreak);
    return nobreak ? '' : tag;
  });
}

/** Builds `body` (and a Hebrew translation) as HTML and text; returns the article and the text of each. */
async function build(body: string, hebrew = HEBREW_TITLE, formats = 'html,txt') {
  const dir = await project(body, hebrew);
  const result = await runCli(['build', '--format', formats], dir, { PATH: process.env.PATH });
  expect(result.stderr).not.toMatch(/^error/m);
  expect(result.code).toBe(0);
  const read = (path: string): Promise<string> => readFile(join(dir, 'dist/s', path), 'utf8');
  const article = (html: string): string => untypeset(html.slice(html.indexOf('<article>'), html.indexOf('</article>')));
  return {
    dir,
    html: article(await read('en/index.html')),
    text: await read('en/s.en.txt'),
    heHtml: article(await read('he/index.html')),
    heText: await read('he/s.he.txt'),
  };
}

describe('Markdown a new user writes', () => {
  it('links with upper-case schemes are links, with no tag source or stray </a> on the page', async () => {
    const { html, text } = await build('See [link](HTTPS://EXAMPLE.COM/B) and <MAILTO:FOO@BAR.BAZ>.\n');
    expect(html).toContain('<a href="https://EXAMPLE.COM/B">link</a>');
    expect(html).toContain('<a href="mailto:FOO@BAR.BAZ">MAILTO:FOO@BAR.BAZ</a>');
    expect(html).not.toContain('&lt;a');
    expect(html.match(/<\/a>/g)).toHaveLength(2);
    expect(text).toContain('See link [1] and MAILTO:FOO@BAR.BAZ.');
    expect(text).toContain('[1] https://EXAMPLE.COM/B');
  });

  it('named entities are decoded once, in HTML and text alike', async () => {
    const { html, text } = await build('AT&amp;T, &copy; 2020, a&nbsp;b. Not \\&copy; nor `&amp;`.\n');
    expect(html).toContain('<p>AT&amp;T, © 2020, a\u00A0b. Not &amp;copy; nor <code>&amp;amp;</code>.</p>');
    expect(text).toContain('AT&T, © 2020, a\u00A0b. Not &copy; nor &amp;.');
  });

  it('reference links are links, in the statement and in a translation that reuses its labels', async () => {
    const body = 'Read [the report][ref], [Ref][] and [ref]. <!-- #refs -->\n\n[ref]: https://example.org/report "The report"\n';
    const hebrew = `${HEBREW_TITLE}    refs:\n      source: Read [the report][ref], [Ref][] and [ref].\n      text: קראו [את הדוח][ref], [זה][REF] ו[ref].\n`;
    const { html, text, heHtml } = await build(body, hebrew);
    expect(html).toContain(
      '<p>Read <a href="https://example.org/report" title="The report">the report</a>, <a href="https://example.org/report" title="The report">Ref</a> and <a href="https://example.org/report" title="The report">ref</a>.</p>',
    );
    expect(html).not.toContain('[');
    expect(text).toContain('Read the report [1], Ref [1] and ref [1].');
    expect(text).toContain('[1] https://example.org/report');
    expect(heHtml).toContain('קראו <a href="https://example.org/report" title="The report">את הדוח</a>, <a href="https://example.org/report" title="The report">זה</a> ו<a href="https://example.org/report" title="The report">ref</a>.');
  });

  it('a translation using a label the statement does not define fails the check, naming the label', async () => {
    const body = 'Read [the report][ref]. <!-- #refs -->\n\n[ref]: https://example.org/report\n';
    const hebrew = `${HEBREW_TITLE}    refs:\n      source: Read [the report][ref].\n      text: קראו [את הדוח][rep].\n`;
    const result = await runCli(['check', '--lang', 'he'], await project(body, hebrew));
    expect(result.code).toBe(6);
    expect(result.stdout + result.stderr).toMatch(/translations\/he\.yaml:9:\d+: error \[markup-links\] he s\/refs: the reference label \[rep\] is not defined in the statement/);
  });

  it('hard line breaks (two spaces, a backslash) break the line, and leave no backslash', async () => {
    const { html, text } = await build('One  \ntwo\\\nthree\n');
    expect(html).toContain('<p>One<br>two<br>three</p>');
    expect(text).toContain('\nOne\ntwo\nthree\n');
    expect(text).not.toContain('\\');
  });

  it('struck-through words stay struck through in the plain text, as pandoc writes them', async () => {
    const { html, text } = await build('Keep ~~gone~~ words.\n');
    expect(html).toContain('<p>Keep <del>gone</del> words.</p>');
    expect(text).toContain('Keep ~~gone~~ words.');
  });

  it('a link inside an image description shows as words, with no Markdown left', async () => {
    const { html, text } = await build('Look: ![foo [bar](/url)](/url2) here.\n');
    expect(html).toContain('<p>Look: foo bar here.</p>');
    expect(text).toContain('Look: foo bar here.');
  });
});

describe('invisible characters, however they are written', () => {
  const entry = (text: string): string => `${HEBREW_TITLE}    p:\n      source: Plain text.\n      text: ${text}\n`;

  it.each([
    ['a right-to-left override as a character reference', '"טקסט &#x202E;הפוך."', 6, /error \[bidi-controls\] he s\/p: U\+202E \(right-to-left override\) is never closed/],
    ['a zero-width space as a character reference', '"טקסט&#x200B;רגיל."', 0, /warning \[whitespace-zero-width\] he s\/p: invisible character U\+200B/],
  ])('%s in a translation is found by the check', async (_, text, code, finding) => {
    const result = await runCli(['check', '--lang', 'he'], await project('Plain text. <!-- #p -->\n', entry(text)));
    expect(result.code).toBe(code);
    expect(result.stdout + result.stderr).toMatch(finding);
  });

  it.each([
    ['an escape character as a character reference', '"טקסט &#x1b; כאן."', 'control character U+001B'],
    ['a delete character as a character reference', '"טקסט &#x7f; כאן."', 'control character U+007F'],
    ['an escape character as a YAML escape', '"טקסט \\e כאן."', 'control character U+001B'],
  ])('%s in a translation is refused where it is written', async (_, text, what) => {
    const result = await runCli(['build', '--format', 'html'], await project('Plain text. <!-- #p -->\n', entry(text)));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`translations/he.yaml:9:13: \`statements.s.p.text\`: ${what} is not allowed`);
  });

  it.each([
    ['&#x202E;', 'U+202E (right-to-left override) is never closed'],
    ['&#x200B;', 'invisible character U+200B (zero-width space) is not allowed'],
    ['&#x1b;', 'control character U+001B is not allowed'],
    ['&#x7f;', 'control character U+007F is not allowed'],
  ])('%s in the statement is refused where it is written, deep in a list and a quotation too', async (reference, message) => {
    const result = await runCli(['build', '--format', 'html'], await project(`First.\n\nText ${reference} here.\n`));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`statements/s.md:8:6: ${message}`);
    const deep = await runCli(['build', '--format', 'html'], await project(`First.\n\n- One.\n- Two.\n\n  > Quoted,\n  > and *then ${reference}* here.\n`));
    expect(deep.code).toBe(4);
    expect(deep.stderr).toContain(`statements/s.md:12:15: ${message}`);
  });
});

describe('an untranslated list item on a right-to-left page', () => {
  const body = '1. First item <!-- #first -->\n2. Second item <!-- #second -->\n';
  const hebrew = `${HEBREW_TITLE}    first:\n      source: First item\n      text: פריט ראשון\n`;

  it('has its number once in the text, before the note, and beside the other numbers in HTML and PDF', async () => {
    const { dir, heText, heHtml } = await build(body, hebrew, 'html,txt,pdf');
    expect(heText).toMatch(/\n\u200F1\. פריט ראשון\n\u200F2\. \[[^\]\n]+\]\n {3}Second item\n/);
    expect(heText.match(/2\./g)).toHaveLength(1);
    // The <li> keeps the page's direction (its marker on the right, in the column); the English is in a span.
    expect(heHtml).toMatch(/<li><div lang="en" dir="ltr" data-script="Latn" class="fallback"><strong class="fallback-note"[^>]*>[^<]+<\/strong> Second item<\/div><\/li>/);
    const pdf = execFileSync('pdftotext', ['-layout', join(dir, 'dist/s/he/s.he.pdf'), '-'], { encoding: 'utf8' }).replace(/[\u202A-\u202E]/g, '');
    expect(pdf).toMatch(/פריט ראשון\s*\.1/);
    expect(pdf).toMatch(/Not yet translated[^\n]*\s\.2\n/);
  });
});

describe('key comments', () => {
  it('one left in mid-paragraph (a blank line deleted) is an error saying how to fix it', async () => {
    const result = await runCli(['build', '--format', 'html'], await project('First paragraph. <!-- #first -->\nSecond paragraph. <!-- #second -->\n'));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('statements/s.md:6:18: the key comment <!-- #first --> is in the middle of the text; a key comment must end its block');
    expect(result.stderr).toContain('put the blank line after <!-- #first --> back');
  });

  it('one without its # is an error asking whether the # was meant', async () => {
    const result = await runCli(['build', '--format', 'html'], await project('We believe. <!-- our-values -->\n'));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('statements/s.md:6:13: <!-- our-values --> looks like a key comment without its #');
    expect(result.stderr).toContain('did you mean `<!-- #our-values -->`?');
  });

  it('a note to the authors stays allowed and unseen', async () => {
    const { html, text } = await build('We believe. <!-- check the date with the board -->\n');
    expect(html).toContain('<p>We believe.</p>');
    expect(text).not.toContain('board');
  });
});

describe('a passage in another language', () => {
  it('is marked with lang and dir in HTML and isolated in the plain text, in the statement and in a translation', async () => {
    const body = 'They call it [la laïcité]{lang=fr}, after the law. <!-- #p -->\n';
    const hebrew = `${HEBREW_TITLE}    p:\n      source: They call it [la laïcité]{lang=fr}, after the law.\n      text: קוראים לזה [la laïcité]{lang=fr}, על שם החוק.\n`;
    const { html, text, heHtml, heText } = await build(body, hebrew);
    expect(html).toContain('<p>They call it <span lang="fr" dir="ltr">la laïcité</span>, after the law.</p>');
    expect(text).toContain('They call it \u2066la laïcité\u2069, after the law.');
    expect(heHtml).toContain('<p>קוראים לזה <span lang="fr" dir="ltr">la laïcité</span>, על שם החוק.</p>');
    expect(heText).toContain('קוראים לזה \u2066la laïcité\u2069, על שם החוק.');
  });

  it('in a right-to-left language inside English gets dir="rtl"', async () => {
    const { html } = await build('The word [שלום]{lang=he} means peace.\n');
    expect(html).toContain('<p>The word <span lang="he" dir="rtl">שלום</span> means peace.</p>');
  });

  it('with a tag that is not a language stays text', async () => {
    const { html } = await build('Not [this]{lang=12}.\n');
    expect(html).toContain('<p>Not [this]{lang=12}.</p>');
  });
});
