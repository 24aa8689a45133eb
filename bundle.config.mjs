// `npm run bundle`: the CLI as one CommonJS file, build/bundle/broadside.cjs, which bin/broadside.cjs
// loads. CommonJS because Node 20 starts it faster than an ES module; import() of a bundled module
// becomes a require() called when the command needs it, so each command's code is still loaded
// lazily. Puppeteer and pdf-lib stay packages of their own in node_modules (dependencies),
// required only when a PDF is printed.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'build/bundle/broadside.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  external: ['puppeteer', 'puppeteer-core', '@puppeteer/browsers', 'pdf-lib'],
  supported: { 'dynamic-import': false },
  minifyWhitespace: true,
  minifySyntax: true,
  // src/io/package-root.ts finds templates/ and package.json from the module's own URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
