import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
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
  ].join(' ');
}

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
  const project = await makeProject({ 'translations/he.yaml': he });
  const result = await runCli(['build'], project, { PATH: process.env.PATH });
  expect(result.code).toBe(0);
  dist = join(project, 'dist');
}, 120_000);

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
    const elements: Array<{ name: string; attributes: Record<string, string> }> = [];
    new Parser({ onopentag: (name, attributes) => elements.push({ name, attributes }) }).end(page);
    expect(elements.length).toBeGreaterThan(30);
    for (const { name, attributes } of elements) {
      expect(['script', 'iframe', 'img', 'object', 'embed', 'svg', 'style', 'image', 'frame']).not.toContain(name);
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
  it('refuses local files and network requests even if hostile HTML got past the sanitiser', async () => {
    const project = await makeProject();
    const loaded = await loadProject(project);
    const [en] = languagesOf(loaded.config);
    const doc = localize(loaded.statements[0]!, en!, en!, loaded.interfaceStrings, undefined);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const hostile = `<!DOCTYPE html><html lang="en"><head><title>x</title><link rel="stylesheet" href="${origin}/link.css"><meta http-equiv="refresh" content="0; url=file:///etc/passwd"></head><body><h1>Hostile</h1><iframe src="file:///etc/passwd"></iframe><object data="file:///etc/passwd"></object><img src="file:///etc/hostname"><img src="${origin}/img"><div style="background:url(file:///etc/passwd)"></div><script>document.body.append("script ran")</script></body></html>`;
    const files = new Map([[artifactPath(doc.statement.id, 'en', 'html'), hostile]]);
    const blocked: string[] = [];
    requests.length = 0;
    const pdfs = await printPdfs([doc], files, new Map(), { config: loaded.config, env: process.env, creator: 'test', onBlockedRequest: (url) => blocked.push(url) });
    const pdf = pdfs.get(artifactPath(doc.statement.id, 'en', 'pdf'))!;
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
    expect(text).toContain('Hostile');
    expect(text).not.toMatch(/root:x:0:0|script ran/);
    expect(requests).toEqual([]);
    expect(blocked).toEqual(expect.arrayContaining([`${origin}/link.css`, `${origin}/img`]));
  });
});
