#!/usr/bin/env node
// Runs the bundled CLI (build/bundle/broadside.cjs, made by `npm run bundle`) through V8's code
// cache, because compiling the bundle costs more than running most commands. Node 20 has no
// module.enableCompileCache(), hence a CommonJS bundle compiled with vm.Script.
// Each command keeps its own cache, named after the bundle's size and time so that a rebuilt
// bundle never meets old code. A cache is written when there is none, when V8 rejects it, or when
// a run had to compile much more than the cache held (say, a first `build --help`, then a build).
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapCodeStatistics } from 'node:v8';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('../build/bundle/broadside.cjs', import.meta.url));
const args = process.argv.slice(2);
let stamp;
try {
  stamp = statSync(bundle);
} catch {
  process.stderr.write(`broadside: ${bundle} is missing; run \`npm run bundle\` (npm ci runs it).\n`);
  process.exit(2);
}
const command = /^[a-z-]+$/.test(args[0] ?? '') ? args[0] : 'other';
const cacheFile = `${bundle}.${stamp.size}-${Math.trunc(stamp.mtimeMs)}.${command}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const compiledCode = () => getHeapCodeStatistics().bytecode_and_metadata_size;
const before = compiledCode();
const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
const fromCache = compiledCode() - before;
process.once('exit', () => {
  if (cachedData === undefined || script.cachedDataRejected || compiledCode() - before - fromCache > fromCache / 2) writeCache();
});
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(bundle), cli, bundle, dirname(bundle));
process.exitCode = await cli.exports.main(args, process);

function writeCache() {
  try {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
  } catch {
    // A read-only install runs without the cache.
  }
}
