#!/usr/bin/env node
// Runs the bundled CLI (`npm run bundle` makes build/bundle/) through V8's code cache, because
// compiling the bundle costs more than running most commands. Node 20 has no
// module.enableCompileCache(), hence CommonJS bundles compiled with vm.Script.
// broadside.cjs is the CLI; vendor/ holds the packages only PDF work needs (Puppeteer, pdf-lib),
// each compiled only when the CLI first requires it. Each bundle keeps a cache per command, named after the bundle's
// size and time so that a rebuilt bundle never meets old code. A cache is written when there is
// none, when V8 rejects it, or when a run compiled much more than it held (a first `build --help`,
// then a build).
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapCodeStatistics } from 'node:v8';
import { Script } from 'node:vm';

const args = process.argv.slice(2);
const compiledCode = () => getHeapCodeStatistics().bytecode_and_metadata_size;
const baseline = compiledCode();
/** The bundles compiled so far, with how much compiled code their caches supplied. */
const compiled = [];
process.once('exit', () => {
  const fromCaches = compiled.reduce((sum, c) => sum + c.fromCache, 0);
  const outgrown = compiledCode() - baseline - fromCaches > fromCaches / 2;
  for (const c of compiled) if (outgrown || c.cachedData === undefined || c.script.cachedDataRejected) writeCache(c.script, c.cacheFile);
});
const command = /^[a-z-]+$/.test(args[0] ?? '') ? args[0] : 'other';
const bundlePath = (name) => fileURLToPath(new URL(`../build/bundle/${name}`, import.meta.url));
const VENDORED = { '@puppeteer/browsers': 'vendor/puppeteer.cjs', 'puppeteer-core': 'vendor/puppeteer.cjs', 'pdf-lib': 'vendor/pdf-lib.cjs' };
const vendors = new Map();
const vendored = (id) => {
  const name = VENDORED[id];
  if (!vendors.has(name)) vendors.set(name, load(bundlePath(name)));
  return vendors.get(name).packages[id];
};
const cli = load(bundlePath('broadside.cjs'), (require) => Object.assign((id) => (Object.hasOwn(VENDORED, id) ? vendored(id) : require(id)), require));
process.exitCode = await cli.main(args, process);

/** Compiles and runs one CommonJS bundle with its code cache; returns its exports. */
function load(file, wrapRequire = (require) => require) {
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
  const before = compiled.length === 0 ? baseline : compiledCode();
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  compiled.push({ script, cacheFile, cachedData, fromCache: compiledCode() - before });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, wrapRequire(createRequire(file)), module, file, dirname(file));
  return module.exports;
}

function writeCache(script, path) {
  try {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, path);
  } catch {
    // A read-only install runs without the cache.
  }
}
