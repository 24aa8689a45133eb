import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Parser } from 'htmlparser2';
import { launch } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../src/io/browser.js';
import { printPdfs } from '../src/io/pdf.js';
import { loadProject } from '../src/io/project.js';
import { languagesOf } from '../src/localize/language.js';
import { localize } from '../src/localize/localize.js';
import { artifactPath } from '../src/writers/paths.js';
import { makeProject, readText, REPO, runCli } from './helpers.js';

/** Everything a hostile translator might try, aimed at a server on loopback that counts requests. */
function hostileText(origin: string): string {
  return [
    'טקסט <iframe src="file:///etc/passwd"></iframe>',
    '<img src="file:///etc/passwd"> <img src="' + origin + '/img">',
    '<script>document.title="pwned"; fetch("' + origin + '/script")</script>',
    '<meta http-equiv="refresh" content="0; url=file:///etc/passwd">',
    '[קישור](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [file](file:///etc/passwd)',
    '![תמונה](' + origin + '/markdown-image)',
    '<object data="file:///etc/passwd"></object><embed src="file:///etc/passwd">',
    '<link rel="stylesheet" href="' + origin + '/style.css"><style>body{background:url(' + origin + '/css-url)}</style>',
    '<svg><image href="' + origin + '/svg-image"/></svg>',
    '<a href="' + origin + '/x" onclick="alert(1)" onmouseover="alert(2)">רשת</a>',
    // CSS url() to local files and the network, in a style element and in a style attribute
    '<style>@import url("file:///etc/passwd"); @import url("' + origin + '/css-import"); p { background: url(file:///etc/hostname) }</style>',
    '<span style="background-image: url(\'file:///etc/passwd\'); list-style: url(' + origin + '/css-attribute)">סגנון</span>',
    // SVG with external references
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use href="file:///etc/passwd#x"/><use xlink:href="' + origin + '/svg-use#x"/><image xlink:href="file:///etc/passwd"/><feImage href="' + origin + '/svg-feimage"/><style>@import url(' + origin + '/svg-style);</style></svg>',
    // object, embed and link, to local files and the network
    '<object data="' + origin + '/object" type="text/html"></object><object data="file:///etc/hostname"><param name="src" value="file:///etc/passwd"></object>',
    '<embed src="' + origin + '/embed" type="image/svg+xml"><embed src="file:///etc/passwd">',
    '<link rel="stylesheet" href="file:///etc/passwd"><link rel="preload" as="image" href="' + origin + '/link-preload"><link rel="icon" href="' + origin + '/link-icon">',
    '<base href="' + origin + '/base/"><iframe srcdoc="<img src=' + origin + '/srcdoc>"></iframe>',
    // Upper-case schemes, and schemes, tags and quotes written as entities or character references
    '[upper](JAVASCRIPT:alert(1)) <JAVASCRIPT:alert(2)> [file](FILE:///etc/passwd) <HTTP://' + origin.slice('http://'.length) + '/upper-autolink>',
    '[entity](&#x6A;avascript:alert(3)) [named](javascript&colon;alert(4)) [quote](https://example.org/&quot;onmouseover=&quot;alert(5))',
    '&lt;script&gt;alert(6)&lt;/script&gt; &#x3C;img src=file:///etc/passwd&#x3E; &#60;iframe src=' + origin + '/reference&#62;',
  ].join(' ');
}

/** Elements and attributes of a page, as a browser's parser sees them. */
function elementsOf(page: string): Array<{ name: string; attributes: Record<string, string> }> {
  const elements: Array<{ name: string; attributes: Record<string, string> }> = [];
  new Parser({ onopentag: (name, attributes) => elements.push({ name, attributes }) }).end(page);
  return elements;
}

/** The elements Broadside's template and writers make, and what a translation may add: a, em, strong, del, code, br. */
const TEMPLATE_ELEMENTS = ['html', 'head', 'meta', 'title', 'link', 'body', 'header', 'p', 'nav', 'ul', 'li', 'a', 'main', 'article', 'h1', 'h2', 'h3', 'time', 'span', 'footer', 'ol', 'blockquote', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];
const TRANSLATION_ELEMENTS = ['a', 'em', 'strong', 'del', 'code', 'br'];

let server: Server;
let requests: string[];
let dist: string;

beforeAll(async () => {
  requests = [];
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end('root:x:0:0:leaked');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const he = (await readText(join(REPO, 'translations/he.yaml'))).replace(
    /(  who-we-are:\n      source: >-\n        .*\n      text: >-\n        ).*/,
    (_m, head: string) => `${head}${hostileText(origin)}`,
  );
  expect(he).toContain('file:///etc/passwd');
  const project = await makeProject({ 'translations/he.yaml': he, 'broadside.yaml': await publishingBrokenMarkup() });
  const result = await runCli(['build'], project, { PATH: process.env.PATH });
  expect(result.code).toBe(0);
  dist = join(project, 'dist');
}, 600_000);

/**
 * The shipped config with the markup checks demoted to warnings: a build otherwise publishes the
 * English in place of a translation with broken markup, and the writers must be safe for it too.
 */
async function publishingBrokenMarkup(extra = ''): Promise<string> {
  const checks = ['markup-links', 'markup-code', 'markup-blocks', 'markup-emphasis', 'placeholders'].map((id) => `  ${id}: warning\n`).join('');
  return `${await readText(join(REPO, 'broadside.yaml'))}${extra}checks:\n${checks}`;
}

afterAll(() => server.close());

async function allOutputs(): Promise<Array<{ file: string; text: string }>> {
  const files = (await readdir(dist, { recursive: true })).filter((f) => /\.(html|txt|css)$/.test(f));
  const outputs = await Promise.all(files.map(async (file) => ({ file, text: await readFile(join(dist, file), 'utf8') })));
  const pdfs = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.pdf'));
  for (const file of pdfs) outputs.push({ file, text: execFileSync('pdftotext', [join(dist, file), '-'], { encoding: 'utf8' }) });
  return outputs;
}

describe('hostile translations', () => {
  it('never put local file content into any output (HTML, text, PDF)', async () => {
    for (const { text } of await allOutputs()) expect(text).not.toMatch(/root:x:0:0/);
  });

  it('leave no live script, frame, object, image, refresh, style or event handler in the HTML', async () => {
    const page = await readFile(join(dist, 'mission-statement/he/index.html'), 'utf8');
    expect(page).toContain('&lt;script&gt;');
    const elements = elementsOf(page);
    expect(elements.length).toBeGreaterThan(30);
    for (const { name, attributes } of elements) {
      expect([...TEMPLATE_ELEMENTS, ...TRANSLATION_ELEMENTS]).toContain(name);
      expect(['script', 'iframe', 'img', 'object', 'embed', 'svg', 'style', 'image', 'frame', 'use', 'base', 'param']).not.toContain(name);
      expect(attributes.style, 'no style attribute, so no CSS url()').toBeUndefined();
      // A meta description's content is text (the hostile text, escaped); every other attribute could load something.
      for (const [attribute, value] of Object.entries(attributes)) if (attribute !== 'content') expect(value).not.toMatch(/url\(|file:/i);
      expect(Object.keys(attributes).filter((a) => a.startsWith('on'))).toEqual([]);
      if (name === 'meta') expect(attributes['http-equiv'] ?? '').not.toMatch(/refresh/i);
      if (name === 'link') expect(attributes.href).not.toMatch(/^(https?:)?\/\//);
      if (attributes.href !== undefined) expect(attributes.href).not.toMatch(/^\s*(javascript|data|file|vbscript):/i);
    }
  });

  it('made no network request while printing PDFs', () => {
    expect(requests).toEqual([]);
  });

  it('run no script and make no request when a reader opens the page in a browser', async () => {
    const found = await findBrowser(undefined, process.env);
    const browser = await launch({ executablePath: found!.executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(dist, 'mission-statement/he/index.html')).href, { waitUntil: 'networkidle0' });
      expect(await page.title()).not.toBe('pwned');
      expect(await page.$$('script, iframe, img, object, embed')).toHaveLength(0);
    } finally {
      await browser.close();
    }
    expect(requests).toEqual([]);
  });
});

describe('the PDF printer on its own', () => {
  // A tab navigates to its first edition and shows each later one in place of the last: both ways must hold.
  it.each([
    ['navigated to', false],
    ['shown in place of another edition', true],
  ])('refuses local files and network requests even if hostile HTML got past the sanitiser, in a page %s', async (_, inPlace) => {
    const project = await makeProject();
    const loaded = await loadProject(project);
    const [en, he] = languagesOf(loaded.config);
    const doc = localize(loaded.statements[0]!, en!, en!, loaded.interfaceStrings, undefined);
    const before = localize(loaded.statements[0]!, he!, en!, loaded.interfaceStrings, loaded.translations.get('he'));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const hostile = `<!DOCTYPE html><html lang="en"><head><title>x</title><link rel="stylesheet" href="${origin}/link.css"><meta http-equiv="refresh" content="0; url=file:///etc/passwd"></head><body><h1>Hostile</h1><iframe src="file:///etc/passwd"></iframe><object data="file:///etc/passwd"></object><img src="file:///etc/hostname"><img src="${origin}/img"><div style="background:url(file:///etc/passwd)"></div><script>document.body.append("script ran")</script>`
      + `<style>@import url("${origin}/import.css"); h1 { background: url("file:///etc/passwd") } p { background: url("${origin}/css-url") }</style><p>css</p>`
      + `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="50" height="50"><image href="file:///etc/passwd" width="50" height="50"/><use xlink:href="${origin}/use.svg#x"/><image href="${origin}/svg-image" width="50" height="50"/></svg>`
      + `<object data="${origin}/object"></object><embed src="${origin}/embed"><embed src="file:///etc/hostname"><link rel="stylesheet" href="file:///etc/passwd"></body></html>`;
    const files = new Map([
      [artifactPath(doc.statement.id, 'en', 'html'), hostile],
      [artifactPath(doc.statement.id, 'he', 'html'), '<!DOCTYPE html><html lang="he" dir="rtl"><head><title>א</title></head><body><p>שלום</p></body></html>'],
    ]);
    const blocked: string[] = [];
    requests.length = 0;
    const config = { ...loaded.config, pdf: { ...loaded.config.pdf, concurrency: 1 } };
    const pdfs = await printPdfs(inPlace ? [before, doc] : [doc], files, { files: new Map(), print: new Map() }, { config, env: process.env, creator: 'test', onBlockedRequest: (url) => blocked.push(url) });
    const pdf = pdfs.get(artifactPath(doc.statement.id, 'en', 'pdf'))!;
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
    expect(text).toContain('Hostile');
    expect(text).not.toMatch(/root:x:0:0|script ran/);
    expect(requests).toEqual([]);
    expect(blocked).toEqual(expect.arrayContaining([`${origin}/link.css`, `${origin}/img`, `${origin}/import.css`, `${origin}/css-url`, `${origin}/svg-image`, `${origin}/object`, `${origin}/embed`]));
  });
});

describe('very long or deeply nested inline markup in a translation', () => {
  const withText = async (text: string): Promise<string> => {
    const es = await readText(join(REPO, 'translations/es.yaml'));
    const patched = es.replace(/(  who-we-are:\n      source: >-\n        .*\n      text: >-\n        ).*/, (_m, head: string) => `${head}${text}`);
    expect(patched).toContain(text);
    // Printing 200 kB takes long on a loaded machine; the time budget is the test's, not the default's.
    return makeProject({ 'translations/es.yaml': patched, 'broadside.yaml': await publishingBrokenMarkup('  timeoutSeconds: 600\n') });
  };

  it('of 200 kB, with 5000 brackets, builds HTML, text and PDF, and only allowed elements come of it', async () => {
    const unit = 'texto *énfasis* _cursiva_ `código` [enlace](https://example.org/x) <b onclick="x()">etiqueta</b> **fuerte** ~~tachado~~ ';
    const long = `${unit.repeat(Math.ceil(200_000 / unit.length))}${'['.repeat(5000)}x${']'.repeat(5000)} ${'[a '.repeat(2000)}y${'](https://example.org)'.repeat(2000)} últimapalabra`;
    expect(long.length).toBeGreaterThan(200_000);
    const project = await withText(long);
    const result = await runCli(['build', '--lang', 'es', '--quiet'], project, { PATH: process.env.PATH });
    expect(result.code, result.stderr).toBe(0);
    const page = await readFile(join(project, 'dist/mission-statement/es/index.html'), 'utf8');
    for (const { name, attributes } of elementsOf(page)) {
      expect([...TEMPLATE_ELEMENTS, ...TRANSLATION_ELEMENTS]).toContain(name);
      expect(Object.keys(attributes).filter((a) => a.startsWith('on'))).toEqual([]);
    }
    expect(page).toContain('&lt;b onclick');
    expect(page).toContain('últimapalabra');
    expect(await readFile(join(project, 'dist/mission-statement/es/mission-statement.es.txt'), 'utf8')).toContain('últimapalabra');
    const pdf = execFileSync('pdftotext', [join(project, 'dist/mission-statement/es/mission-statement.es.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(pdf).toContain('últimapalabra');
  }, 600_000);

  it('5000 levels deep is refused at its entry, not with a stack overflow, and the previous output stays', async () => {
    const project = await withText('texto');
    expect((await runCli(['build', '--format', 'html,txt'], project)).code).toBe(0);
    const before = await readFile(join(project, 'dist/mission-statement/es/index.html'));
    for (const deep of [`${'*'.repeat(5000)}x${'*'.repeat(5000)}`, `${'_a '.repeat(5000)}x${' a_'.repeat(5000)}`]) {
      const es = join(project, 'translations/es.yaml');
      await writeFile(es, (await readText(es)).replace(/(  who-we-are:\n      source: >-\n        .*\n      text: >-\n        ).*/, (_m, head: string) => `${head}${deep}`));
      const result = await runCli(['build', '--format', 'html,txt'], project);
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/^error: translations\/es\.yaml:\d+:\d+: `statements\.mission-statement\.who-we-are\.text`: the Markdown is nested more than 32 levels deep/);
      expect(result.stderr).not.toMatch(/Maximum call stack|internal error|^\s+at /m);
      expect(await readFile(join(project, 'dist/mission-statement/es/index.html'))).toEqual(before);
    }
  });
});
