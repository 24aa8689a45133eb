/**
 * Shared test helpers. Every temporary file or folder a test makes comes from `tempDir()` (or
 * `makeProject()`, which uses it): the folder is removed after the test that made it, or after the
 * file's last test when made in `beforeAll`. Never call `mkdtemp` yourself. `test/global-setup.ts`
 * gives each run its own temporary folder and fails the run when a test leaves anything in it.
 *
 * Tests hold under load (a shared 2-core machine): assert no wall-clock limits (speed belongs in
 * `npm run bench`), and give anything that starts a browser a generous time budget.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { main } from '../src/cli/main.js';

export const REPO = fileURLToPath(new URL('..', import.meta.url));

const madeInTest: string[] = [];
const madeInFile: string[] = [];
let inTest = false;
beforeEach(() => {
  inTest = true;
});
// Registered first, so it runs after the test file's own afterEach (which may still use the folder).
afterEach(async () => {
  inTest = false;
  await removeAll(madeInTest);
});
afterAll(() => removeAll(madeInFile));

async function removeAll(dirs: string[]): Promise<void> {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
}

/** A new empty folder `broadside-<prefix>-…` in the temporary directory, removed when the test (or, from `beforeAll`, the file) ends. */
export async function tempDir(prefix = 'test'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `broadside-${prefix}-`));
  (inTest ? madeInTest : madeInFile).push(dir);
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with `cwd` as the project folder. */
export async function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { ...env },
    cwd: () => cwd,
  });
  return { code, stdout, stderr };
}

/** Runs the compiled CLI as a real process (for signals, exit codes and stdout/stderr separation). */
export function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO, 'bin/broadside.cjs'), ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A throw-away copy of the shipped project (config, statements, translations), with `files`
 * written over it. Returns its folder.
 */
export async function makeProject(files: Record<string, string | Uint8Array> = {}, { shipped = true } = {}): Promise<string> {
  const dir = await tempDir('test');
  if (shipped) {
    await cp(join(REPO, 'broadside.yaml'), join(dir, 'broadside.yaml'));
    await cp(join(REPO, 'statements'), join(dir, 'statements'), { recursive: true });
    await cp(join(REPO, 'translations'), join(dir, 'translations'), { recursive: true });
  }
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

export async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** `broadside xliff export ARGS --out -` in `dir`, which must succeed: the XLIFF text. */
export async function exportedXliff(dir: string, ...args: string[]): Promise<string> {
  const result = await runCli(['xliff', 'export', ...args, '--out', '-'], dir);
  if (result.code !== 0) throw new Error(`xliff export ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

/** The <unit> (2.0) or <trans-unit> (1.2) element with this id, as text. */
export function xliffUnit(xliff: string, id: string): string {
  const match = new RegExp(`<(unit|trans-unit) id="${id}"[\\s\\S]*?</\\1>`).exec(xliff);
  if (!match) throw new Error(`no unit ${id}`);
  return match[0];
}
