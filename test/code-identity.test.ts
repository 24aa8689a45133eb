import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityOf } from '../src/io/code-identity.js';
import { makeProject, REPO, tempDir, type CliResult } from './helpers.js';

/** Without a browser: a build that would print a PDF fails with exit 7, one that prints none succeeds. */
const NO_BROWSER = { PATH: '/nonexistent', HOME: '/nonexistent' };

describe('the code identity in the cache keys', () => {
  it('changes when any file of the code changes, and only then', async () => {
    const code = await tempDir('code');
    await mkdir(join(code, 'bundle'));
    await writeFile(join(code, 'bundle/broadside.cjs'), 'module.exports = 1;\n');
    const first = await identityOf([code]);
    expect(await identityOf([code])).toBe(first);
    await appendFile(join(code, 'bundle/broadside.cjs'), '// a fix\n');
    const changed = await identityOf([code]);
    expect(changed).not.toBe(first);
    await writeFile(join(code, 'bundle/pdf-lib.cjs'), 'module.exports = 2;\n');
    expect(await identityOf([code])).not.toBe(changed);
  });

  it('makes a PDF again after the CLI itself changed, with the same inputs', async () => {
    // A copy of the installed CLI whose bundle the test may change; its packages are the repository's.
    const app = await tempDir('app');
    for (const entry of ['package.json', 'bin', 'build', 'templates']) await cp(join(REPO, entry), join(app, entry), { recursive: true });
    await symlink(join(REPO, 'node_modules'), join(app, 'node_modules'));
    const project = await makeProject();
    const cli = (env: NodeJS.ProcessEnv = {}): Promise<CliResult> => run(join(app, 'bin/broadside.cjs'), ['build', '--lang', 'en'], project, env);

    const cold = await cli();
    expect(cold.code, cold.stderr).toBe(0);
    // Same code, same inputs: nothing to print, so no browser is needed.
    expect((await cli(NO_BROWSER)).code).toBe(0);
    await appendFile(join(app, 'build/bundle/broadside.cjs'), '\n// a fix in the printer\n');
    const changed = await cli(NO_BROWSER);
    expect(changed.code, changed.stderr).toBe(7);
    expect(changed.stderr).toContain('no browser found');
  });
});

function run(script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
