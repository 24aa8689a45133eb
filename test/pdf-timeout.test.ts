import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { printJobs, type PrintJob } from '../src/io/pdf.js';

/** Blocks this thread (and so every timer in it) for `ms`, as a machine too busy to answer would. */
function stall(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Slow</title></head><body><p>Printed after a long wait</p><img src="missing.png" alt=""></body></html>';

it('waits as long as pdf.timeoutSeconds says, also beyond Puppeteer’s own 30 s', async () => {
  const config = parseConfig('sourceLanguage: en\nlanguages:\n  - code: en\npdf:\n  timeoutSeconds: 120\n  concurrency: 1\n');
  let stalled = false;
  const job: PrintJob = {
    output: 'slow/en/slow.en.pdf',
    page: 'slow/en/index.html',
    files: (path) => (path === 'slow/en/index.html' ? PAGE : undefined),
    marginText: 'Slow',
    metadata: { title: 'Slow', author: 'test', subject: '', keywords: [], keywordSeparator: ', ', language: 'en', direction: 'ltr', creator: 'test', date: new Date('2020-02-11T00:00:00Z'), outlineTitles: [] },
  };
  // The page's image is answered 31 s late: the page loads after Puppeteer's default time budget.
  const onBlockedRequest = (): void => {
    if (!stalled) stall(31_000);
    stalled = true;
  };
  const pdfs = await printJobs([job], { config, env: process.env, creator: 'test', onBlockedRequest });
  expect(stalled).toBe(true);
  expect(execFileSync('pdftotext', ['-', '-'], { input: pdfs.get(job.output)!, encoding: 'utf8' })).toContain('Printed after a long wait');
});
