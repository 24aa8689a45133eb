import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, type CliResult } from './helpers.js';

/**
 * The package as users get it: packed, installed from the tarball into empty folders outside the
 * repository, and run there on the Node that runs this test (`.ci/run` runs it on Node 22 and 24 too).
 * `npm pack --ignore-scripts`: the global setup has just bundled the CLI, and other test files use
 * that bundle while this one runs.
 */
const INSTALL = 10 * 60_000;
let base: string;
let tarball: string;
let project: string;

/** npm and every `#!/usr/bin/env node` script run on this Node too. */
const ENV = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`, PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...ENV, ...env }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
const npm = (args: string[], cwd: string, env?: NodeJS.ProcessEnv) => run('npm', args, cwd, env);
/** The installed command, started by this Node. */
const broadside = (args: string[], cwd: string, env?: NodeJS.ProcessEnv) => run(process.execPath, [join(project, 'node_modules/.bin/broadside'), ...args], cwd, env);

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'broadside-package-'));
  const packed = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', base], REPO);
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(base, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
  project = join(base, 'project');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), `${JSON.stringify({ name: 'our-statements', private: true }, null, 2)}\n`);
  const installed = await npm(['install', '--save-dev', '--prefer-offline', tarball], project);
  expect(installed.code, installed.stderr).toBe(0);
}, INSTALL);

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe(`the packed package on Node ${process.version}`, () => {
  it('holds the built CLI, its templates, its README and licence, and no tests or fixtures', async () => {
    const listed = await run('tar', ['-tzf', tarball], base);
    expect(listed.stdout.trim().split('\n').sort()).toEqual([
      'package/LICENSE',
      'package/README.md',
      'package/bin/broadside.cjs',
      'package/build/bundle/broadside.cjs',
      'package/build/bundle/pdf-lib.cjs',
      'package/build/bundle/puppeteer-browsers.cjs',
      'package/build/bundle/puppeteer-core.cjs',
      'package/package.json',
      'package/templates/broadside.css',
      'package/templates/edition-print.css',
      'package/templates/edition.css',
      'package/templates/edition.html',
      'package/templates/page.html',
      'package/templates/print.css',
      'package/templates/strings.yaml',
    ]);
    expect(JSON.parse(await readFile(join(project, 'package.json'), 'utf8')).devDependencies.broadside).toMatch(/broadside-\d+\.\d+\.\d+\.tgz$/);
  });

  it('as a devDependency: init, build (HTML, text and PDF with the fonts of the installed package), status and check', async () => {
    const init = await run('npx', ['broadside', 'init', '.', '--lang', 'he,ar,fr'], project);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('Created broadside.yaml\n');

    const build = await broadside(['build'], project);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/Wrote 12 files to /);
    const pdf = join(project, 'dist/our-statement/he/our-statement.he.pdf');
    expect((await run('pdftotext', [pdf, '-'], project)).stdout).toContain('Our Statement');
    expect((await run('pdffonts', [pdf], project)).stdout).toMatch(/NotoSerif/);
    expect((await readdir(join(project, 'dist/assets/fonts'))).some((name) => name.endsWith('.woff2'))).toBe(true);
    expect((await broadside(['verify'], project)).code).toBe(0);

    const status = await broadside(['status'], join(project, 'statements'));
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^our-statement: 6 segments/);
    const check = await broadside(['check', '--format', 'json'], project);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout).errors).toBe(0);
  }, INSTALL);

  it(`starts with Node's compile cache where Node has one (22 and later), plainly on Node 20`, async () => {
    const temp = join(base, 'temp');
    await mkdir(temp);
    const version = await broadside(['--version'], project, { TMPDIR: temp, NODE_COMPILE_CACHE: '' });
    expect(version.stdout).toBe(`${JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')).version}\n`);
    const cache = join(temp, 'node-compile-cache');
    if (Number(process.versions.node.split('.')[0]) >= 22) expect((await readdir(cache, { recursive: true })).length).toBeGreaterThan(0);
    else expect(existsSync(cache)).toBe(false);
  });

  it('installed globally (npm install -g), and run once with npx from the tarball', async () => {
    const prefix = join(base, 'global');
    const global = await npm(['install', '-g', '--prefer-offline', '--prefix', prefix, tarball], base);
    expect(global.code, global.stderr).toBe(0);
    const elsewhere = join(base, 'elsewhere');
    await mkdir(elsewhere);
    const init = await run(process.execPath, [join(prefix, 'bin/broadside'), 'init', 'site', '--lang', 'es'], elsewhere);
    expect(init.code, init.stderr).toBe(0);
    const built = await run(process.execPath, [join(prefix, 'bin/broadside'), '-C', 'site', 'build', '--format', 'html,txt', '-q'], elsewhere);
    expect(built).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(join(elsewhere, 'site/dist/our-statement/es/our-statement.es.txt'))).toBe(true);

    // A cache of its own, so that npx leaves nothing behind in the user's npm cache either.
    const once = await run('npx', ['--yes', '--cache', join(base, 'npx-cache'), '--package', tarball, '--', 'broadside', '--version'], elsewhere);
    expect(once.code, once.stderr).toBe(0);
    expect(once.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, INSTALL);
});
