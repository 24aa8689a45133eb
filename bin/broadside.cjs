#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (`npm run bundle` makes build/bundle/) through V8's code cache, because
// compiling the bundle costs more than running most commands. Node 20 has no
// module.enableCompileCache(), hence CommonJS bundles compiled with vm.Script. This file is CommonJS
// too: starting Node's ES module loader for it would cost more than the rest of this file.
// broadside.cjs is the CLI; vendor/ holds the packages only PDF work needs (Puppeteer, pdf-lib),
// each compiled only when the CLI first requires it.
// Each bundle keeps a cache per command, named after the bundle's size and time so that a rebuilt
// bundle never meets old code. A cache is written after a successful run (not one that only showed
// help or the version) when there is none or V8 rejected it; the CLI's again when the run was the
// first of its command to need a vendor bundle (say a first build that printed no PDF, then one that did).
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const args = process.argv.slice(2);
const command = /^[a-z-]+$/.test(args[0] ?? '') ? args[0] : 'other';
const onlyHelp = args.some((arg) => ['-h', '--help', '-V', '--version'].includes(arg));
const bundlePath = (name) => join(__dirname, '../build/bundle', name);
const VENDORED = { '@puppeteer/browsers': 'vendor/puppeteer.cjs', 'puppeteer-core': 'vendor/puppeteer.cjs', 'pdf-lib': 'vendor/pdf-lib.cjs' };
/** The bundles compiled in this run. */
const compiled = [];
process.once('exit', (code) => {
  if (code !== 0 || onlyHelp) return;
  const firstVendorRun = compiled.some((c) => c.vendor && c.cachedData === undefined);
  for (const c of compiled) if (c.cachedData === undefined || c.script.cachedDataRejected || (firstVendorRun && !c.vendor)) writeCache(c);
});
const vendors = new Map();
const vendored = (id) => {
  const name = VENDORED[id];
  if (!vendors.has(name)) vendors.set(name, load(name, { vendor: true }));
  return vendors.get(name).packages[id];
};
const cli = load('broadside.cjs', { wrapRequire: (require) => Object.assign((id) => (Object.hasOwn(VENDORED, id) ? vendored(id) : require(id)), require) });
cli.main(args, process).then((code) => (process.exitCode = code));

/** Compiles and runs one CommonJS bundle with its code cache; returns its exports. */
function load(name, { vendor = false, wrapRequire = (require) => require } = {}) {
  const file = bundlePath(name);
  let stamp;
  try {
    stamp = statSync(file);
  } catch {
    process.stderr.write(`broadside: ${file} is missing; run \`npm run bundle\` (npm ci runs it).\n`);
    process.exit(2);
  }
  const cacheFile = `${file}.${stamp.size}-${Math.trunc(stamp.mtimeMs)}.${command}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  compiled.push({ script, cacheFile, cachedData, vendor });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, wrapRequire(Module.createRequire(file)), module, file, dirname(file));
  return module.exports;
}

function writeCache({ script, cacheFile }) {
  try {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
  } catch {
    // A read-only install runs without the cache.
  }
}
