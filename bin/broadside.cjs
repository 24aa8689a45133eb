#!/usr/bin/env node
'use strict';
// Node 22+ keeps the compiled CLI between runs (in the OS temp folder); Node 20 compiles it each time.
require('node:module').enableCompileCache?.();
const bundle = require('node:path').join(__dirname, '../build/bundle/broadside.cjs');
if (!require('node:fs').existsSync(bundle)) {
  process.stderr.write(`broadside: ${bundle} is missing; run \`npm run bundle\` (npm ci runs it).\n`);
  process.exit(2);
}
require(bundle).main(process.argv.slice(2), process).then((code) => (process.exitCode = code));
