import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { launch } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BroadsideError } from '../src/errors.js';
import { findBrowser } from '../src/io/browser.js';
import { loadProject } from '../src/io/project.js';
import type { Project } from '../src/model/project.js';
import { languagesOf, type Language } from '../src/localize/language.js';
import { localize, type LocalizedStatement } from '../src/localize/localize.js';
import { decodeSourceText } from '../src/readers/source-text.js';
import { readStatement } from '../src/readers/statement.js';
import { writeHtml } from '../src/writers/html.js';
import { writeText } from '../src/writers/text.js';
import { REPO } from './helpers.js';

// Every example of the CommonMark 0.31.2 spec, read as the body of a statement: a build either
// refuses it by design (README, "Markdown Broadside refuses"), at a file:line:column naming the
// construct, or shows every word of the spec's expected output, and no other, in the HTML, the
// plain text and the PDF, with no Markdown punctuation left over.

interface Example {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

const { tests } = createRequire(import.meta.url)('commonmark-spec') as { tests: Example[] };
const examples = tests.map((e) => ({ ...e, markdown: e.markdown.replaceAll('→', '\t'), html: e.html.replaceAll('→', '\t') }));

/** What a refusal must name: each construct the README lists as refused. */
const REFUSED = [/^raw HTML is not allowed/, /^a list item must start with text/, /^a block is empty/, /^the statement has no text after its front matter/];

/**
 * Examples where marked (the parser Broadside uses) reads the Markdown differently from the spec,
 * so that words are lost, added or left with Markdown punctuation. Listed so that the test fails
 * on any new one; each fixed one must be taken off (the test says which).
 */
const KNOWN_DEVIATIONS = new Set<number>([
  // PDF only: Ӓ and Ϡ print, but pdftotext reads them as one word (no space between the glyphs of a
  // fallback font); ആ (Malayalam) has no font on this machine nor among Broadside's.
  26, 27,
  // PDF only: the number of `123456789.` is wider than the list's indent and is cut at the margin.
  265,
]);

const FRONT = '---\ntitle: Zqxtitle\ndate: 2020-02-11\n---\n\n';
const MARKUP = ['*', '_', '`', '[', ']', '<', '>', '#', '\\', '~'];
const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** Words as Unicode segments them; `_` joins words there, but a PDF's text may lose the spaces around it. */
function words(text: string): string[] {
  return [...segmenter.segment(text.normalize('NFC').replaceAll('\u00AD', '').replaceAll('_', ' '))].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** What a reader sees of some HTML: its text, the text an image stands for, and the numbers of a numbered list. */
function visible(html: string): string {
  let out = '';
  const lists: Array<number | undefined> = [];
  new Parser(
    {
      ontext: (text) => (out += text),
      onclosetag: (name) => {
        if (name === 'ol' || name === 'ul') lists.pop();
      },
      onopentag: (name, attributes) => {
        if (name === 'ol') lists.push(Number(attributes.start ?? 1));
        if (name === 'ul') lists.push(undefined);
        if (name === 'li' && lists.at(-1) !== undefined) out += ` ${(lists[lists.length - 1] = lists.at(-1)! + 1) - 1}. `;
        if (name === 'img') out += ` ${attributes.alt ?? ''} `;
        if (['p', 'li', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'td', 'th', 'hr'].includes(name)) out += ' ';
      },
    },
    { decodeEntities: true },
  ).end(html);
  return out;
}

/** The article of a page, title and dateline left out. */
function articleOf(page: string): string {
  const article = page.slice(page.indexOf('<article>') + '<article>'.length, page.indexOf('</article>'));
  return article.replace(/<h1>[\s\S]*?<\/h1>/, '').replace(/<p class="dateline">[\s\S]*?<\/p>/, '');
}

/** The plain text's body: without the title, the dateline, the link references and the list of links. */
function textBody(text: string): string {
  const lines = text.split('\n').slice(4);
  const links = lines.lastIndexOf('Links');
  const body = (links >= 0 && /^-+$/.test(lines[links + 1] ?? '') ? lines.slice(0, links) : lines).join('\n');
  return body
    .replace(/ \[\d+\]/g, '')
    .replace(/^(?:[ \t]*> ?)+/gm, '')
    .replace(/^[ \t]*\* \* \*$/gm, '');
}

/** Which words of `expected` are missing in `actual`, and which are extra, counting repeats. */
function wordDifference(expected: string[], actual: string[]): { lost: string[]; added: string[] } {
  const rest = [...actual];
  const lost: string[] = [];
  for (const word of expected) {
    const at = rest.indexOf(word);
    if (at < 0) lost.push(word);
    else rest.splice(at, 1);
  }
  return { lost, added: rest };
}

/** Markdown punctuation the reader sees more often than the spec's output shows it. */
function leaked(expected: string, actual: string): string[] {
  const count = (text: string, char: string): number => text.split(char).length - 1;
  return MARKUP.filter((char) => count(actual, char) > count(expected, char));
}

type Outcome = { kind: 'refused'; message: string; at: string } | { kind: 'built'; doc: LocalizedStatement; html: string; text: string };

let project: Project;
let english: Language;
const outcomes = new Map<number, Outcome>();
const problems = new Map<number, string[]>();

function problem(example: Example, what: string): void {
  problems.set(example.number, [...(problems.get(example.number) ?? []), what]);
}

beforeAll(async () => {
  project = await loadProject(REPO);
  english = languagesOf(project.config).find((l) => l.isSource)!;
  for (const example of examples) {
    const file = `statements/example-${example.number}.md`;
    try {
      const text = decodeSourceText(new TextEncoder().encode(FRONT + example.markdown), file);
      const statement = readStatement(`example-${example.number}`, file, text);
      const doc = localize(statement, english, english, project.interfaceStrings, undefined);
      const html = writeHtml(doc, { editions: [{ code: 'en', dir: 'ltr', script: 'Latn', name: 'English' }], downloads: [], template: project.templates.page });
      outcomes.set(example.number, { kind: 'built', doc, html: articleOf(html), text: textBody(writeText(doc, { columns: 72 })) });
    } catch (error) {
      if (!(error instanceof BroadsideError)) throw error;
      const { line, column } = error.location ?? {};
      outcomes.set(example.number, { kind: 'refused', message: error.message, at: `${error.location?.file}:${line}:${column}` });
    }
  }
});

describe('the CommonMark 0.31.2 examples', () => {
  it('are each refused by design, at a line and column, naming the construct', () => {
    for (const example of examples) {
      const outcome = outcomes.get(example.number)!;
      if (outcome.kind !== 'refused') continue;
      if (!REFUSED.some((pattern) => pattern.test(outcome.message))) problem(example, `refused, not by design: ${outcome.message}`);
      if (!/^statements\/example-\d+\.md:\d+:\d+$/.test(outcome.at)) problem(example, `refused without a line and column: ${outcome.at}`);
    }
  });

  it('or keep every word of the expected output in the HTML and the plain text, with no Markdown punctuation left', () => {
    for (const example of examples) {
      const outcome = outcomes.get(example.number)!;
      if (outcome.kind !== 'built') continue;
      const expected = visible(example.html);
      for (const [format, shown] of [
        ['HTML', visible(outcome.html)],
        ['text', outcome.text],
      ] as const) {
        const { lost, added } = wordDifference(words(expected), words(shown));
        if (lost.length || added.length) problem(example, `${format}: lost ${JSON.stringify(lost)}, added ${JSON.stringify(added)}`);
        const marks = leaked(expected, shown);
        if (marks.length) problem(example, `${format}: Markdown punctuation shown: ${marks.join(' ')}`);
      }
    }
  });

  it('or keep every word of the expected output in the PDF', async () => {
    const found = await findBrowser(undefined, process.env);
    const browser = await launch({ executablePath: found!.executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    const dir = await mkdtemp(join(tmpdir(), 'broadside-commonmark-'));
    try {
      const built = examples.filter((e) => outcomes.get(e.number)!.kind === 'built');
      // A few hundred examples per PDF, each after a marker paragraph, printed as the build prints a page.
      for (let start = 0; start < built.length; start += 200) {
        const batch = built.slice(start, start + 200);
        const body = batch.map((e) => `<p>QXMARK${e.number}QX</p>\n${(outcomes.get(e.number) as { html: string }).html}`).join('\n');
        const page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        await page.setContent(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body><article>${body}</article></body></html>`);
        const file = join(dir, `batch-${start}.pdf`);
        await writeFile(file, await page.pdf({ format: 'A4' }));
        await page.close();
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
        const parts = text.split(/QXMARK(\d+)QX/);
        const shownOf = new Map<number, string>();
        for (let i = 1; i < parts.length; i += 2) shownOf.set(Number(parts[i]), parts[i + 1]!);
        for (const example of batch) {
          const shown = shownOf.get(example.number) ?? '';
          const { lost, added } = wordDifference(words(visible(example.html)), words(shown));
          if (lost.length || added.length) problem(example, `PDF: lost ${JSON.stringify(lost)}, added ${JSON.stringify(added)}`);
        }
      }
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  afterAll(() => {
    const sections = new Map<string, { examples: number; built: number; refused: number; deviating: number }>();
    for (const example of examples) {
      const counts = sections.get(example.section) ?? { examples: 0, built: 0, refused: 0, deviating: 0 };
      counts.examples++;
      counts[outcomes.get(example.number)?.kind ?? 'refused']++;
      if (problems.has(example.number)) counts.deviating++;
      sections.set(example.section, counts);
    }
    const rows = [...sections].map(([name, c]) => `${name.padEnd(36)} ${String(c.examples).padStart(4)} ${String(c.built).padStart(6)} ${String(c.refused).padStart(8)} ${String(c.deviating).padStart(10)}`);
    const total = [...sections.values()].reduce((a, c) => ({ examples: a.examples + c.examples, built: a.built + c.built, refused: a.refused + c.refused, deviating: a.deviating + c.deviating }));
    const reasons = new Map<string, number>();
    for (const outcome of outcomes.values()) {
      if (outcome.kind === 'refused') reasons.set(outcome.message.replace(/ \(.*| at line.*|: .*/, ''), (reasons.get(outcome.message.replace(/ \(.*| at line.*|: .*/, '')) ?? 0) + 1);
    }
    console.log(['refused, by construct:', ...[...reasons].map(([reason, n]) => `${String(n).padStart(4)}  ${reason}`)].join('\n'));
    console.log(
      [`${'section'.padEnd(36)} ${'all'.padStart(4)} ${'built'.padStart(6)} ${'refused'.padStart(8)} ${'deviating'.padStart(10)}`, ...rows, `${'total'.padEnd(36)} ${String(total.examples).padStart(4)} ${String(total.built).padStart(6)} ${String(total.refused).padStart(8)} ${String(total.deviating).padStart(10)}`].join('\n'),
    );
  });

  it('deviate only where marked is known to (none new, none fixed and still listed)', () => {
    const unexpected = [...problems].filter(([n]) => !KNOWN_DEVIATIONS.has(n)).map(([n, what]) => `example ${n}: ${what.join('; ')}`);
    const fixed = [...KNOWN_DEVIATIONS].filter((n) => !problems.has(n));
    expect(unexpected, unexpected.join('\n')).toEqual([]);
    expect(fixed, 'these examples now pass: take them off KNOWN_DEVIATIONS').toEqual([]);
  });
});
