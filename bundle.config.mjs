// `npm run bundle`: the CLI as CommonJS files in build/bundle/, which bin/broadside.cjs loads.
// CommonJS because Node 20 starts it faster than an ES module; import() of a bundled module becomes
// a require() called when the command needs it, so each command's code runs only when used.
// Puppeteer and pdf-lib, two thirds of the code and needed only for PDFs, are bundles of their own
// beside the CLI's, read only when a PDF is printed: one file each loads far faster than the
// hundreds they come in. Left out: what only a browser download through a proxy and
// @puppeteer/browsers' own command line need, required from node_modules if ever.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Whatever an earlier bundle (or an earlier layout of it) left there would be packed and shipped.
rmSync('build/bundle', { recursive: true, force: true });

/** Packages bundled apart, and the file each becomes. */
const APART = { 'puppeteer-core': 'puppeteer-core.cjs', '@puppeteer/browsers': 'puppeteer-browsers.cjs', 'pdf-lib': 'pdf-lib.cjs' };

/** An import of a package bundled apart, from any bundle, requires that bundle instead. */
const apart = {
  name: 'apart',
  setup(build) {
    build.onResolve({ filter: /^(puppeteer-core|@puppeteer\/browsers|pdf-lib)$/ }, (args) => (args.kind === 'entry-point' ? undefined : { path: `./${APART[args.path]}`, external: true }));
  },
};

await build({
  entryPoints: [
    { in: 'src/cli/main.ts', out: 'broadside' },
    ...Object.entries(APART).map(([name, file]) => ({ in: name, out: file.replace(/\.cjs$/, '') })),
  ],
  outdir: 'build/bundle',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  plugins: [apart],
  external: ['pac-proxy-agent', 'socks-proxy-agent', 'yargs'],
  supported: { 'dynamic-import': false },
  minifyWhitespace: true,
  minifySyntax: true,
  // src/io/package-root.ts finds templates/ and package.json from the module's own URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
