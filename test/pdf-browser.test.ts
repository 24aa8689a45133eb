import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../src/io/browser.js';
import { makeProject, spawnCli } from './helpers.js';

const CONFIG = (extra: string): string => `sourceLanguage: en
languages:
  - code: en
  - code: he
  - code: ar
    numbering: arab
  - code: es
  - code: fr
pdf:
${extra}
`;

/** A stand-in browser executable: a shell script, for counting launches or playing a broken browser. */
async function script(dir: string, name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('the browser', () => {
  it('is launched once for a whole build, whatever the number of PDFs', async () => {
    const real = (await findBrowser(undefined, process.env))!.executablePath;
    const project = await makeProject();
    const counter = join(project, 'launches');
    const wrapper = await script(project, 'counting-browser', `echo launch >> "${counter}"\nexec "${real}" "$@"`);
    await writeFile(join(project, 'broadside.yaml'), CONFIG(`  executablePath: ${wrapper}\n  concurrency: 2`));
    const result = await spawnCli(['build', '--format', 'pdf'], project);
    expect(result.stderr).toContain('Wrote 5 files');
    expect((await readFile(counter, 'utf8')).trim().split('\n')).toEqual(['launch']);
  });

  it('that crashes on start is reported clearly, with exit code 8 and no output written', async () => {
    const project = await makeProject();
    const broken = await script(project, 'crashing-browser', 'echo "Segmentation fault" >&2; exit 139');
    await writeFile(join(project, 'broadside.yaml'), CONFIG(`  executablePath: ${broken}`));
    const result = await spawnCli(['build'], project);
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/error: the browser at .*crashing-browser \(found via setting\) did not start/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(project)).not.toContain('dist');
  });

  it('that takes too long is stopped after pdf.timeoutSeconds, with no partial PDF left behind', async () => {
    const project = await makeProject();
    await writeFile(join(project, 'broadside.yaml'), CONFIG('  timeoutSeconds: 0.05'));
    const result = await spawnCli(['build'], project);
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/did not (start|finish .* within 0\.05 s)/);
    expect((await readdir(project)).filter((name) => name.includes('dist'))).toEqual([]);
  });
});
